package org.lacuna.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lacuna.config.ModelConfig;
import org.lacuna.config.RunConfig;
import org.lacuna.config.TrainConfig;
import org.lacuna.data.DataReport;
import org.lacuna.data.DataSplit;
import org.lacuna.data.Dataset;
import org.lacuna.data.Raster;
import org.lacuna.data.SyntheticImages;
import org.lacuna.model.Hvae;
import org.lacuna.model.ModelFiles;
import org.lacuna.model.TinyConfigs;
import org.lacuna.store.ModelFile;
import org.lacuna.store.RunDirectory;
import org.lacuna.store.StepRecord;
import org.lacuna.store.ValidationRecord;

class TrainerTest {

    @TempDir
    Path dir;

    /** Synthetic photos at the model's size, in memory. */
    static DataSplit synthetic(ModelConfig config) {
        Dataset train = new Fixed(config, 24, 100);
        Dataset validation = new Fixed(config, 6, 900);
        return new DataSplit(train, validation, new DataReport(Path.of("synthetic"), 30, 0, List.of()));
    }

    record Fixed(ModelConfig config, int size, long seed) implements Dataset {
        @Override
        public Raster example(int index, long epoch) {
            return SyntheticImages.photo(config.imageSize(), config.imageSize(), config.channels(), seed + index);
        }
    }

    static RunConfig runConfig(ModelConfig model, long steps, long checkpointEvery) {
        TrainConfig t = TrainConfig.builder("synthetic").batchSize(4).learningRate(1e-3).klWarmupSteps(4)
                .checkpointEvery(checkpointEvery).validateEvery(5).validationBatches(1).steps(steps).emaRate(0.9).build();
        return new RunConfig(model, t);
    }

    static class Recorder implements TrainingListener {
        final List<StepRecord> steps = new CopyOnWriteArrayList<>();
        final List<ValidationRecord> validations = new CopyOnWriteArrayList<>();
        final List<Path> checkpoints = new CopyOnWriteArrayList<>();

        @Override
        public void onStep(StepRecord record) {
            steps.add(record);
        }

        @Override
        public void onValidation(ValidationRecord record) {
            validations.add(record);
        }

        @Override
        public void onCheckpoint(long step, Path file, boolean best) {
            checkpoints.add(file);
        }
    }

    @Test
    void aRunTrainsValidatesCheckpointsAndLogsEveryRecord() throws Exception {
        ModelConfig model = TinyConfigs.small();
        RunDirectory run = new RunDirectory(dir.resolve("run"));
        Trainer trainer = Trainer.open(run, runConfig(model, 30, 10), synthetic(model));
        Recorder recorder = new Recorder();
        trainer.addListener(recorder);
        TrainerState end = trainer.run();

        assertEquals(30, end.step());
        assertEquals(30, recorder.steps.size());
        assertEquals(6, recorder.validations.size());
        double first = recorder.steps.get(0).loss(), last = recorder.steps.get(29).loss();
        assertTrue(last < first, "loss " + first + " -> " + last);
        assertEquals(0.25, recorder.steps.get(1).beta(), 1e-12);
        assertEquals(1.0, recorder.steps.get(29).beta(), 1e-12);
        assertTrue(Files.exists(run.latestCheckpoint()) && Files.exists(run.bestCheckpoint()));
        assertEquals(36, run.readMetrics().size());
        assertEquals(30, ModelFile.read(run.latestCheckpoint()).header().step());
        // the checkpoint is also a plain model file for sampling
        assertEquals(model, ModelFiles.load(run.latestCheckpoint()).config());
        // the trainer writes a preview grid at every validation, whoever listens
        for (long step : new long[] {10, 20, 30}) {
            assertTrue(Files.isRegularFile(run.preview(step)), "preview of step " + step);
        }
        assertTrue(RunDirectory.isPreviewName(run.preview(30).getFileName().toString()));
    }

    @Test
    void pauseHoldsTheStepCountResumeContinuesAndStopCheckpoints() throws Exception {
        ModelConfig model = TinyConfigs.small();
        RunDirectory run = new RunDirectory(dir.resolve("run"));
        Trainer trainer = Trainer.open(run, runConfig(model, 100_000, 100_000), synthetic(model));
        Recorder recorder = new Recorder();
        trainer.addListener(recorder);
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread thread = new Thread(() -> {
            try {
                outcome.set(trainer.run());
            } catch (Exception e) {
                outcome.set(e);
            }
        });
        thread.start();
        waitFor(() -> recorder.steps.size() >= 3);
        trainer.control().pause();
        waitFor(() -> trainer.control().isHolding()); // the step in flight has finished
        int paused = recorder.steps.size();
        waitFor(() -> heldByThePause(thread)); // waiting for a resume: no step can run
        assertEquals(paused, recorder.steps.size(), "steps went on while paused");
        trainer.control().resume();
        waitFor(() -> recorder.steps.size() >= paused + 3);
        trainer.control().stop();
        thread.join(30_000);
        TrainerState end = (TrainerState) outcome.get();
        assertEquals(recorder.steps.size(), end.step());
        assertEquals(end.step(), ModelFile.read(run.latestCheckpoint()).header().step());
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(org.lacuna.config.MaskDistribution.class)
    void aRunKilledBetweenCheckpointsResumesExactlyAsIfNeverStopped(org.lacuna.config.MaskDistribution masks)
            throws Exception {
        ModelConfig model = TinyConfigs.small();
        RunConfig base = runConfig(model, 9, 3);
        RunConfig config = new RunConfig(model, base.train().toBuilder().masks(masks).build());
        RunDirectory straight = new RunDirectory(dir.resolve("straight"));
        Trainer reference = Trainer.open(straight, config, synthetic(model));
        Recorder expected = new Recorder();
        reference.addListener(expected);
        reference.run();

        RunDirectory crashed = new RunDirectory(dir.resolve("crashed"));
        Trainer first = Trainer.open(crashed, config, synthetic(model));
        first.addListener(new TrainingListener() {
            @Override
            public void onStep(StepRecord record) {
                if (record.step() == 5) {
                    throw new IllegalStateException("simulated crash after step 5, checkpoint at 3");
                }
            }
        });
        assertThrows(IllegalStateException.class, first::run);

        Trainer resumed = Trainer.open(crashed, config, synthetic(model));
        assertEquals(3, resumed.state().step());
        Recorder after = new Recorder();
        resumed.addListener(after);
        resumed.run();
        assertEquals(6, after.steps.size());
        for (StepRecord r : after.steps) {
            StepRecord e = expected.steps.get((int) r.step() - 1);
            assertEquals(e.loss(), r.loss(), 0.0, "loss at step " + r.step());
            assertEquals(e.gradNorm(), r.gradNorm(), 0.0, "grad norm at step " + r.step());
        }
        List<Object> metrics = crashed.readMetrics();
        assertEquals(9, metrics.stream().filter(m -> m instanceof StepRecord).count(), "no duplicated steps");
    }

    @Test
    void aRunFolderOfAnotherConfigurationIsRefused() throws Exception {
        ModelConfig model = TinyConfigs.small();
        RunDirectory run = new RunDirectory(dir.resolve("run"));
        Trainer.open(run, runConfig(model, 2, 1), synthetic(model)).run();
        RunConfig other = runConfig(model, 2, 1);
        other = new RunConfig(model, other.train().toBuilder().batchSize(8).build());
        RunConfig finalOther = other;
        IOException e = assertThrows(IOException.class, () -> Trainer.open(run, finalOther, synthetic(model)));
        assertTrue(e.getMessage().contains("another configuration"), e.getMessage());
        // more steps for the same run is fine
        assertEquals(2, Trainer.open(run, runConfig(model, 4, 1), synthetic(model)).state().step());
    }

    @Test
    void theEmaFollowsTheWeightsEarlyAndSettlesAtItsRate() {
        assertEquals(0.1, Trainer.emaDecay(0.999, 0), 1e-12);
        assertEquals(0.5, Trainer.emaDecay(0.999, 8), 1e-12);
        assertEquals(0.999, Trainer.emaDecay(0.999, 100_000), 1e-12);
    }

    @Test
    void aCheckpointLoadsWithItsEmaWeightsForSampling() throws Exception {
        ModelConfig model = TinyConfigs.small();
        RunDirectory run = new RunDirectory(dir.resolve("run"));
        Trainer trainer = Trainer.open(run, runConfig(model, 3, 3), synthetic(model));
        trainer.run();
        var content = ModelFile.read(run.latestCheckpoint());
        var loaded = ModelFiles.load(run.latestCheckpoint());
        assertEquals(content.group(ModelFile.EMA).get("h8z.weight"), loaded.parameter("h8z.weight"));
        assertTrue(!content.group(ModelFile.PARAMS).get("h8z.weight").equals(loaded.parameter("h8z.weight")));
        // the slim copy for shipping samples like the checkpoint
        Path slim = dir.resolve("slim.lacuna");
        assertEquals(3, ModelFiles.saveForSampling(run.latestCheckpoint(), slim));
        assertEquals(loaded.parameters().keySet(), ModelFiles.load(slim).parameters().keySet());
        assertEquals(loaded.parameter("out.weight"), ModelFiles.load(slim).parameter("out.weight"));
        assertTrue(Files.size(slim) < Files.size(run.latestCheckpoint()) / 3);
        // a warm-started run's slim copy can record the steps its weights had before the run began
        Path counted = dir.resolve("counted.lacuna");
        assertEquals(3 + 6_000, ModelFiles.saveForSampling(run.latestCheckpoint(), counted, 6_000));
        assertEquals(6_003, ModelFile.read(counted).header().step());
        assertEquals(loaded.parameter("out.weight"), ModelFiles.load(counted).parameter("out.weight"));
        assertThrows(IllegalArgumentException.class,
                () -> ModelFiles.saveForSampling(run.latestCheckpoint(), dir.resolve("no.lacuna"), -1));
    }

    /** Whether the thread waits inside the control's hold, which only a resume or a stop ends. */
    static boolean heldByThePause(Thread thread) {
        return thread.getState() == Thread.State.WAITING && java.util.Arrays.stream(thread.getStackTrace())
                .anyMatch(f -> f.getClassName().equals(TrainingControl.class.getName())
                        && f.getMethodName().equals("awaitRunnable"));
    }

    static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out");
            }
            Thread.sleep(20);
        }
    }

    @Test
    void aWarmStartBeginsAtAModelFilesWeightsWithAFreshOptimizerAndRefusesAnotherModel() throws Exception {
        ModelConfig model = TinyConfigs.small();
        Hvae source = Hvae.create(model, 77);
        Path file = dir.resolve("init.lacuna");
        ModelFiles.save(source, 500, file);
        RunDirectory run = new RunDirectory(dir.resolve("warm"));
        Trainer trainer = Trainer.start(run, runConfig(model, 2, 2), synthetic(model), file);
        assertEquals(0, trainer.state().step(), "the step starts afresh");
        assertEquals(500, trainer.state().stepsBefore(), "the steps the weights had");
        assertEquals(500 * 4, trainer.state().dataPosition(), "the data goes on where those steps left it");
        var expected = source.parameters();
        var got = trainer.emaSnapshot().parameters();
        for (String name : expected.keySet()) {
            assertEquals(expected.get(name), got.get(name), name);
        }
        assertEquals(2, trainer.run().step());
        assertThrows(IOException.class, () -> Trainer.start(run, runConfig(model, 2, 2), synthetic(model), file),
                "the folder now holds a run");
        ModelConfig other = model.withConditioning(model.conditioning() == org.lacuna.config.Conditioning.TOP_ONLY
                ? org.lacuna.config.Conditioning.EVERY_LEVEL : org.lacuna.config.Conditioning.TOP_ONLY);
        IOException e = assertThrows(IOException.class, () -> Trainer.start(new RunDirectory(dir.resolve("other")),
                runConfig(other, 2, 2), synthetic(other), file));
        assertTrue(e.getMessage().contains("init.lacuna"), e.getMessage());
    }

    /**
     * A full disk while checkpointing: on a size-limited tmpfs where the machine lets the test mount one, else with
     * an injected write failure. The failure is reported with the file and the reason, the checkpoint before it stays
     * and loads, and the run goes on (CONTINUE) or ends at that step (STOP).
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(WriteFailurePolicy.class)
    void aFullDiskWhileCheckpointingIsReportedKeepsTheLastCheckpointAndContinuesOrStops(WriteFailurePolicy policy)
            throws Exception {
        ModelConfig model = TinyConfigs.small();
        // how much a run of 5 steps writes, and one checkpoint's size
        RunDirectory probe = new RunDirectory(dir.resolve("probe"));
        Trainer.open(probe, runConfig(model, 5, 5), synthetic(model)).run();
        long checkpoint = Files.size(probe.latestCheckpoint());
        long written;
        try (var files = Files.walk(probe.root())) {
            written = files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
        Path disk = Files.createDirectories(dir.resolve("disk-" + policy));
        long size = written + checkpoint / 2; // room for the first checkpoint and its files, not for a second one
        boolean mounted = !Boolean.getBoolean("lacuna.test.injectFaults") && mountTmpfs(disk, size);
        System.out.println("full disk: " + (mounted ? "a tmpfs of " + size + " bytes" : "injected write failures"));
        if (!mounted) {
            org.lacuna.store.AtomicFiles.injectFailures(p -> p.startsWith(disk) && p.endsWith("latest.lacuna")
                    && seenLatest.getAndIncrement() > 0);
        }
        try {
            RunDirectory run = new RunDirectory(disk.resolve("run"));
            Trainer trainer = Trainer.open(run, runConfig(model, 15, 5), synthetic(model));
            trainer.setOnWriteFailure(policy);
            List<String> failures = new CopyOnWriteArrayList<>();
            trainer.addListener(new TrainingListener() {
                @Override
                public void onWriteFailed(long step, Path file, String message) {
                    failures.add(step + " " + file.getFileName() + ": " + message);
                }
            });
            if (policy == WriteFailurePolicy.STOP) {
                IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class, trainer::run);
                assertTrue(e.getMessage().contains("the run stops here"), e.getMessage());
                assertEquals(10, trainer.state().step(), "stopped at the failed checkpoint's step");
                assertEquals(10, run.readMetrics().stream().filter(r -> r instanceof StepRecord).count());
            } else {
                assertEquals(15, trainer.run().step(), "training went on");
            }
            assertTrue(!failures.isEmpty(), "reported");
            String first = failures.get(0);
            assertTrue(first.matches("10 (latest|best)\\.lacuna: cannot write the (best )?checkpoint at step 10 .*"),
                    first);
            assertTrue(first.contains("No space left on device"), first);
            assertTrue(first.contains("is unchanged"), first);
            assertEquals(5, ModelFile.read(run.latestCheckpoint()).header().step(), "the checkpoint before stays");
            assertTrue(trainer.writeFailures() >= 1);
        } finally {
            org.lacuna.store.AtomicFiles.injectFailures(null);
            seenLatest.set(0);
            if (mounted) {
                new ProcessBuilder("umount", disk.toString()).inheritIO().start().waitFor();
            }
        }
    }

    private static final java.util.concurrent.atomic.AtomicInteger seenLatest = new java.util.concurrent.atomic.AtomicInteger();

    /** Mounts a tmpfs of about {@code bytes} at {@code dir}; false where the machine does not allow it. */
    private static boolean mountTmpfs(Path dir, long bytes) {
        try {
            long kb = (bytes + 4095) / 4096 * 4;
            Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=" + kb + "k", "tmpfs", dir.toString())
                    .redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
