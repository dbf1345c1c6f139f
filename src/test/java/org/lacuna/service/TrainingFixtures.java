package org.lacuna.service;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import org.lacuna.config.ModelConfig;
import org.lacuna.config.RunConfig;
import org.lacuna.config.TrainConfig;
import org.lacuna.data.Images;
import org.lacuna.data.SyntheticImages;

/** A few generated photos on disk and tiny run configs, for training tests (service and UI). */
public final class TrainingFixtures {

    private TrainingFixtures() {
    }

    /** {@code n} synthetic 24x24 PNG photos and one broken file (which opening the folder skips). */
    public static Path photos(Path folder, int n) throws IOException {
        Files.createDirectories(folder);
        for (int i = 0; i < n; i++) {
            ImageIO.write(Images.toBuffered(SyntheticImages.photo(24, 24, 3, 40 + i)), "png",
                    folder.resolve(String.format("photo-%02d.png", i)).toFile());
        }
        Files.writeString(folder.resolve("broken.png"), "not a png");
        return folder;
    }

    /** A tiny run: batch 4, a high learning rate, short warm-up, EMA 0.9, one validation batch. */
    public static RunConfig run(ModelConfig model, Path data, long steps, long checkpointEvery, long validateEvery) {
        TrainConfig t = TrainConfig.builder(data.toAbsolutePath().toString()).batchSize(4).learningRate(1e-3)
                .klWarmupSteps(4).checkpointEvery(checkpointEvery).validateEvery(validateEvery).validationBatches(1)
                .steps(steps).emaRate(0.9).build();
        return new RunConfig(model, t);
    }

    /** Whether a pause has taken hold: the training thread waits at a step boundary, its last Step emitted. */
    public static boolean isParked(TrainingService training) {
        return training.isParked();
    }

    /**
     * Waits until a pause holds the training thread: it waits inside {@code TrainingControl}'s hold, which only a
     * resume or a stop ends, so no step can run until then (a proof of the pause, where a sleep only hopes).
     */
    public static void awaitHeld(Thread trainingThread) throws InterruptedException {
        waitFor(() -> trainingThread.getState() == Thread.State.WAITING && java.util.Arrays.stream(
                trainingThread.getStackTrace()).anyMatch(f -> f.getClassName().equals(
                        "org.lacuna.train.TrainingControl") && f.getMethodName().equals("awaitRunnable")));
    }

    public static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 90_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out");
            }
            Thread.sleep(20);
        }
    }
}
