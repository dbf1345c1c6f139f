package org.lacuna.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.lacuna.config.ExampleMode;
import org.lacuna.config.GradientScale;
import org.lacuna.config.ModelConfig;
import org.lacuna.config.Presets;
import org.lacuna.config.RunConfig;
import org.lacuna.config.TrainConfig;
import org.lacuna.data.DataSplit;
import org.lacuna.data.Datasets;
import org.lacuna.runtime.Backend;
import org.lacuna.store.RunDirectory;
import org.lacuna.store.RunLock;
import org.lacuna.store.StepRecord;
import org.lacuna.store.ValidationRecord;
import org.lacuna.train.Trainer;
import org.lacuna.train.WriteFailurePolicy;
import org.lacuna.train.TrainerState;
import org.lacuna.train.TrainingListener;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train a model on an image folder or Fashion-MNIST IDX files.",
                "Rerunning with the same --run resumes the run from its latest checkpoint (only --steps may change);",
                "Ctrl+C stops at a step boundary with a checkpoint."})
final class TrainCommand implements Callable<Integer> {

    @Option(names = "--preset", paramLabel = "NAME", description = "coco64 or fashion32 (required for a new run)")
    String preset;

    @Option(names = "--conditioning", paramLabel = "MODE", converter = ModelOptions.ConditioningConverter.class,
            description = "every-level (default) or top-only")
    org.lacuna.config.Conditioning conditioning;

    @Option(names = "--data", paramLabel = "PATH", description = "an image folder (recursive) or a folder of IDX files")
    Path data;

    @Option(names = "--mode", paramLabel = "MODE", converter = ModeConverter.class,
            description = "resize (the reference recipe's) or crops")
    ExampleMode mode;

    @Option(names = "--recipe", paramLabel = "NAME", defaultValue = "reference",
            description = "the training recipe the other options change: reference (MODEL.md's) or photos (the"
                    + " shipped coco64's: crops with flips, per-image clipping at 200, ...); default ${DEFAULT-VALUE}")
    String recipe;

    @Option(names = "--init", paramLabel = "FILE",
            description = "a new run starts from this model file's weights (its EMA if it has one) instead of random"
                    + " ones; the optimizer starts afresh")
    Path init;

    @Option(names = "--run", required = true, paramLabel = "DIR", description = "the run folder")
    Path run;

    @Option(names = "--steps", paramLabel = "N", description = "total optimiser steps (default 20000)")
    Long steps;

    @Option(names = "--batch", paramLabel = "B", description = "images per step (default 32)")
    Integer batch;

    @Option(names = "--lr", paramLabel = "RATE", description = "Adam's learning rate (default 2e-4)")
    Double lr;

    @Option(names = "--lr-warmup", paramLabel = "STEPS", description = "learning-rate warm-up steps (default 0)")
    Long lrWarmup;

    @Option(names = "--kl-warmup", paramLabel = "STEPS", description = "KL warm-up steps (default 5000)")
    Long klWarmup;

    @Option(names = "--clip", paramLabel = "NORM", description = "gradient-norm clip threshold (reference: 200)")
    Double clip;

    @Option(names = "--skip", paramLabel = "NORM", description = "gradient-norm skip threshold (reference: 400)")
    Double skip;

    @Option(names = "--gradient-scale", paramLabel = "UNIT", converter = ScaleConverter.class,
            description = "what --clip and --skip are measured against: per-subpixel (the reference's; multiplied by"
                    + " the modelled sub-pixels) or per-image")
    GradientScale gradientScale;

    @Option(names = "--flips", negatable = true, paramLabel = "BOOL",
            description = "mirror crops-mode training examples left-right half the time")
    Boolean flips;

    @Option(names = "--snapshot-every", paramLabel = "K",
            description = "steps between slim copies of the EMA weights in snapshots/ (0 = none)")
    Long snapshotEvery;

    @Option(names = "--checkpoint-every", paramLabel = "K", description = "steps between checkpoints (default 1000)")
    Long checkpointEvery;

    @Option(names = "--validate-every", paramLabel = "K", description = "steps between validations (default 500)")
    Long validateEvery;

    @Option(names = "--seed", paramLabel = "S", description = "seed of the weights, data order and noise (default 1)")
    Long seed;

    @Option(names = "--print-every", paramLabel = "K", defaultValue = "20",
            description = "steps between progress lines (default ${DEFAULT-VALUE})")
    int printEvery;

    @Option(names = "--on-write-error", paramLabel = "WHAT", defaultValue = "continue",
            converter = WritePolicyConverter.class,
            description = "when a checkpoint, snapshot or preview cannot be written (a full disk): continue (the next"
                    + " write tries again) or stop (the run ends there); either way the file before stays and a"
                    + " warning names it (default ${DEFAULT-VALUE})")
    WriteFailurePolicy onWriteError;

    static final class WritePolicyConverter implements picocli.CommandLine.ITypeConverter<WriteFailurePolicy> {
        @Override
        public WriteFailurePolicy convert(String value) {
            return Cli.converted(() -> WriteFailurePolicy.parse(value));
        }
    }

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        RunDirectory dir = new RunDirectory(run);
        RunConfig config = dir.exists() ? resumedConfig(dir) : newConfig();
        try (RunLock lock = RunLock.acquire(dir.root())) {
            if (lock.staleOwner() > 0) {
                out.printf("note: %s was left locked by process %d, which is no longer running; taken over%n",
                        dir.root(), lock.staleOwner());
            }
            return train(out, dir, config);
        }
    }

    private int train(PrintWriter out, RunDirectory dir, RunConfig config) throws Exception {
        Backend.announce();
        TrainConfig tc = config.train();
        ModelConfig mc = config.model();
        DataSplit split = Datasets.openForTraining(Path.of(tc.data()), mc.imageSize(), mc.channels(), tc);
        out.printf("data: %s: %d usable files, %d skipped; %d training and %d validation examples per epoch%n",
                tc.data(), split.report().usableFiles(), split.report().skippedFiles(), split.train().size(),
                split.validation().size());
        Trainer trainer = init != null && !dir.exists() ? Trainer.start(dir, config, split, init)
                : Trainer.open(dir, config, split);
        long startStep = trainer.state().step();
        out.printf("run %s: %s (%s), step %d of %d%n", dir.root(), mc.name(), mc.conditioning(),
                startStep, tc.steps());
        trainer.setOnWriteFailure(onWriteError);
        Printer printer = new Printer(out, tc, dir, printEvery);
        trainer.addListener(printer);
        Thread main = Thread.currentThread();
        Thread hook = new Thread(() -> {
            Cli.markShuttingDown();
            trainer.control().stop();
            try {
                main.join(120_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "lacuna-train-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        TrainerState end;
        try {
            end = trainer.run();
        } finally {
            // removed whatever happened: after a fatal error main calls System.exit, and a hook that joins main
            // would wait out its timeout
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM is already shutting down (Ctrl+C): the hook is waiting for us
            }
        }
        boolean saved = printer.lastCheckpoint == end.step()
                || end.step() == startStep && Files.isRegularFile(dir.latestCheckpoint());
        if (!saved) {
            String last = printer.lastCheckpoint >= 0 ? "the last checkpoint written is of step "
                    + printer.lastCheckpoint + ", " + dir.latestCheckpoint()
                    : startStep > 0 && Files.isRegularFile(dir.latestCheckpoint())
                    ? "the last checkpoint is of step " + startStep + ", " + dir.latestCheckpoint()
                    : "no checkpoint of the run has been written";
            throw new IOException("stopped at step " + end.step() + " of " + tc.steps()
                    + ", but its checkpoint could not be written (see the warnings above); " + last);
        }
        out.printf("stopped at step %d of %d; checkpoint %s%n", end.step(), tc.steps(), dir.latestCheckpoint());
        return 0;
    }

    private RunConfig newConfig() {
        if (preset == null || data == null) {
            throw new IllegalArgumentException("a new run needs --preset and --data");
        }
        ModelConfig model = ModelOptions.model(preset, conditioning);
        TrainConfig.Builder b = Presets.recipe(recipe, data.toAbsolutePath().toString()).toBuilder();
        TrainConfig r = b.build();
        Optional.ofNullable(mode).ifPresent(b::mode);
        Optional.ofNullable(seed).ifPresent(b::seed);
        Optional.ofNullable(batch).ifPresent(b::batchSize);
        Optional.ofNullable(lr).ifPresent(b::learningRate);
        Optional.ofNullable(lrWarmup).ifPresent(b::lrWarmupSteps);
        Optional.ofNullable(klWarmup).ifPresent(b::klWarmupSteps);
        if (clip != null || skip != null || gradientScale != null) {
            b.gradientLimits(clip == null ? r.clipNorm() : clip, skip == null ? r.skipNorm() : skip,
                    gradientScale == null ? r.gradientScale() : gradientScale);
        }
        Optional.ofNullable(flips).ifPresent(b::flips);
        Optional.ofNullable(checkpointEvery).ifPresent(b::checkpointEvery);
        Optional.ofNullable(validateEvery).ifPresent(b::validateEvery);
        Optional.ofNullable(snapshotEvery).ifPresent(b::snapshotEvery);
        Optional.ofNullable(steps).ifPresent(b::steps);
        return new RunConfig(model, b.build());
    }

    /** An existing run's config, with --steps applied; any other option that disagrees is an error. */
    private RunConfig resumedConfig(RunDirectory dir) throws IOException {
        RunConfig existing = dir.readConfig();
        List<String> conflicts = new ArrayList<>();
        TrainConfig t = existing.train();
        differs(conflicts, "--preset", preset, existing.model().name());
        differs(conflicts, "--conditioning", conditioning, existing.model().conditioning());
        differs(conflicts, "--data", data == null ? null : data.toAbsolutePath().toString(), t.data());
        differs(conflicts, "--mode", mode, t.mode());
        differs(conflicts, "--batch", batch, t.batchSize());
        differs(conflicts, "--lr", lr, t.learningRate());
        differs(conflicts, "--lr-warmup", lrWarmup, t.lrWarmupSteps());
        differs(conflicts, "--kl-warmup", klWarmup, t.klWarmupSteps());
        differs(conflicts, "--clip", clip, t.clipNorm());
        differs(conflicts, "--skip", skip, t.skipNorm());
        differs(conflicts, "--gradient-scale", gradientScale, t.gradientScale());
        differs(conflicts, "--flips", flips, t.flips());
        differs(conflicts, "--checkpoint-every", checkpointEvery, t.checkpointEvery());
        differs(conflicts, "--validate-every", validateEvery, t.validateEvery());
        differs(conflicts, "--snapshot-every", snapshotEvery, t.snapshotEvery());
        differs(conflicts, "--seed", seed, t.seed());
        if (init != null) {
            conflicts.add("--init (only a new run starts from other weights)");
        }
        if (!conflicts.isEmpty()) {
            throw new IllegalArgumentException(dir.root() + " is an existing run whose settings differ in "
                    + String.join(", ", conflicts) + "; resume it with only --run [--steps N], or use a new --run");
        }
        return steps == null ? existing : new RunConfig(existing.model(), t.withSteps(steps));
    }

    private static void differs(List<String> conflicts, String option, Object given, Object existing) {
        if (given != null && !given.equals(existing)) {
            conflicts.add(option);
        }
    }

    static final class ModeConverter implements picocli.CommandLine.ITypeConverter<ExampleMode> {
        @Override
        public ExampleMode convert(String value) {
            return Cli.converted(() -> ExampleMode.parse(value));
        }
    }

    static final class ScaleConverter implements picocli.CommandLine.ITypeConverter<GradientScale> {
        @Override
        public GradientScale convert(String value) {
            return Cli.converted(() -> GradientScale.parse(value));
        }
    }

    /** Progress lines, validation lines and preview grids. */
    private static final class Printer implements TrainingListener {
        private final PrintWriter out;
        private final TrainConfig tc;
        private final RunDirectory dir;
        private final int every;
        /** The step of the last latest checkpoint written in this process (-1: none). */
        volatile long lastCheckpoint = -1;

        Printer(PrintWriter out, TrainConfig tc, RunDirectory dir, int every) {
            this.out = out;
            this.tc = tc;
            this.dir = dir;
            this.every = Math.max(1, every);
        }

        @Override
        public void onStep(StepRecord r) {
            if (r.step() % every != 0 && r.step() != tc.steps()) {
                return;
            }
            StringBuilder kl = new StringBuilder();
            for (double k : r.kl()) {
                kl.append(kl.length() == 0 ? "" : "/").append(String.format(Locale.ROOT, "%.1f", k));
            }
            double eta = r.imagesPerSecond() > 0 ? (tc.steps() - r.step()) * (double) tc.batchSize() / r.imagesPerSecond() : 0;
            out.printf(Locale.ROOT, "step %d/%d  loss %.1f  bpd %.3f  recon %.1f  kl %s  beta %.2f  |g| %.1f%s  %.1f img/s  ETA %s%n",
                    r.step(), tc.steps(), r.loss(), r.bpd(), r.recon(), kl, r.beta(), r.gradNorm(),
                    r.skips() > 0 ? "  skipped " + r.skips() : "", r.imagesPerSecond(), duration(eta));
        }

        @Override
        public void onCheckpoint(long step, Path file, boolean best) {
            if (!best) {
                lastCheckpoint = step;
            }
        }

        @Override
        public void onWriteFailed(long step, Path file, String message) {
            out.println("warning: " + message);
        }

        @Override
        public void onValidation(ValidationRecord r) {
            out.printf(Locale.ROOT, "validation at step %d: bpd %.4f on %d images%s%n", r.step(), r.bpd(), r.images(),
                    r.best() ? " (best)" : "");
        }

        static String duration(double seconds) {
            long s = Math.round(seconds);
            return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60);
        }
    }
}
