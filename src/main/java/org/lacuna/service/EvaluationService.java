package org.lacuna.service;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import org.lacuna.config.ModelConfig;
import org.lacuna.data.DataReport;
import org.lacuna.data.Dataset;
import org.lacuna.data.Datasets;
import org.lacuna.data.EvaluationData;
import org.lacuna.data.Raster;
import org.lacuna.eval.Baseline;
import org.lacuna.eval.EvalOptions;
import org.lacuna.eval.EvalReport;
import org.lacuna.eval.Evaluator;
import org.lacuna.eval.ImageScore;
import org.lacuna.eval.PairedComparison;
import org.lacuna.eval.Reports;
import org.lacuna.model.Hvae;
import org.lacuna.model.ModelFiles;
import org.lacuna.runtime.Backend;

/**
 * Evaluates one or two models on an image folder or Fashion-MNIST, on its own background thread (sampling in the
 * Inpaint workspace goes on meanwhile): the report `eval` prints, each window's pictures and scores for a gallery,
 * and, for two models, a paired comparison on the same windows and noise. Progress comes with the time left;
 * cancel stops between two images and leaves the service as it was.
 */
public final class EvaluationService {

    /** A model to evaluate: the one loaded in the model service (file null), a .lacuna, or an .npz with its config. */
    public record ModelChoice(String label, Path file, ModelConfig npzConfig) {

        public static ModelChoice loaded(String label) {
            return new ModelChoice(label, null, null);
        }

        public static ModelChoice file(Path file) {
            return new ModelChoice(String.valueOf(file.getFileName()), file, null);
        }

        public static ModelChoice npz(Path file, ModelConfig config) {
            return new ModelChoice(String.valueOf(file.getFileName()), file, config);
        }

        /** Stands for the model shipped inside the application (never a file on disk). */
        static final Path SHIPPED_FILE = Path.of("lacuna:shipped-model");

        /** The model shipped inside the application. */
        public static ModelChoice shipped(String label) {
            return new ModelChoice(label, SHIPPED_FILE, null);
        }

        public boolean isShipped() {
            return SHIPPED_FILE.equals(file);
        }
    }

    /**
     * @param limit     at most this many images (the first, by file name); 0 for all
     * @param samples   completions per image for the best of k and the diversity
     * @param slowFills whether to score OpenCV's FSR best too (2-4 s a window, more than the model takes); the other
     *                  classical fills (mean fill, Telea, Navier-Stokes, FSR fast) always are
     */
    public record Request(List<ModelChoice> models, Path data, int limit, int samples, long seed, boolean slowFills) {

        /** A request without the slow fill. */
        public Request(List<ModelChoice> models, Path data, int limit, int samples, long seed) {
            this(models, data, limit, samples, seed, false);
        }

        public Request {
            models = List.copyOf(models);
            if (models.isEmpty() || models.size() > 2) {
                throw new IllegalArgumentException("choose one or two models, not " + models.size());
            }
            if (limit < 0 || samples < 1) {
                throw new IllegalArgumentException("the number of images must be 0 (all) or more, and of samples 1 or"
                        + " more");
            }
        }
    }

    /** The classical fills an evaluation scores: all of them, or all but the slow ones. */
    public static java.util.Set<Baseline> fills(boolean slow) {
        java.util.Set<Baseline> fills = java.util.EnumSet.allOf(Baseline.class);
        if (!slow) {
            fills.removeIf(Baseline::slow);
        }
        return fills;
    }

    /** How far it is: model {@code model} of {@code models}, images done of total, and an estimate of the rest. */
    public record Progress(int model, int models, int done, int total, double secondsLeft) {
        public double fraction() {
            int all = total * models;
            return all == 0 ? 0 : ((model - 1) * (double) total + done) / all;
        }
    }

    /**
     * One window of the gallery, as pictures (the model's size) and the PSNR of the hole of each.
     *
     * @param index  the window's place in the evaluated set (image order)
     * @param source where it comes from: a file's path relative to the folder, or "file#n" for an IDX image
     * @param file   the photo the window was cut from (its largest centred square, see {@link #windowIn}), or null
     *               for an IDX image, which is the window itself
     */
    public record GalleryRow(int index, String source, Path file, Picture truth, Picture mean, Picture best,
                             Picture navierStokes, Picture telea, double psnrMean, double psnrBest,
                             double psnrNavierStokes, double psnrTelea) {
        /** The mean completion's gain over Navier-Stokes on this window, dB. */
        public double gain() {
            return psnrMean - psnrNavierStokes;
        }
    }

    /** One model's evaluation: its label, the report (as `eval --json` writes it), and its gallery in image order. */
    public record ModelResult(String label, EvalReport report, List<GalleryRow> gallery) {
        public ModelResult {
            gallery = List.copyOf(gallery);
        }

        /** The report's numbers, for the UI. */
        public EvaluationScores scores() {
            return EvaluationScores.of(label, report);
        }
    }

    /** Everything an evaluation found. The comparison is there when two models were evaluated (first minus second). */
    public record Result(List<ModelResult> models, Optional<PairedComparison> comparison, DataReport data) {
        public Result {
            models = List.copyOf(models);
        }

        /** The paired comparison of the two models, for the UI; empty for one model. */
        public Optional<Comparison> paired() {
            return comparison.map(c -> Comparison.of(models.get(0).label(), models.get(1).label(), c));
        }

        /** What opening the data found, in a line: "photos: 48 usable files, 2 skipped" and any notes. */
        public String dataSummary() {
            return data.summary() + (data.notes().isEmpty() ? "" : "; " + String.join("; ", data.notes()));
        }

        /** The folder (or IDX folder) that was evaluated. */
        public Path dataSource() {
            return data.source();
        }
    }

    /** A running evaluation. */
    public static final class Job {
        private final CompletableFuture<Result> result = new CompletableFuture<>();
        private final AtomicBoolean cancelled = new AtomicBoolean();

        /** Completes with the result, or exceptionally (a CancellationException when cancelled). */
        public CompletableFuture<Result> result() {
            return result;
        }

        public void cancel() {
            cancelled.set(true);
        }
    }

    private final ModelService models;
    private final Executor executor;
    private final AtomicBoolean running = new AtomicBoolean();

    public EvaluationService(ModelService models, Executor executor) {
        this.models = models;
        this.executor = executor;
    }

    /** With its own daemon thread. */
    public static EvaluationService background(ModelService models) {
        return new EvaluationService(models, Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "lacuna-evaluation");
            t.setDaemon(true);
            return t;
        }));
    }

    /** Whether an evaluation is running. */
    public boolean isRunning() {
        return running.get();
    }

    /**
     * Starts an evaluation; refused (the job fails at once with an IllegalStateException) while another runs.
     * {@code progress} is called on the evaluation's thread after each image.
     */
    public Job start(Request request, Consumer<Progress> progress) {
        Job job = new Job();
        if (!running.compareAndSet(false, true)) {
            job.result.completeExceptionally(new IllegalStateException("an evaluation is already running"));
            return job;
        }
        try {
            executor.execute(() -> {
                Result result = null;
                Throwable failure = null;
                try {
                    result = run(request, progress, job);
                } catch (Exception | Error e) {
                    failure = e;
                } finally {
                    running.set(false); // idle before anyone hears of the end
                }
                if (failure != null) {
                    job.result.completeExceptionally(failure);
                } else {
                    job.result.complete(result);
                }
            });
        } catch (RuntimeException e) {
            running.set(false);
            job.result.completeExceptionally(e);
        }
        return job;
    }

    private Result run(Request request, Consumer<Progress> progress, Job job) throws IOException {
        Backend.announce();
        List<Hvae> chosen = new ArrayList<>();
        for (ModelChoice c : request.models()) {
            chosen.add(load(c));
        }
        ModelConfig first = chosen.get(0).config();
        for (Hvae m : chosen) {
            if (m.config().imageSize() != first.imageSize() || m.config().channels() != first.channels()) {
                throw new IllegalArgumentException("the two models take different images (" + describe(first) + " and "
                        + describe(m.config()) + "): compare models of the same size");
            }
        }
        EvaluationData data = Datasets.openEvaluationData(request.data(), first.imageSize(), first.channels());
        List<Raster> windows = windows(data.dataset(), request.limit());
        Path root = Datasets.isIdx(request.data()) ? null : data.report().source();
        EvalOptions options = new EvalOptions(request.samples(), 0, request.seed(), EvalOptions.DEFAULT_BATCH)
                .withBaselines(fills(request.slowFills()));
        List<ModelResult> results = new ArrayList<>();
        List<List<ImageScore>> scores = new ArrayList<>();
        long started = System.nanoTime();
        for (int k = 0; k < chosen.size(); k++) {
            int model = k + 1;
            List<ImageScore> these = new ArrayList<>();
            EvalReport report = Evaluator.evaluate(chosen.get(k), windows, options, p -> {
                double elapsed = (System.nanoTime() - started) / 1e9;
                int done = (model - 1) * windows.size() + p.imagesDone();
                int all = windows.size() * chosen.size();
                progress.accept(new Progress(model, chosen.size(), p.imagesDone(), windows.size(),
                        done == 0 ? Double.NaN : elapsed / done * (all - done)));
            }, job.cancelled::get, these::add);
            scores.add(these);
            results.add(new ModelResult(request.models().get(k).label(), report, gallery(these, data.dataset(), root)));
        }
        Optional<PairedComparison> comparison = scores.size() == 2
                ? Optional.of(PairedComparison.of(scores.get(0), scores.get(1))) : Optional.empty();
        return new Result(results, comparison, data.report());
    }

    private Hvae load(ModelChoice c) throws IOException {
        if (c.file() == null) {
            return models.copyOfLoaded().orElseThrow(() -> new IllegalStateException("no model is loaded"));
        }
        if (c.isShipped()) {
            return ModelService.loadShipped().orElseThrow(() -> new IOException("this build has no shipped model"));
        }
        if (c.npzConfig() != null) {
            return ModelFiles.importNpz(c.npzConfig(), c.file());
        }
        return ModelFiles.load(c.file());
    }

    private static List<Raster> windows(Dataset data, int limit) {
        int n = limit == 0 ? data.size() : Math.min(limit, data.size());
        List<Raster> windows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            windows.add(data.example(i, 0));
        }
        return windows;
    }

    /** @param root the image folder, or null for IDX data */
    private static List<GalleryRow> gallery(List<ImageScore> scores, Dataset data, Path root) {
        List<GalleryRow> rows = new ArrayList<>(scores.size());
        for (ImageScore s : scores) {
            String source = data.source(s.index());
            rows.add(new GalleryRow(s.index(), source, root == null ? null : root.resolve(source),
                    Pictures.of(s.truth()), Pictures.of(s.mean()), Pictures.of(s.best()),
                    Pictures.of(s.fills().get(Baseline.NS)), Pictures.of(s.fills().get(Baseline.TELEA)), s.psnrMean(),
                    s.psnrBest(), s.psnrFills().get(Baseline.NS), s.psnrFills().get(Baseline.TELEA)));
        }
        return rows;
    }

    /**
     * The window an evaluation cut from a photo of this size: its largest centred square (resized to the model's
     * size), as `eval` and resize mode prepare an image. Placed on the photo, it gives the Inpaint workspace the
     * evaluated window.
     */
    public static WindowRect windowIn(int width, int height) {
        int side = Math.min(width, height);
        return new WindowRect((width - side) / 2, (height - side) / 2, side);
    }

    /** Writes a model's report as `eval --json` writes it, atomically, on the file executor. */
    public CompletableFuture<Void> saveReport(ModelResult result, Path file) {
        return models.executors().onIo(() -> {
            try {
                Reports.writeJson(result.report(), result.gallery().stream()
                        .map(r -> new org.lacuna.eval.ImageRow(r.index(), r.source(), r.psnrMean(), r.psnrBest(),
                                r.psnrNavierStokes(), r.psnrTelea())).toList(), file);
            } catch (IOException e) {
                throw new IOException(file + ": cannot save the report there (" + org.lacuna.store.IoReasons.reason(e)
                        + ")", e);
            }
            return null;
        });
    }

    /**
     * Writes the gallery's rows, in the order given, as one PNG (see {@link GalleryImage}: truth, mean, best sample,
     * Navier-Stokes and Telea for each window, a green or red bar for the mean's gain over Navier-Stokes), atomically,
     * on the file executor.
     */
    public CompletableFuture<Void> saveGallery(List<GalleryRow> rows, Path file) {
        List<GalleryRow> copy = List.copyOf(rows);
        return models.executors().onIo(() -> {
            Photos.write(GalleryImage.of(copy), file);
            return null;
        });
    }

    private static String describe(ModelConfig c) {
        return c.imageSize() + "x" + c.imageSize() + (c.channels() == 1 ? " grey" : " RGB");
    }

    /** The installed Fashion-MNIST IDX folder, when there is one (its t10k file is what an evaluation reads). */
    public Optional<Path> fashionMnist() {
        return Datasets.isIdx(Datasets.FASHION_MNIST) ? Optional.of(Datasets.FASHION_MNIST) : Optional.empty();
    }

    /** A cancelled evaluation's exception, for callers that tell it from a failure. */
    public static boolean isCancellation(Throwable e) {
        return Failures.isCancellation(e);
    }
}
