package org.lacuna.service;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

import org.lacuna.config.ModelConfig;
import org.lacuna.config.SampleConfig;
import org.lacuna.data.Images;
import org.lacuna.data.Raster;
import org.lacuna.eval.Baseline;
import org.lacuna.model.Hvae;
import org.lacuna.model.ModelFiles;
import org.lacuna.runtime.Backend;
import org.lacuna.sample.Completion;
import org.lacuna.sample.CompletionTree;
import org.lacuna.sample.Inpainter;
import org.lacuna.store.ModelFile;

/**
 * The only API the UI uses. Owns the loaded model, the background executors and the status (changed by
 * compare-and-set: a second Sample while one runs is refused). Speaks in records, pictures and plain arrays;
 * never hands out an INDArray or a graph. Sampling always uses the model that was opened (a file's, or a copy of
 * a running training's EMA weights taken between its steps), never a training's live graph.
 */
public final class ModelService implements AutoCloseable {

    /** Where the shipped model lives on the class path. */
    public static final String SHIPPED_MODEL = "/models/coco64.lacuna";

    private final ServiceExecutors executors;
    private final StateMachine state = new StateMachine();
    private volatile Loaded current;
    private volatile Supplier<Hvae> trainingSnapshot;
    private volatile org.lacuna.config.MaskDistribution trainingMasks = org.lacuna.config.MaskDistribution.CENTRE;

    private record Loaded(ModelInfo info, Hvae model) {
    }

    public ModelService(ServiceExecutors executors) {
        this.executors = executors;
    }

    public ServiceStatus status() {
        return state.status();
    }

    /** Hears every status change, on the thread that made it (bridge to the UI thread yourself). */
    public void addStatusListener(Consumer<ServiceStatus> listener) {
        state.addListener(listener);
    }

    StateMachine stateMachine() {
        return state;
    }

    ServiceExecutors executors() {
        return executors;
    }

    public Optional<ModelInfo> model() {
        Loaded l = current;
        return l == null ? Optional.empty() : Optional.of(l.info());
    }

    /** A copy of the loaded model's weights, for work on another thread (evaluation); empty with none loaded. */
    Optional<Hvae> copyOfLoaded() {
        Loaded l = current;
        return l == null ? Optional.empty() : Optional.of(l.model().copy());
    }

    // ---------------------------------------------------------------- models

    /** Opens a Lacuna model file (.lacuna, a checkpoint included) on the file executor. */
    public CompletableFuture<ModelInfo> openModel(Path file) {
        return executors.onIo(() -> {
            Backend.announce();
            ModelFile.Content content = ModelFile.read(file);
            Hvae model = ModelFiles.forSampling(content, file.toString());
            long step = content.header().step();
            return use(new ModelInfo(label(file, step), file, model.config(), model.parameterCount(),
                    step, content.masks(file.toString())), model);
        });
    }

    /**
     * What to call a model file: a run's checkpoint by its run and step ("photos-run · latest, step 1,200"), not by
     * the file name every run shares; any other file by its name.
     */
    public static String label(Path file, long step) {
        Path name = file.getFileName();
        Path folder = file.toAbsolutePath().getParent();
        if (name != null && folder != null && folder.getFileName() != null
                && folder.getFileName().toString().equals("checkpoints") && folder.getParent() != null
                && folder.getParent().getFileName() != null) {
            String which = name.toString().replaceFirst("\\.lacuna$", "");
            return folder.getParent().getFileName() + " · " + which + ", step "
                    + String.format(java.util.Locale.ROOT, "%,d", step);
        }
        return String.valueOf(name);
    }

    /**
     * The shipped model as a file (a temporary copy, deleted when the JVM exits), to start a training from its
     * weights; an IOException when the application carries none.
     */
    static Path shippedModelFile() throws java.io.IOException {
        try (InputStream in = ModelService.class.getResourceAsStream(SHIPPED_MODEL)) {
            if (in == null) {
                throw new java.io.IOException("this build of Lacuna has no shipped model to start from");
            }
            Path copy = java.nio.file.Files.createTempFile("lacuna-shipped-", ".lacuna");
            copy.toFile().deleteOnExit();
            org.lacuna.store.AtomicFiles.writeBytes(copy, in.readAllBytes());
            return copy;
        }
    }

    /** Whether the application carries a shipped model. */
    public static boolean hasShippedModel() {
        return ModelService.class.getResource(SHIPPED_MODEL) != null;
    }

    /** The shipped model's weights for sampling, when the application carries one. */
    static Optional<Hvae> loadShipped() throws java.io.IOException {
        try (InputStream in = ModelService.class.getResourceAsStream(SHIPPED_MODEL)) {
            if (in == null) {
                return Optional.empty();
            }
            String name = "the shipped model " + SHIPPED_MODEL;
            return Optional.of(ModelFiles.forSampling(ModelFile.read(in, name), name));
        }
    }

    /** Opens a NumPy .npz of the design's weights into a model of the given configuration. */
    public CompletableFuture<ModelInfo> openNpz(Path file, ModelConfig config) {
        return executors.onIo(() -> {
            Hvae model = ModelFiles.importNpz(config, file);
            return use(new ModelInfo(file.getFileName().toString(), file, config, model.parameterCount(), 0), model);
        });
    }

    /** Loads the model shipped inside the application, when there is one. */
    public CompletableFuture<Optional<ModelInfo>> openShippedModel() {
        return executors.onIo(() -> {
            try (InputStream in = ModelService.class.getResourceAsStream(SHIPPED_MODEL)) {
                if (in == null) {
                    return Optional.empty();
                }
                Backend.announce();
                String name = "the shipped model " + SHIPPED_MODEL;
                ModelFile.Content content = ModelFile.read(in, name);
                Hvae model = ModelFiles.forSampling(content, name);
                long step = content.header().step();
                return Optional.of(use(new ModelInfo("shipped " + model.config().name(), null, model.config(),
                        model.parameterCount(), step, content.masks(name)), model));
            }
        });
    }

    /** Makes a model (for instance a training's checkpoint) the one to sample from. */
    void useModel(ModelInfo info, Hvae model) {
        use(info, model);
    }

    private ModelInfo use(ModelInfo info, Hvae model) {
        Loaded old = current;
        current = new Loaded(info, model);
        if (old != null && old.model() != model) {
            // the replaced model's native sampling plans are freed now rather than when the collector finds them
            // (a training snapshot replaces the model every few trees): on the sampling thread, after any sampling
            // that still uses the old model
            try {
                executors.sampling().execute(old.model()::releaseSamplingPlans);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // the service is shutting down: the collector frees them
            }
        }
        return info;
    }

    /** While a training runs, its weights can be had from here (a copy taken between steps). */
    void setTrainingSnapshot(Supplier<Hvae> snapshot, org.lacuna.config.MaskDistribution masks) {
        this.trainingMasks = masks;
        this.trainingSnapshot = snapshot;
    }

    /**
     * Makes a copy of the running training's EMA weights, taken between two of its steps, the model to sample
     * from; fails when no training runs. The live graph is never sampled: the copy is the training's weights at
     * that step, and later steps do not change it.
     */
    public CompletableFuture<ModelInfo> openTrainingSnapshot() {
        Supplier<Hvae> snapshot = trainingSnapshot;
        org.lacuna.config.MaskDistribution masks = trainingMasks;
        if (snapshot == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("no training is running"));
        }
        return executors.onIo(() -> {
            Hvae model = snapshot.get();
            return use(new ModelInfo("training run (" + model.config().name() + ", live)", null, model.config(),
                    model.parameterCount(), 0, masks), model);
        });
    }

    // ---------------------------------------------------------------- sampling

    /**
     * Samples a tree of completions of a photo's window. Refused (the returned job fails at once with an
     * IllegalStateException) while another sampling runs or when no model is loaded.
     */
    public SamplingJob sample(Picture photo, WindowRect window, SampleConfig request, IntConsumer progress) {
        SamplingJob job = new SamplingJob();
        Loaded loaded = current;
        if (loaded == null) {
            job.future().completeExceptionally(new IllegalStateException("no model is loaded"));
            return job;
        }
        if (!window.fitsIn(photo.width(), photo.height())) {
            job.future().completeExceptionally(new IllegalArgumentException("the window " + window
                    + " is not inside the " + photo.width() + "x" + photo.height() + " photo"));
            return job;
        }
        if (!state.startSampling()) {
            job.future().completeExceptionally(new IllegalStateException("a sampling is already running"));
            return job;
        }
        try {
            executors.sampling().execute(() -> {
                // the service is idle again before anyone hears of the result, so that a caller may sample
                // again at once
                SampleResult result = null;
                Throwable failure = null;
                try {
                    result = run(loaded, photo, window, request, progress, job);
                } catch (RuntimeException | Error e) {
                    failure = e;
                } finally {
                    state.finishSampling();
                }
                if (failure != null) {
                    job.future().completeExceptionally(failure);
                } else {
                    job.future().complete(result);
                }
            });
        } catch (RuntimeException e) {
            state.finishSampling();
            job.future().completeExceptionally(e);
        }
        return job;
    }

    private SampleResult run(Loaded loaded, Picture photo, WindowRect window, SampleConfig request, IntConsumer progress,
                             SamplingJob job) {
        Hvae model = loaded.model();
        ModelConfig config = model.config();
        Raster full = Pictures.toRaster(photo, config.channels());
        Raster input = Images.resize(Images.crop(full, window.x(), window.y(), window.side(), window.side()),
                config.imageSize(), config.imageSize());
        long start = System.nanoTime();
        CompletionTree tree = new Inpainter(model).sample(input, request, progress, job::isCancelled);
        long millis = (System.nanoTime() - start) / 1_000_000;
        List<SampleResult.Completion> completions = new ArrayList<>();
        for (Completion c : tree.leaves()) {
            completions.add(new SampleResult.Completion(c.index(), c.path(), Pictures.of(c.image())));
        }
        Map<String, Picture> baselines = new LinkedHashMap<>();
        for (Baseline b : Baseline.values()) {
            if (!b.slow()) { // FSR best takes seconds: on demand only (slowFill)
                baselines.put(b.label(), Pictures.of(b.fill(input, config.hole())));
            }
        }
        return new SampleResult(request, Pictures.of(input), completions, baselines, millis);
    }

    /** The label of the classical fill that takes seconds a window and is made on demand ({@link #slowFill}). */
    public static final String SLOW_FILL = Baseline.FSR_BEST.label();

    /**
     * OpenCV's FSR best fill of a sampled window (a {@link SampleResult#window()}: the model's size, its hole the
     * model's), on the file executor: the strongest classical fill, too slow (2-4 s a window) to make with every
     * sampling. Fails with IllegalArgumentException when the picture is not a window of the loaded model's size.
     */
    public CompletableFuture<Picture> slowFill(Picture window) {
        Loaded loaded = current;
        if (loaded == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("no model loaded"));
        }
        ModelConfig config = loaded.model().config();
        return executors.onIo(() -> {
            Raster input = Pictures.toRaster(window, config.channels());
            if (input.width() != config.imageSize() || input.height() != config.imageSize()) {
                throw new IllegalArgumentException("the window is " + input.width() + "x" + input.height()
                        + ", not the model's " + config.imageSize() + "x" + config.imageSize());
            }
            return Pictures.of(Baseline.FSR_BEST.fill(input, config.hole()));
        });
    }

    // ---------------------------------------------------------------- photos

    /**
     * Reads a photo (any size and any format the data package reads) as an RGB picture on the file executor. Fails
     * with an IOException whose message names the file and the reason (unreadable, not an image, damaged, too small).
     */
    public CompletableFuture<Picture> openImage(Path file) {
        return executors.onIo(() -> Photos.read(file));
    }

    /** Reads one of the demo photos shipped with the app ({@link DemoPhotos#all()}) on the file executor. */
    public CompletableFuture<Picture> openDemo(DemoPhotos.Demo demo) {
        return executors.onIo(() -> DemoPhotos.read(demo));
    }

    /**
     * A photo from raw pixels (a pasted or dropped image), 0xAARRGGBB row-major, on the file executor; transparent
     * parts are composited on white as for files. Fails with an IOException naming {@code name} when it is too small.
     */
    public CompletableFuture<Picture> openPixels(String name, int width, int height, int[] argb) {
        return executors.onIo(() -> Photos.fromPixels(name, width, height, argb));
    }

    /**
     * Writes a picture as PNG or JPEG (by the file's extension: .png, .jpg, .jpeg) on the file executor, atomically:
     * a failure leaves any file already there as it was. Fails with an IOException naming the file and the reason.
     */
    public CompletableFuture<Void> saveImage(Picture picture, Path file) {
        return executors.onIo(() -> {
            Photos.write(picture, file);
            return null;
        });
    }

    /**
     * The model's hole in photo pixels for a window: the hole of the model's input, scaled by side / imageSize and
     * rounded to the nearest pixel edge (the centre quarter of the window for the presets). Empty without a model.
     */
    public Optional<PixelRect> holeInPhoto(WindowRect window) {
        Loaded l = current;
        return l == null ? Optional.empty() : Optional.of(holeInPhoto(window, l.info().config()));
    }

    /** The hole in photo pixels of a window, for a model of the given configuration. */
    public static PixelRect holeInPhoto(WindowRect window, ModelConfig config) {
        return Photos.holeInPhoto(window, config);
    }

    /**
     * The photo with a completion of the window pasted back: the completion's hole (at the loaded model's size)
     * scaled to {@link #holeInPhoto(WindowRect) the hole in the photo} and blended in with a feather of up to
     * {@value org.lacuna.data.HolePaste#FEATHER} pixels inside the hole's edge. Exactly the hole's pixels change;
     * every other pixel keeps its value (see {@link org.lacuna.data.HolePaste}). Runs on the calling thread, in time
     * proportional to the photo's size; {@link #pasteAsync} runs it on the file executor.
     *
     * @throws IllegalStateException    when no model is loaded
     * @throws IllegalArgumentException when the window is not inside the photo or the completion is not the model's size
     */
    public Picture paste(Picture photo, WindowRect window, Picture completion) {
        Loaded l = current;
        if (l == null) {
            throw new IllegalStateException("no model is loaded");
        }
        return Photos.paste(photo, window, completion, l.info().config());
    }

    /** {@link #paste} on the file executor. */
    public CompletableFuture<Picture> pasteAsync(Picture photo, WindowRect window, Picture completion) {
        return executors.onIo(() -> paste(photo, window, completion));
    }

    @Override
    public void close() {
        executors.shutdown();
    }
}
