package org.lacuna.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.lacuna.config.ModelConfig;
import org.lacuna.config.Presets;
import org.lacuna.config.SampleConfig;
import org.lacuna.data.Images;
import org.lacuna.data.Raster;
import org.lacuna.data.Tensors;
import org.lacuna.model.Hvae;
import org.lacuna.model.Precision;
import org.lacuna.runtime.Backend;
import org.lacuna.runtime.CollectionPolicy;
import org.lacuna.sample.Inpainter;
import org.lacuna.train.NoiseSource;
import org.lacuna.train.Optimizer;
import org.lacuna.train.Trainer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The speed figures of issue 4, each the median of several repetitions after a warm-up: training images/s at
 * batch 32 and 64 (a full optimiser step with noise generation and batch preparation from in-memory rasters),
 * 16 and 1 completions of one image, peak resident memory while training, and the start-up time of a fresh JVM
 * to its first completion.
 */
public final class Benchmark {

    /** How much to measure. */
    public record Options(int warmupSteps, int repetitions, int stepsPerRepetition, int sampleRepetitions,
                          boolean startup, List<Precision> precisions) {
        public static final Options FULL = new Options(3, 5, 4, 15, true, null);

        public Options(int warmupSteps, int repetitions, int stepsPerRepetition, int sampleRepetitions,
                boolean startup) {
            this(warmupSteps, repetitions, stepsPerRepetition, sampleRepetitions, startup, null);
        }

        /** The same with only these precisions measured (null: float32, and bfloat16 where the CPU has it). */
        public Options withPrecisions(List<Precision> p) {
            return new Options(warmupSteps, repetitions, stepsPerRepetition, sampleRepetitions, startup, p);
        }
    }

    /**
     * The precisions to measure: float32 (keys as before) and bfloat16 (keys with the suffix _bf16) when the CPU
     * has native bfloat16 or the setting forces it; or the options' list.
     */
    private List<Precision> precisions() {
        if (options.precisions() != null) {
            return options.precisions();
        }
        boolean bf16 = Precision.nativeBf16() || Precision.setting().equals("bfloat16");
        return bf16 ? List.of(Precision.FLOAT32, Precision.BFLOAT16) : List.of(Precision.FLOAT32);
    }

    private static String suffix(Precision p) {
        return p == Precision.BFLOAT16 ? "_bf16" : "";
    }

    /** Runs {@code body} with the precision setting forced to {@code p} (the setting restored afterwards). */
    private static <T> T in(Precision p, java.util.function.Supplier<T> body) {
        String old = System.getProperty(Precision.PROPERTY);
        System.setProperty(Precision.PROPERTY, p.key());
        try {
            return body.get();
        } finally {
            if (old == null) {
                System.clearProperty(Precision.PROPERTY);
            } else {
                System.setProperty(Precision.PROPERTY, old);
            }
        }
    }

    private final ModelConfig config;
    private final Options options;
    private final Consumer<String> progress;

    public Benchmark(ModelConfig config, Options options, Consumer<String> progress) {
        this.config = config;
        this.options = options;
        this.progress = progress;
    }

    /** Runs every measurement; the keys are the JSON keys of the report. */
    public Map<String, Object> run(Path modelFileForStartup) throws IOException, InterruptedException {
        Backend backend = Backend.announce();
        Map<String, Object> r = new LinkedHashMap<>();
        Hvae model = Hvae.create(config, 1);
        r.put("preset", config.name());
        r.put("conditioning", config.conditioning().key());
        r.put("parameters", model.parameterCount());
        r.put("backend", backend.name());
        r.put("onednn", backend.oneDnn());
        r.put("cpu", backend.cpuLevel());
        r.put("threads", backend.threads());
        r.put("cores", Runtime.getRuntime().availableProcessors());
        r.put("sample_path", model.samplesDirectly() ? "onednn-direct" : "samediff");
        r.put("train_path", org.lacuna.model.DirectTraining.availableFor(model) ? "onednn-direct" : "samediff");
        r.put("precision", Precision.resolve().describe());
        r.put("train_precision", Precision.resolveTraining().describe());
        List<Precision> precisions = precisions();
        r.put("precisions_measured", String.join(",", precisions.stream().map(Precision::key).toList()));

        if (options.repetitions() == 0) {
            for (Precision p : precisions) {
                samples(r, p);
            }
            return r;
        }
        // batch 32 of each precision first, one after the other, each alone in the process as a run trains (taking
        // their repetitions in turn, two plans alive, cost both 10-13% on one thread: docs/PERFORMANCE.md, bfloat16)
        for (Precision p : precisions) {
            RssSampler rss = new RssSampler();
            rss.start();
            r.put("train_img_per_s" + suffix(p), round(in(p, () -> trainImagesPerSecond(model, 32)), 1));
            rss.stop();
            r.put("train_rss_mb" + suffix(p), rss.peakMb());
        }
        if (precisions.size() > 1) {
            r.put("train_speedup_bf16", round((double) r.get("train_img_per_s_bf16") / (double) r.get("train_img_per_s"),
                    2));
        }
        if (options.sampleRepetitions() == 0) {
            return r;
        }
        for (Precision p : precisions) {
            // batch 64's peak, after batch 32's plan was released (an upper bound: the allocator keeps some of it)
            RssSampler rss64 = new RssSampler();
            rss64.start();
            r.put("train_img_per_s_b64" + suffix(p), round(in(p, () -> trainImagesPerSecond(model, 64)), 1));
            rss64.stop();
            r.put("train_rss_mb_b64" + suffix(p), rss64.peakMb());
        }
        for (Precision p : precisions) {
            samples(r, p);
        }
        r.put("removal_candidate_s", round(removalSeconds(Hvae.create(config, 1)), 2));
        if (options.startup()) {
            r.put("startup_ms", startupMillis(modelFileForStartup));
        }
        return r;
    }

    /** sample16_ms and sample1_ms in precision p (a fresh model of the same seed: its sampler is made in p). */
    private void samples(Map<String, Object> r, Precision p) {
        Hvae model = Hvae.create(config, 1);
        Inpainter inpainter = new Inpainter(model);
        Raster window = photo(config, 99);
        r.put("sample16_ms" + suffix(p), round(in(p, () -> sampleMillis(inpainter, window, 16)), 1));
        r.put("sample1_ms" + suffix(p), round(in(p, () -> sampleMillis(inpainter, window, 1)), 1));
    }

    /**
     * Seconds for one candidate of the full-resolution fill (issue 23) of a 1264x790 photo (about one megapixel)
     * with one object-sized hole ({@code ObjectHoles.blob(1264, 790, 1, 0)}: 24,514 px, 2.5% of it): the median of
     * a few fills after one to warm up, in the precision sampling resolves to.
     */
    private double removalSeconds(Hvae model) {
        progress.accept("one full-resolution fill of a 1-MP photo in " + Precision.current().key() + " ...");
        int w = 1264, h = 790;
        Raster tile = photo(config, 7);
        int n = tile.width();
        Raster.Builder b = Raster.blank(w, h, config.channels()).toBuilder();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int c = 0; c < config.channels(); c++) {
                    b.set(x, y, c, tile.get(x % n, y % n, c) / 2 + (x + y) * 100 / (w + h));
                }
            }
        }
        Raster photo = b.build();
        org.lacuna.config.Mask mask = org.lacuna.data.ObjectHoles.blob(w, h, 1, 0);
        org.lacuna.sample.PyramidFill fill = new org.lacuna.sample.PyramidFill(model);
        org.lacuna.sample.PyramidFill.Options how = org.lacuna.sample.PyramidFill.Options.of(
                org.lacuna.sample.PyramidFiller.tree(config.levelCount(),
                        new org.lacuna.sample.PhotoFiller.Options(1, 3, 0.5)), false);
        int reps = Math.max(1, options.sampleRepetitions() / 5);
        double[] seconds = new double[reps];
        for (int i = options.sampleRepetitions() >= 5 ? -1 : 0; i < reps; i++) {
            long t0 = System.nanoTime();
            fill.fill(photo, mask, how, done -> { }, () -> false);
            if (i >= 0) {
                seconds[i] = (System.nanoTime() - t0) / 1e9;
            }
        }
        return median(seconds);
    }

    private double trainImagesPerSecond(Hvae model, int batch) {
        progress.accept("training at batch " + batch + " in " + Precision.current().key() + " ...");
        // the step a run of the reference recipe takes: its clip and skip thresholds scaled as in training
        try (Optimizer optimizer = new Optimizer(model, Trainer.adamSettings(Presets.REFERENCE, config))) {
            return trainImagesPerSecond(model, batch, optimizer);
        }
    }

    private double trainImagesPerSecond(Hvae model, int batch, Optimizer optimizer) {
        NoiseSource noise = new NoiseSource(config, batch, 3);
        Raster[] pool = new Raster[batch * 2];
        for (int i = 0; i < pool.length; i++) {
            pool[i] = photo(config, i);
        }
        long step = 0;
        for (int i = 0; i < options.warmupSteps(); i++) {
            trainStep(optimizer, noise, pool, batch, step++);
        }
        double[] rates = new double[options.repetitions()];
        for (int rep = 0; rep < rates.length; rep++) {
            long start = System.nanoTime();
            for (int i = 0; i < options.stepsPerRepetition(); i++) {
                trainStep(optimizer, noise, pool, batch, step++);
            }
            rates[rep] = options.stepsPerRepetition() * batch / ((System.nanoTime() - start) / 1e9);
        }
        return median(rates);
    }

    /**
     * The path a user's training takes: an image folder opened in crops mode (the photos recipe), the batch loader
     * thread beside ND4J's, and a real Trainer writing to a temporary run folder, for {@code steps} steps at batch
     * 32 with no validation or checkpoint on the way. Each step is timed from one step's end to the next (all the
     * loop does, loader waits included). Keys: the median of the first ten steps, of the rest, and the rest's
     * images/s; the time to open the data and build the model before the first step.
     */
    public Map<String, Object> folderTraining(Path data, int steps) throws IOException, InterruptedException {
        if (steps < 12) {
            throw new IllegalArgumentException("the folder measurement needs at least 12 steps, not " + steps);
        }
        Map<String, Object> r = new LinkedHashMap<>();
        Path dir = Files.createTempDirectory("lacuna-bench-run");
        try {
            progress.accept("training from " + data + " (crops, loader and all), " + steps + " steps ...");
            long opening = System.nanoTime();
            org.lacuna.config.TrainConfig tc = Presets.recipe("photos", data.toString()).toBuilder().steps(steps)
                    .validateEvery(1_000_000).checkpointEvery(1_000_000).snapshotEvery(0).build();
            org.lacuna.data.DataSplit split = org.lacuna.data.Datasets.openForTraining(data, config.imageSize(),
                    config.channels(), tc);
            Trainer trainer = Trainer.open(new org.lacuna.store.RunDirectory(dir.resolve("run")),
                    new org.lacuna.config.RunConfig(config, tc), split);
            double openSeconds = (System.nanoTime() - opening) / 1e9;
            List<Double> intervals = new ArrayList<>();
            long[] last = {System.nanoTime()};
            trainer.addListener(new org.lacuna.train.TrainingListener() {
                @Override
                public void onStep(org.lacuna.store.StepRecord record) {
                    long now = System.nanoTime();
                    intervals.add((now - last[0]) / 1e9);
                    last[0] = now;
                }
            });
            try (trainer) {
                trainer.run();
            }
            double[] first = intervals.subList(0, 10).stream().mapToDouble(Double::doubleValue).toArray();
            double[] rest = intervals.subList(10, intervals.size()).stream().mapToDouble(Double::doubleValue).toArray();
            r.put("folder_open_s", round(openSeconds, 2));
            r.put("folder_first10_s_per_step", round(median(first), 3));
            r.put("folder_first10_max_s", round(Arrays.stream(first).max().orElse(0), 3));
            r.put("folder_rest_s_per_step", round(median(rest), 3));
            r.put("folder_img_per_s", round(tc.batchSize() / median(rest), 1));
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
        return r;
    }

    private static void trainStep(Optimizer optimizer, NoiseSource noise, Raster[] pool, int batch, long step) {
        Raster[] rasters = new Raster[batch];
        int offset = (int) (step % 2) * batch;
        System.arraycopy(pool, offset, rasters, 0, batch);
        INDArray x = Tensors.batch(rasters);
        optimizer.step(x, noise.draw(step), 1.0);
        CollectionPolicy.afterStep(step + 1, optimizer.direct()); // as a run does: a step's arrays go at its end
    }

    private double sampleMillis(Inpainter inpainter, Raster window, int leaves) {
        progress.accept(leaves + " completion" + (leaves == 1 ? "" : "s") + " of one image ...");
        int levels = config.levelCount();
        int[] branching = new int[levels];
        Arrays.fill(branching, 1);
        branching[levels - 1] = leaves;
        for (int i = 0; i < 10; i++) { // warm the JIT and SameDiff's caches, as an interactive session would be
            inpainter.sample(window, new SampleConfig(branching, null, i));
        }
        double[] ms = new double[options.sampleRepetitions()];
        for (int i = 0; i < ms.length; i++) {
            long start = System.nanoTime();
            inpainter.sample(window, new SampleConfig(branching, null, 100 + i));
            ms[i] = (System.nanoTime() - start) / 1e6;
        }
        return median(ms);
    }

    /** A fresh JVM running {@code sample} for one completion, from process start to its exit, median of 3. */
    private long startupMillis(Path modelFile) throws IOException, InterruptedException {
        progress.accept("start-up of a fresh JVM to its first completion ...");
        Path dir = Files.createTempDirectory("lacuna-bench");
        try {
            Path image = dir.resolve("window.png");
            Images.write(photo(config, 7), image);
            String javaBin = ProcessHandle.current().info().command().orElse("java");
            List<String> command = new ArrayList<>(List.of(javaBin, "-cp", System.getProperty("java.class.path"),
                    "org.lacuna.Main", "sample", "--image", image.toString(), "--branching",
                    String.join(",", java.util.Collections.nCopies(config.levelCount(), "1")), "--out",
                    dir.resolve("out.png").toString()));
            if (modelFile != null) {
                command.addAll(List.of("--model", modelFile.toString()));
            } else {
                command.addAll(List.of("--preset", config.name(), "--conditioning", config.conditioning().key()));
            }
            long[] ms = new long[3];
            for (int i = 0; i < ms.length; i++) {
                long start = System.nanoTime();
                Process p = new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
                    p.destroyForcibly();
                    throw new IOException("the start-up probe failed: " + String.join(" ", command));
                }
                ms[i] = (System.nanoTime() - start) / 1_000_000;
            }
            Arrays.sort(ms);
            return ms[1];
        } finally {
            try (var files = Files.list(dir)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    Files.deleteIfExists(f);
                }
            }
            Files.deleteIfExists(dir);
        }
    }

    private static Raster photo(ModelConfig config, long seed) {
        java.util.SplittableRandom rng = new java.util.SplittableRandom(seed);
        int n = config.imageSize(), c = config.channels();
        double a = rng.nextDouble() * 0.3, b = rng.nextDouble() * 0.3, phase = rng.nextDouble() * 6;
        Raster.Builder out = Raster.blank(n, n, c).toBuilder();
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                for (int ch = 0; ch < c; ch++) {
                    out.set(x, y, ch, (int) (128 + 100 * Math.sin(a * x + b * y + phase + ch) + rng.nextInt(11) - 5));
                }
            }
        }
        return out.build();
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static double round(double v, int decimals) {
        double f = Math.pow(10, decimals);
        return Math.round(v * f) / f;
    }

    /** Samples this process's resident set every 50 ms and keeps the peak. */
    private static final class RssSampler {
        private final AtomicLong peakKb = new AtomicLong();
        private volatile boolean running;
        private Thread thread;

        void start() {
            running = true;
            thread = new Thread(() -> {
                while (running) {
                    peakKb.accumulateAndGet(residentKb(), Math::max);
                    try {
                        Thread.sleep(50);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "lacuna-bench-rss");
            thread.setDaemon(true);
            thread.start();
        }

        void stop() throws InterruptedException {
            running = false;
            thread.join();
        }

        long peakMb() {
            return Math.round(peakKb.get() / 1024.0);
        }

        private static long residentKb() {
            return org.lacuna.runtime.NativeMemory.residentKilobytes();
        }
    }
}
