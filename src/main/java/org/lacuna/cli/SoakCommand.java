package org.lacuna.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import org.lacuna.bench.MemoryTrace;
import org.lacuna.config.ExampleMode;
import org.lacuna.config.ModelConfig;
import org.lacuna.config.Presets;
import org.lacuna.config.RunConfig;
import org.lacuna.config.SampleConfig;
import org.lacuna.config.TrainConfig;
import org.lacuna.data.Images;
import org.lacuna.runtime.Backend;
import org.lacuna.service.DemoPhotos;
import org.lacuna.service.ModelService;
import org.lacuna.service.Picture;
import org.lacuna.service.ServiceExecutors;
import org.lacuna.service.TrainingEvent;
import org.lacuna.service.TrainingService;
import org.lacuna.service.WindowRect;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The soak test of issue 10 (its measurements are {@link MemoryTrace}'s), as the app runs when a user inpaints
 * during a training: first a run of consecutive
 * sampling calls alone (memory must stay flat), then a training and a sampling loop at once through the same
 * services the app uses, with resident memory and the Java heap printed at every report; the last line is the
 * growth of resident memory after the warm-up, as a least-squares slope, in percent of its mean per hour.
 */
@Command(name = "soak", mixinStandardHelpOptions = true,
        description = "Train and sample at once for a while, printing resident memory and the Java heap every minute;"
                + " ends with rss_growth_pct_per_hour (the slope after warm-up).")
final class SoakCommand implements Callable<Integer> {

    @Option(names = "--minutes", defaultValue = "60", paramLabel = "M",
            description = "how long to train and sample at once (default ${DEFAULT-VALUE})")
    double minutes;

    @Option(names = "--preset", defaultValue = "coco64", paramLabel = "NAME",
            description = "the model to train and sample (default ${DEFAULT-VALUE})")
    String preset;

    @Option(names = "--data", paramLabel = "DIR",
            description = "photos to train on (default: the demo photos, copied to a temporary folder)")
    Path data;

    @Option(names = "--batch", defaultValue = "32", paramLabel = "N", description = "batch size (default ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--sample-calls", defaultValue = "1000", paramLabel = "N",
            description = "consecutive sampling calls of the first phase (default ${DEFAULT-VALUE})")
    int sampleCalls;

    @Option(names = "--report-seconds", defaultValue = "60", paramLabel = "S",
            description = "seconds between memory reports (default ${DEFAULT-VALUE})")
    double reportSeconds;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        ModelConfig model = Presets.get(preset);
        Backend backend = Backend.announce();
        out.println("soak: " + model.name() + ", batch " + batch + ", " + backend.summary());
        Path scratch = Files.createTempDirectory("lacuna-soak-");
        try (ModelService service = new ModelService(ServiceExecutors.background())) {
            Path photos = data != null ? data : demoPhotos(scratch.resolve("photos"));
            Picture photo = service.openImage(firstPhoto(photos)).get();
            WindowRect window = WindowRect.defaultFor(photo.width(), photo.height(), model.imageSize());
            SampleConfig one = SampleConfig.of(7, ones(model.levelCount()));

            // phase 1: consecutive sampling calls alone
            if (service.openShippedModel().get().filter(m -> m.config().equals(model)).isEmpty()) {
                Path untrained = scratch.resolve("untrained.lacuna");
                org.lacuna.model.ModelFiles.save(org.lacuna.model.Hvae.create(model, 1), 0, untrained);
                service.openModel(untrained).get();
            }
            int warm = Math.min(100, Math.max(1, sampleCalls / 10));
            for (int i = 0; i < warm; i++) {
                get(service.sample(photo, window, SampleConfig.of(i, ones(model.levelCount())), p -> { }).result());
            }
            long before = MemoryTrace.settledResidentMb();
            long start = System.nanoTime();
            for (int i = 0; i < sampleCalls; i++) {
                get(service.sample(photo, window, SampleConfig.of(warm + i, ones(model.levelCount())), p -> { })
                        .result());
            }
            long after = MemoryTrace.settledResidentMb();
            out.printf(Locale.ROOT, "sampling alone: %d calls in %.0f s; resident %d MB before, %d MB after (%+.1f%%)%n",
                    sampleCalls, (System.nanoTime() - start) / 1e9, before, after, 100.0 * (after - before) / before);

            // phase 2: a training and a sampling loop at once
            TrainingService training = new TrainingService(service, scratch.resolve("runs"), List.of(model));
            TrainConfig tc = TrainConfig.builder(photos.toString()).mode(ExampleMode.CROPS).batchSize(batch)
                    .steps(10_000_000).checkpointEvery(500).validateEvery(1000).validationBatches(2).build();
            AtomicLong steps = new AtomicLong();
            training.addListener(e -> {
                if (e instanceof TrainingEvent.Step s) {
                    steps.set(s.step());
                }
            });
            CompletableFuture<TrainingEvent.Ended> run = training.startNew(scratch.resolve("runs/soak"),
                    new RunConfig(model, tc));
            AtomicBoolean sampling = new AtomicBoolean(true);
            AtomicLong samples = new AtomicLong();
            Thread sampler = new Thread(() -> sampleWhileTraining(service, photo, window, one, sampling, samples),
                    "soak-sampler");
            sampler.setDaemon(true);
            sampler.start();

            MemoryTrace trace = new MemoryTrace();
            long t0 = System.nanoTime();
            long end = t0 + (long) (minutes * 60e9);
            long report = (long) (reportSeconds * 1e9);
            out.println(MemoryTrace.HEADER + "  steps  samples");
            for (long next = t0 + report; ; next += report) {
                long wait = Math.min(next, end) - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                if (run.isDone()) {
                    break;
                }
                out.printf(Locale.ROOT, "%s  %5d  %7d%n", trace.measure(), steps.get(), samples.get());
                if (System.nanoTime() >= end) {
                    break;
                }
            }
            sampling.set(false);
            sampler.join(TimeUnit.MINUTES.toMillis(2));
            training.stop();
            TrainingEvent.Ended ended = run.get(10, TimeUnit.MINUTES);
            if (ended.outcome() == TrainingEvent.Outcome.FAILED) {
                throw new IOException("the soak's training failed: " + ended.message());
            }
            out.printf(Locale.ROOT, "trained %d steps and sampled %d trees of %d completions at once%n", steps.get(),
                    samples.get(), 8);
            out.printf(Locale.ROOT, "rss_growth_pct_per_hour: %.2f%n", trace.growthPercentPerHour());
        } finally {
            deleteTree(scratch);
        }
        return 0;
    }

    /** Trees of 2x2x2 completions from copies of the training's weights, refreshed every 20 trees, as a user would. */
    private static void sampleWhileTraining(ModelService service, Picture photo, WindowRect window, SampleConfig one,
                                            AtomicBoolean running, AtomicLong count) {
        int levels = one.levels();
        int[] branching = new int[levels];
        Arrays.fill(branching, 2);
        try {
            while (running.get()) {
                try {
                    if (count.get() % 20 == 0) {
                        service.openTrainingSnapshot().get();
                    }
                    service.sample(photo, window, new SampleConfig(branching, null, count.get()), p -> { }).result()
                            .get();
                    count.incrementAndGet();
                } catch (ExecutionException e) {
                    // the training is not running yet (or any more): wait for it
                    Thread.sleep(500);
                }
                Thread.sleep(250); // a user looks at the tree before asking for another
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            throw new IllegalStateException("sampling failed during the soak: " + e.getMessage(), e);
        }
    }

    private static int[] ones(int n) {
        int[] a = new int[n];
        Arrays.fill(a, 1);
        return a;
    }

    private static Path firstPhoto(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).filter(f -> f.toString().matches("(?i).*\\.(png|jpe?g)$"))
                    .min(Comparator.naturalOrder())
                    .orElseThrow(() -> new IOException(folder + ": no PNG or JPEG photo to sample"));
        }
    }

    /** The demo photos shipped with the app, copied out of the class path: real photos, and no download. */
    private static Path demoPhotos(Path folder) throws IOException {
        Files.createDirectories(folder);
        for (DemoPhotos.Demo demo : DemoPhotos.all()) {
            try (var in = SoakCommand.class.getResourceAsStream("/demo/" + demo.file())) {
                if (in == null) {
                    throw new IOException("the demo photo " + demo.file() + " is missing from this build: give --data");
                }
                Files.copy(in, folder.resolve(demo.file()));
            }
        }
        return folder;
    }

    private static <T> T get(CompletableFuture<T> future) throws Exception {
        try {
            return future.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception c ? c : e;
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // a temporary folder: the system cleans it eventually
        }
    }
}
