package org.lacuna.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.lacuna.config.MaskDistribution;
import org.lacuna.config.ModelConfig;
import org.lacuna.config.RunConfig;
import org.lacuna.config.TrainConfig;
import org.lacuna.data.Batch;
import org.lacuna.data.BatchLoader;
import org.lacuna.data.DataSplit;
import org.lacuna.data.Dataset;
import org.lacuna.data.Images;
import org.lacuna.data.MaskSampler;
import org.lacuna.data.Raster;
import org.lacuna.data.Seeds;
import org.lacuna.data.Tensors;
import org.lacuna.model.Hvae;
import org.lacuna.model.LossTerms;
import org.lacuna.model.ModelFiles;
import org.lacuna.sample.TreeGrid;
import org.lacuna.store.RunDirectory;
import org.lacuna.store.StepRecord;
import org.lacuna.store.ValidationRecord;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The training loop of one run: KL warm-up, the defensive optimiser step, an EMA of the weights (used for
 * validation, previews and sampling), periodic validation, "latest" and "best" checkpoints, metrics.jsonl, and
 * pause / resume / stop from other threads through a {@link TrainingControl}. The noise of step t is drawn from a
 * generator seeded by (seed, t) and the data order is a function of the position, so a run resumed from a
 * checkpoint continues exactly as if it had never stopped. Runs on the calling thread; owns its models.
 */
public final class Trainer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);
    /** To the log file only (a logger outside org.lacuna): for what the listeners already show. */
    private static final Logger FILE_LOG = LoggerFactory.getLogger("lacuna.log-file-only.Trainer");
    /** Validation images shown in previews. */
    public static final int PREVIEW_IMAGES = 8;
    private static final int PREFETCH = 4;
    /** Mixed into the seed for the fixed noise of validation. */
    private static final long VALIDATION_NOISE = 0x76616C6E6F697365L;

    private final RunDirectory run;
    private final RunConfig config;
    private final DataSplit data;
    private final Hvae model;
    private final Hvae ema;
    private final Optimizer optimizer;
    private final TrainingControl control = new TrainingControl();
    private final List<TrainingListener> listeners = new CopyOnWriteArrayList<>();
    private WriteFailurePolicy onWriteFailure = WriteFailurePolicy.CONTINUE;
    private int writeFailures;
    private TrainerState state;
    private final NoiseSource noise;

    private Trainer(RunDirectory run, RunConfig config, DataSplit data, Hvae model, Hvae ema, Optimizer optimizer,
                    TrainerState state) {
        this.run = run;
        this.config = config;
        this.data = data;
        this.model = model;
        this.ema = ema;
        this.optimizer = optimizer;
        this.state = state;
        this.noise = new NoiseSource(config.model(), config.train().batchSize(), config.train().seed());
    }

    /**
     * Adam for a run. The loss is in nats per image, summed over the modelled sub-pixels, so its gradient norm
     * grows with their number; the config's clip and skip thresholds are in its {@code gradientScale}'s unit
     * (per modelled sub-pixel as in vdvae, whose loss is per dimension, or per image) and are turned into norms of
     * the loss's gradient here.
     */
    public static AdamSettings adamSettings(TrainConfig train, ModelConfig model) {
        double factor = train.gradientScale().factor(model);
        return new AdamSettings(train.learningRate(), 0.9, 0.999, 1e-8, train.clipNorm() * factor,
                train.skipNorm() * factor);
    }

    /**
     * Opens a run: a new one (config.json written, weights initialised from the seed) or, when the folder holds a
     * run, that run resumed from its latest checkpoint. The folder's config must then match {@code config} except
     * for the total number of steps, which may change.
     */
    public static Trainer open(RunDirectory run, RunConfig config, DataSplit data) throws IOException {
        if (run.exists()) {
            RunConfig existing = run.readConfig();
            if (!existing.model().equals(config.model())
                    || !existing.train().withScheduleOf(config.train()).equals(config.train())) {
                throw new IOException(run.root() + " holds a run with another configuration; choose another run folder"
                        + " or the same settings (only --steps and --lr-decay may change)");
            }
        }
        int unfinished = run.removeUnfinishedWrites();
        if (unfinished > 0) {
            LOG.info("{}: removed {} unfinished write(s) of an earlier process", run.root(), unfinished);
        }
        run.writeConfig(config);
        if (Files.exists(run.latestCheckpoint())) {
            Checkpoint.Restored r = Checkpoint.load(run.latestCheckpoint(), config.model(), config.train());
            run.truncateMetricsAfter(r.state().step());
            LOG.info("resuming {} at step {}", run.root(), r.state().step());
            return new Trainer(run, config, data, r.model(), r.ema(), r.optimizer(), r.state());
        }
        Path resumeFrom = resumePointWithoutLatest(run, config.train());
        if (resumeFrom != null) {
            Checkpoint.Restored r = Checkpoint.load(resumeFrom, config.model(), config.train());
            run.truncateMetricsAfter(r.state().step());
            LOG.warn("{} is missing: resuming {} from {} at step {}", run.latestCheckpoint(), run.root(), resumeFrom,
                    r.state().step());
            return new Trainer(run, config, data, r.model(), r.ema(), r.optimizer(), r.state());
        }
        run.truncateMetricsAfter(0);
        Hvae model = Hvae.create(config.model(), config.train().seed());
        Hvae ema = model.copy();
        return new Trainer(run, config, data, model, ema, new Optimizer(model, adamSettings(config.train(), config.model())),
                TrainerState.initial());
    }

    /**
     * Where a run whose latest checkpoint is missing goes on from: its best checkpoint when there is one (a complete
     * training state, and starting afresh would overwrite that better model with a worse one); null (a start from step
     * 0) when the run never got far enough to write a checkpoint; otherwise the run is refused, naming the missing file,
     * since starting again would throw its steps away.
     */
    static Path resumePointWithoutLatest(RunDirectory run, TrainConfig train) throws IOException {
        if (Files.isRegularFile(run.bestCheckpoint())) {
            return run.bestCheckpoint();
        }
        long logged = run.lastLoggedStep();
        if (logged > train.checkpointEvery()) {
            throw new IOException(run.latestCheckpoint() + " is missing, and " + run.metricsFile() + " shows the run"
                    + " reached step " + logged + ": put the checkpoint back to resume, or delete "
                    + RunDirectory.METRICS + " to train the run again from step 0");
        }
        return null;
    }

    /**
     * Starts a new run whose weights (and their EMA) are those {@code init} samples with (a model file's EMA when it
     * has one), for a warm start; the optimizer and the step start afresh. The data, the noise and the EMA's
     * warm-up go on from the steps the weights had (the step {@code init} records): a warm start sees new crops,
     * holes and noise, not those its weights were trained on first. {@code init} must be of the run's model
     * configuration.
     */
    public static Trainer start(RunDirectory run, RunConfig config, DataSplit data, java.nio.file.Path init)
            throws IOException {
        if (run.exists()) {
            throw new IOException(run.root() + " already holds a run: a warm start needs a new run folder");
        }
        Hvae model = ModelFiles.load(init);
        if (!model.config().equals(config.model())) {
            throw new IOException(init + " is a model of another configuration (" + model.config().name() + ", "
                    + model.config().conditioning() + ") than the run's (" + config.model().name() + ", "
                    + config.model().conditioning() + ")");
        }
        long stepsBefore = org.lacuna.store.ModelFile.read(init).header().step();
        run.writeConfig(config);
        run.truncateMetricsAfter(0);
        LOG.info("new run {} starting from the weights of {} (step {})", run.root(), init, stepsBefore);
        return new Trainer(run, config, data, model, model.copy(),
                new Optimizer(model, adamSettings(config.train(), config.model())),
                TrainerState.warmStart(stepsBefore, config.train().batchSize()));
    }

    public void addListener(TrainingListener listener) {
        listeners.add(listener);
    }

    public TrainingControl control() {
        return control;
    }

    public TrainerState state() {
        return state;
    }

    public RunConfig config() {
        return config;
    }

    /** A copy of the EMA weights, safe to sample from on another thread (taken between steps by the caller). */
    public Hvae emaSnapshot() {
        return ema.copy();
    }

    /**
     * Trains until the run's steps are done or a stop is requested; then writes the latest checkpoint.
     * Returns the state at the end.
     */
    public TrainerState run() throws IOException, InterruptedException {
        TrainConfig tc = config.train();
        long lastSaved = state.step();
        ModelConfig mc = config.model();
        MaskSampler masks = new MaskSampler(tc.masks(), mc.imageSize(), mc.hole(), tc.seed());
        try (BatchLoader loader = new BatchLoader(data.train(), masks, tc.batchSize(), tc.seed(), state.dataPosition(),
                PREFETCH);
             RunDirectory.MetricsWriter metrics = run.openMetrics()) {
            ThroughputMeter meter = new ThroughputMeter();
            while (state.step() < tc.steps()) {
                if (!control.awaitRunnable()) {
                    break;
                }
                long started = System.nanoTime();
                Batch batch = loader.next();
                long step = state.step();
                double beta = tc.beta(step);
                Optimizer.Step result = optimizer.step(batch.images(), batch.masks(),
                        noise.draw(state.stepsBefore() + step), beta, tc.learningRate(step));
                if (!result.skipped()) {
                    updateEma(emaDecay(tc.emaRate(), state.stepsBefore() + optimizer.updates()));
                }
                double seconds = (System.nanoTime() - started) / 1e9;
                meter.add(tc.batchSize(), seconds);
                state = state.next(optimizer.updates(), optimizer.skips(), loader.position(), seconds);
                LossTerms t = result.terms();
                StepRecord record = new StepRecord(state.step(), t.loss(), t.recon(), t.kl(), t.bpd(), beta,
                        result.gradNorm(), result.skipped(), state.skips(), meter.imagesPerSecond(),
                        state.elapsedSeconds());
                metrics.write(record);
                listeners.forEach(l -> l.onStep(record));

                if (state.step() % tc.validateEvery() == 0 || state.step() == tc.steps()) {
                    validate(metrics);
                }
                if (state.step() % tc.checkpointEvery() == 0 && saveLatest()) {
                    lastSaved = state.step();
                }
                if (tc.snapshotEvery() > 0 && state.step() % tc.snapshotEvery() == 0) {
                    Path snapshot = run.snapshot(state.step());
                    write("the snapshot", snapshot, () -> ModelFiles.save(ema, state.step(), tc.masks(), snapshot));
                }
                if (state.step() % tc.previewEvery() == 0) {
                    preview();
                }
                org.lacuna.runtime.CollectionPolicy.afterStep(state.step(), optimizer.direct());
            }
        }
        if (state.step() != lastSaved) {
            saveLatest();
        }
        return state;
    }

    /** Releases the optimizer's native memory (the direct path's plans); the trainer cannot run afterwards. */
    @Override
    public void close() {
        optimizer.close();
    }

    /** Writes one of the run's files; a failure is reported, then the policy decides (see WriteFailurePolicy). */
    private boolean write(String what, Path file, IoAction action) throws IOException {
        try {
            action.run();
            return true;
        } catch (IOException e) {
            writeFailures++;
            String reason = file + ": " + org.lacuna.store.IoReasons.reason(e);
            String last = Files.exists(run.latestCheckpoint()) ? "the last good checkpoint, " + run.latestCheckpoint()
                    + ", is unchanged" : "no checkpoint has been written yet";
            String message = "cannot write " + what + " at step " + state.step() + " (" + reason + "); " + last
                    + (onWriteFailure == WriteFailurePolicy.STOP ? "; the run stops here"
                    : "; training goes on and the next write tries again");
            FILE_LOG.warn(message); // the listeners show it (the CLI prints it, the app notifies): once on screen
            listeners.forEach(l -> l.onWriteFailed(state.step(), file, message));
            if (onWriteFailure == WriteFailurePolicy.STOP) {
                throw new IOException(message, e);
            }
            return false;
        }
    }

    @FunctionalInterface
    private interface IoAction {
        void run() throws IOException;
    }

    /** What the run does when one of its files cannot be written; CONTINUE unless set. */
    public void setOnWriteFailure(WriteFailurePolicy policy) {
        this.onWriteFailure = policy;
    }

    /** How many writes of the run's files failed in this process. */
    public int writeFailures() {
        return writeFailures;
    }

    /**
     * The EMA's decay after n updates: min(rate, (1 + n) / (10 + n)), so that early in a run the average follows
     * the weights instead of holding on to their random start (0.999 alone keeps 60% of the start after 500 steps).
     */
    static double emaDecay(double rate, long updates) {
        return Math.min(rate, (1.0 + updates) / (10.0 + updates));
    }

    /** ema = rate * ema + (1 - rate) * params, in place. */
    private void updateEma(double rate) {
        for (String name : model.parameterNames()) {
            INDArray p = model.variable(name);
            ema.variable(name).subi(p).muli(rate).addi(p);
        }
    }

    private boolean saveLatest() throws IOException {
        if (!write("the checkpoint", run.latestCheckpoint(),
                () -> Checkpoint.save(run.latestCheckpoint(), model, ema, optimizer, state, config.train()))) {
            return false;
        }
        listeners.forEach(l -> l.onCheckpoint(state.step(), run.latestCheckpoint(), false));
        return true;
    }

    /** Validation with the EMA weights, beta = 1, fixed noise per batch; a new best writes the best checkpoint. */
    private void validate(RunDirectory.MetricsWriter metrics) throws IOException {
        Dataset validation = data.validation();
        TrainConfig tc = config.train();
        int total = (int) Math.min(validation.size(), (long) tc.validationBatches() * tc.batchSize());
        if (total == 0) {
            return;
        }
        ModelConfig mc = config.model();
        MaskSampler validationMasks = new MaskSampler(tc.masks(), mc.imageSize(), mc.hole(),
                Seeds.mix(tc.seed(), VALIDATION_NOISE));
        double recon = 0, bpd = 0;
        double[] kl = new double[mc.levelCount()];
        for (int start = 0; start < total; start += tc.batchSize()) {
            int n = Math.min(tc.batchSize(), total - start);
            Raster[] rasters = new Raster[n];
            for (int i = 0; i < n; i++) {
                rasters[i] = validation.example(start + i, 0);
            }
            INDArray[] e = new NoiseSource(mc, n, Seeds.mix(tc.seed(), VALIDATION_NOISE)).draw(start);
            INDArray m = tc.masks() == MaskDistribution.CENTRE ? null : Nd4j.create(validationMasks.block(start, n),
                    new long[]{n, 1, mc.imageSize(), mc.imageSize()}, 'c');
            LossTerms t = optimizer.evaluate(ema, Tensors.batch(rasters), m, e, 1.0);
            recon += t.recon() * n;
            bpd += t.bpd() * n;
            for (int l = 0; l < kl.length; l++) {
                kl[l] += t.kl()[l] * n;
            }
        }
        for (int l = 0; l < kl.length; l++) {
            kl[l] /= total;
        }
        double meanBpd = bpd / total;
        boolean best = meanBpd < state.bestValidationBpd();
        if (best) {
            state = state.withBest(meanBpd);
        }
        ValidationRecord record = new ValidationRecord(state.step(), recon / total, kl, meanBpd, total, best);
        metrics.write(record);
        listeners.forEach(l -> l.onValidation(record));
        if (best && write("the best checkpoint", run.bestCheckpoint(),
                () -> Checkpoint.save(run.bestCheckpoint(), model, ema, optimizer, state, config.train()))) {
            listeners.forEach(l -> l.onCheckpoint(state.step(), run.bestCheckpoint(), true));
        }
    }

    /**
     * The preview of this step: for the first validation windows, the window, the EMA's mean completion and one
     * sample, written to the run's previews/ folder as one grid (windows, means and samples in rows) and passed to
     * the listeners. A grid that cannot be written is logged; training goes on.
     */
    private void preview() throws IOException {
        Dataset validation = data.validation();
        int n = Math.min(PREVIEW_IMAGES, validation.size());
        if (n == 0) {
            return;
        }
        Preview preview = Preview.draw(ema, validation, n, state.step());
        List<Raster> rows = new ArrayList<>(preview.truth());
        rows.addAll(preview.means());
        rows.addAll(preview.samples());
        Path file = run.preview(state.step());
        write("the preview", file, () -> Images.write(TreeGrid.mosaic(rows, n, 2), file));
        listeners.forEach(l -> l.onPreview(preview));
    }
}
