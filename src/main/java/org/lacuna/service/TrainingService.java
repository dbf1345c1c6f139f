package org.lacuna.service;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.lacuna.config.ModelConfig;
import org.lacuna.config.Presets;
import org.lacuna.config.RunConfig;
import org.lacuna.data.DataSplit;
import org.lacuna.data.Datasets;
import org.lacuna.config.ExampleMode;
import org.lacuna.runtime.Backend;
import org.lacuna.model.Hvae;
import org.lacuna.service.ServiceStatus.TrainingPhase;
import org.lacuna.service.TrainingEvent.Ended;
import org.lacuna.service.TrainingEvent.Outcome;
import org.lacuna.store.RunDirectory;
import org.lacuna.store.RunLock;
import org.lacuna.train.Trainer;
import org.lacuna.train.TrainerState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The training side of the service: one run at a time on the training executor, its status changed through the
 * {@link ModelService}'s compare-and-set state machine (a double click on Start cannot start two), pause, resume
 * and stop at step boundaries (a stop writes a checkpoint), and the run's events as service records. While a run
 * trains, the model service samples from copies of its EMA weights taken on the training thread between steps.
 * Also opens data sources for the new-run form and reads past runs.
 */
public final class TrainingService {

    private static final Logger LOG = LoggerFactory.getLogger(TrainingService.class);
    /** Where run folders go unless told otherwise. */
    public static final Path DEFAULT_RUNS = Path.of(System.getProperty("user.home"), "lacuna-runs");
    /** How long a sampling request waits for the training to reach a step boundary. */
    static final long SNAPSHOT_TIMEOUT_MILLIS = 120_000;

    private final ModelService models;
    private final StateMachine state;
    private final ServiceExecutors executors;
    private final Path runsRoot;
    private final List<ModelConfig> presets;
    private final List<Consumer<TrainingEvent>> listeners = new CopyOnWriteArrayList<>();
    private final DataSources data = new DataSources();
    private final Object lock = new Object();
    private Active active; // guarded by lock

    /** The run in progress: the thread preparing it, then its gate. */
    private static final class Active {
        final Path folder;
        Thread preparing;
        StepGate<Hvae> gate;

        Active(Path folder) {
            this.folder = folder;
        }
    }

    /** Runs under ~/lacuna-runs, the presets coco64 and fashion32. */
    public TrainingService(ModelService models) {
        this(models, DEFAULT_RUNS, List.of(Presets.COCO64, Presets.FASHION32));
    }

    /**
     * @param runsRoot where new run folders go and past runs are listed from
     * @param presets  the model configurations a new run can choose from (their conditioning can be changed)
     */
    public TrainingService(ModelService models, Path runsRoot, List<ModelConfig> presets) {
        if (presets.isEmpty()) {
            throw new IllegalArgumentException("at least one preset is needed");
        }
        this.models = models;
        this.state = models.stateMachine();
        this.executors = models.executors();
        this.runsRoot = runsRoot.toAbsolutePath();
        this.presets = List.copyOf(presets);
    }

    public Path runsRoot() {
        return runsRoot;
    }

    public List<ModelConfig> presets() {
        return presets;
    }

    /** The installed Fashion-MNIST IDX folder, when there is one. */
    public Optional<Path> fashionMnist() {
        return Datasets.isIdx(Datasets.FASHION_MNIST) ? Optional.of(Datasets.FASHION_MNIST) : Optional.empty();
    }

    public ServiceStatus status() {
        return state.status();
    }

    /** Hears every run's events on the training thread, in order. Must return quickly. */
    public void addListener(Consumer<TrainingEvent> listener) {
        listeners.add(listener);
    }

    /** The folder of the run in progress (being prepared, training, paused or stopping). */
    public Optional<Path> activeRun() {
        synchronized (lock) {
            return active == null ? Optional.empty() : Optional.of(active.folder);
        }
    }

    // ---------------------------------------------------------------- runs

    /**
     * Starts a new run in a folder that holds no run yet (the data is opened on the training thread, reusing what
     * {@link #inspectData} opened). The future completes when the run ends; it fails at once with an
     * IllegalStateException when a training is already in progress.
     */
    public CompletableFuture<Ended> startNew(Path folder, RunConfig config) {
        return launch(folder, () -> {
            if (new RunDirectory(folder).exists()) {
                throw new IOException(folder + " already holds a run: continue it from the past runs, or choose"
                        + " another run folder");
            }
            return config;
        });
    }

    /**
     * Starts a new run from the weights of the model shipped with the app (fine-tuning it on the run's data, with a
     * fresh optimizer): as {@link #startNew}, and the run's model must be the shipped one's (coco64, every-level).
     */
    public CompletableFuture<Ended> startFromShipped(Path folder, RunConfig config) {
        return launch(folder, new Plan() {
            @Override
            public RunConfig config() throws IOException {
                if (new RunDirectory(folder).exists()) {
                    throw new IOException(folder + " already holds a run: choose another run folder");
                }
                return config;
            }

            @Override
            public Path init() throws IOException {
                return ModelService.shippedModelFile();
            }
        });
    }

    /**
     * Continues a run folder from its latest checkpoint (from the start when it has none), to {@code totalSteps}
     * (its own total when 0). As {@link #startNew}, refused while a training is in progress.
     */
    public CompletableFuture<Ended> continueRun(Path folder, long totalSteps) {
        return launch(folder, () -> {
            RunDirectory dir = new RunDirectory(folder);
            if (!dir.exists()) {
                throw new IOException(folder + " is not a run folder (it has no " + RunDirectory.CONFIG + ")");
            }
            RunConfig config = dir.readConfig();
            return totalSteps <= 0 ? config : new RunConfig(config.model(), config.train().withSteps(totalSteps));
        });
    }

    /** Pauses at the next step boundary. False when no training is running. */
    public boolean pause() {
        synchronized (lock) {
            if (!state.pause()) {
                return false;
            }
            if (active != null && active.gate != null) {
                active.gate.requestPause();
            }
            return true;
        }
    }

    /** Resumes a paused training. False when none is paused. */
    public boolean resume() {
        synchronized (lock) {
            if (!state.resume()) {
                return false;
            }
            if (active != null && active.gate != null) {
                active.gate.resume();
            }
            return true;
        }
    }

    /** Ends the training at the next step boundary with a checkpoint (still preparing: at once). */
    public boolean stop() {
        synchronized (lock) {
            if (!state.stop()) {
                return false;
            }
            if (active != null && active.gate != null) {
                active.gate.stop();
            } else if (active != null && active.preparing != null) {
                active.preparing.interrupt();
            }
            return true;
        }
    }

    private interface Plan {
        RunConfig config() throws IOException;
        /** The model file whose weights a new run starts from; null: its own (random, or its checkpoint's). */
        default Path init() throws IOException {
            return null;
        }
    }

    private CompletableFuture<Ended> launch(Path folder, Plan plan) {
        CompletableFuture<Ended> done = new CompletableFuture<>();
        Path root = folder.toAbsolutePath();
        if (!state.startTraining()) {
            done.completeExceptionally(new IllegalStateException("a training is already in progress"));
            return done;
        }
        Active run = new Active(root);
        synchronized (lock) {
            active = run;
        }
        try {
            executors.training().execute(() -> train(run, plan, done));
        } catch (RuntimeException e) {
            finish(run, null, false);
            done.completeExceptionally(e);
        }
        return done;
    }

    /** The whole run, on the training executor. */
    private void train(Active run, Plan plan, CompletableFuture<Ended> done) {
        RunDirectory dir = new RunDirectory(run.folder);
        Trainer trainer = null;
        RunLock runLock = null;
        StepGate<Hvae> gate = null;
        long total = 0;
        Ended end;
        try {
            synchronized (lock) {
                run.preparing = Thread.currentThread();
            }
            if (state.status().training() == TrainingPhase.STOPPING) {
                throw new InterruptedIOException("stopped");
            }
            RunConfig config = plan.config();
            total = config.train().steps();
            Backend.announce();
            runLock = RunLock.acquire(dir.root());
            DataSplit split = data.open(config);
            Path init = plan.init();
            trainer = init != null ? Trainer.start(dir, config, split, init) : Trainer.open(dir, config, split);
            long startStep = trainer.state().step();
            java.util.concurrent.atomic.AtomicLong saved = new java.util.concurrent.atomic.AtomicLong(-1);
            trainer.addListener(new org.lacuna.train.TrainingListener() {
                @Override
                public void onCheckpoint(long step, Path file, boolean best) {
                    if (!best) {
                        saved.set(step);
                    }
                }
            });
            gate = new StepGate<>(trainer::emaSnapshot, Hvae::copy, trainer.control(), SNAPSHOT_TIMEOUT_MILLIS);
            trainer.addListener(new RunEvents(this::emit));
            trainer.addListener(gate);
            synchronized (lock) {
                run.preparing = null;
                run.gate = gate;
                TrainingPhase phase = state.status().training();
                if (phase == TrainingPhase.PAUSED) {
                    gate.requestPause();
                } else if (phase == TrainingPhase.STOPPING) {
                    gate.stop();
                }
            }
            Thread.interrupted(); // a stop that came while preparing is now the trainer's
            StepGate<Hvae> serving = gate;
            models.setTrainingSnapshot(serving::request, config.train().masks());
            emit(new TrainingEvent.Started(dir.root(), config, trainer.state().step(), RunLibrary.history(dir.root())));
            gate.between(); // a pause asked for while preparing takes effect before the first step
            TrainerState last = trainer.run();
            boolean completed = last.step() >= total;
            if (saved.get() != last.step() && !(last.step() == startStep && Files.isRegularFile(dir.latestCheckpoint()))) {
                throw new IOException("stopped at step " + last.step() + " of " + total + ", but its checkpoint "
                        + dir.latestCheckpoint() + " could not be written" + (saved.get() >= 0 ? "; the last one"
                        + " written is of step " + saved.get() : Files.isRegularFile(dir.latestCheckpoint())
                        ? "; the one of step " + startStep + " is unchanged" : "; no checkpoint has been written"));
            }
            end = new Ended(dir.root(), completed ? Outcome.COMPLETED : Outcome.STOPPED, last.step(), total,
                    (completed ? "Finished at step " : "Stopped at step ") + last.step() + " of " + total
                            + "; checkpoint " + dir.latestCheckpoint(), dir.latestCheckpoint());
        } catch (Throwable e) {
            boolean stopped = state.status().training() == TrainingPhase.STOPPING && trainer == null
                    && (e instanceof InterruptedIOException || e instanceof ClosedByInterruptException
                    || e instanceof InterruptedException);
            long step = trainer == null ? 0 : trainer.state().step();
            Path checkpoint = Files.isRegularFile(dir.latestCheckpoint()) ? dir.latestCheckpoint() : null;
            if (stopped) {
                end = new Ended(dir.root(), Outcome.STOPPED, step, total, "Stopped before the first step", checkpoint);
            } else {
                if (e instanceof IOException) {
                    LOG.warn("training in {} failed: {}", dir.root(), e.getMessage());
                } else {
                    LOG.error("training in {} failed", dir.root(), e);
                }
                end = new Ended(dir.root(), Outcome.FAILED, step, total, "Training failed: " + Failures.message(e),
                        checkpoint);
            }
        }
        if (runLock != null) {
            try {
                runLock.close();
            } catch (IOException e) {
                LOG.warn("cannot release {}: {}", runLock.file(), e.getMessage());
            }
        }
        finish(run, gate, end.outcome() != Outcome.FAILED);
        if (trainer != null) {
            trainer.close();
        }
        emit(end);
        done.complete(end);
    }

    /** Frees the service for another run: no more snapshots from this one, the status back to idle. */
    private void finish(Active run, StepGate<Hvae> gate, boolean idle) {
        if (gate != null) {
            models.setTrainingSnapshot(null, org.lacuna.config.MaskDistribution.CENTRE);
            gate.close(idle);
        }
        synchronized (lock) {
            if (active == run) {
                active = null;
            }
        }
        Thread.interrupted();
        state.finishTraining();
    }

    private void emit(TrainingEvent event) {
        for (Consumer<TrainingEvent> l : listeners) {
            try {
                l.accept(event);
            } catch (RuntimeException e) {
                LOG.warn("a training listener failed on {}", event.getClass().getSimpleName(), e);
            }
        }
    }

    /** Whether a pause has taken hold: the training thread waits at a step boundary. */
    boolean isParked() {
        StepGate<Hvae> gate;
        synchronized (lock) {
            gate = active == null ? null : active.gate;
        }
        return gate != null && gate.isParked();
    }

    Optional<Hvae> snapshotNow() {
        StepGate<Hvae> gate;
        synchronized (lock) {
            gate = active == null ? null : active.gate;
        }
        return gate == null ? Optional.empty() : Optional.of(gate.request());
    }

    // ---------------------------------------------------------------- data and past runs

    /**
     * Opens a data source as a new run of this model would (an image folder, searched recursively, or an IDX
     * folder), on the file executor, with the default validation fraction and seed; reports usable and skipped files
     * and a few examples. Cancel it when the choice changes.
     */
    public DataCheck inspectData(Path source, ModelConfig model, ExampleMode mode) {
        return data.check(executors.io(), source, model, mode);
    }

    /** The run folders under the runs directory, the most recently active first (file executor). */
    public CompletableFuture<List<RunSummary>> listRuns() {
        return executors.onIo(() -> RunLibrary.list(runsRoot));
    }

    /** The runs, with a line for each run folder that cannot be read (the file and the reason). */
    public CompletableFuture<RunListing> listRunsAndProblems() {
        return executors.onIo(() -> RunLibrary.listing(runsRoot));
    }

    /** A run's metrics.jsonl as service records and its last preview, to redraw its charts (file executor). */
    public CompletableFuture<RunHistory> readRun(Path folder) {
        return executors.onIo(() -> RunLibrary.history(folder));
    }
}
