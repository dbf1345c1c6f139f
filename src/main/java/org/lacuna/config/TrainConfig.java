package org.lacuna.config;

import java.util.ArrayList;
import java.util.List;

/**
 * How a run trains (MODEL.md, "Loss"; the defaults are the reference's). Immutable and validated.
 *
 * @param data               the image folder or IDX folder the run reads
 * @param mode               how examples are made from photos: "resize" or "crops"
 * @param validationFraction share of the files (IDX: examples) held out for validation
 * @param batchSize          images per step
 * @param learningRate       Adam's step size
 * @param steps              total optimiser steps of the run
 * @param klWarmupSteps      beta rises linearly from 0 to 1 over these steps (0 = beta 1 from the start)
 * @param clipNorm           the gradient's global norm is clipped to this times the number of modelled sub-pixels
 *                           (the loss is a sum over them; vdvae's per-dimension value)
 * @param skipNorm           an update whose gradient norm exceeds this times the number of modelled sub-pixels, or
 *                           is NaN/inf, or whose loss is NaN/inf, is skipped and counted
 * @param emaRate            the EMA of the weights (used for validation and sampling) keeps this much per step
 * @param checkpointEvery    steps between "latest" checkpoints (one is also written at stop)
 * @param validateEvery      steps between validations (and "best" checkpoints)
 * @param validationBatches  at most this many batches per validation
 * @param previewEvery       steps between preview grids of completions
 * @param seed               seed of the data order, the crops and the noise
 */
public record TrainConfig(
        String data,
        String mode,
        double validationFraction,
        int batchSize,
        double learningRate,
        long steps,
        long klWarmupSteps,
        double clipNorm,
        double skipNorm,
        double emaRate,
        long checkpointEvery,
        long validateEvery,
        int validationBatches,
        long previewEvery,
        long seed) {

    public TrainConfig {
        List<String> problems = new ArrayList<>();
        if (data == null || data.isBlank()) {
            problems.add("data is missing");
        }
        if (!"resize".equals(mode) && !"crops".equals(mode)) {
            problems.add("mode must be resize or crops, not " + mode);
        }
        if (!(validationFraction > 0 && validationFraction < 0.5)) {
            problems.add("validation fraction must be in (0, 0.5), not " + validationFraction);
        }
        if (batchSize < 1 || batchSize > 1024) {
            problems.add("batch size must be 1..1024, not " + batchSize);
        }
        if (!(learningRate > 0 && learningRate < 1)) {
            problems.add("learning rate must be in (0, 1), not " + learningRate);
        }
        if (steps < 1) {
            problems.add("steps must be at least 1, not " + steps);
        }
        if (klWarmupSteps < 0) {
            problems.add("KL warm-up steps cannot be negative");
        }
        if (!(clipNorm > 0) || !(skipNorm >= clipNorm)) {
            problems.add("need 0 < clip norm <= skip norm, got " + clipNorm + " and " + skipNorm);
        }
        if (!(emaRate >= 0 && emaRate < 1)) {
            problems.add("EMA rate must be in [0, 1), not " + emaRate);
        }
        if (checkpointEvery < 1 || validateEvery < 1 || previewEvery < 1) {
            problems.add("checkpoint, validation and preview intervals must be at least 1 step");
        }
        if (validationBatches < 1) {
            problems.add("validation batches must be at least 1");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid training config: " + String.join("; ", problems));
        }
    }

    /** The reference defaults for a data source. */
    public static TrainConfig defaults(String data) {
        return new TrainConfig(data, "resize", 0.05, 32, 2e-4, 20_000, 5_000, 200.0, 400.0, 0.999, 1_000, 500, 8,
                500, 1);
    }

    /** beta at a step (0-based): linear warm-up from 0 to 1. */
    public double beta(long step) {
        return klWarmupSteps == 0 ? 1.0 : Math.min(1.0, (double) step / klWarmupSteps);
    }

    public TrainConfig withSteps(long value) {
        return new TrainConfig(data, mode, validationFraction, batchSize, learningRate, value, klWarmupSteps, clipNorm,
                skipNorm, emaRate, checkpointEvery, validateEvery, validationBatches, previewEvery, seed);
    }

    public TrainConfig withSchedule(int batch, double lr, long klWarmup) {
        return new TrainConfig(data, mode, validationFraction, batch, lr, steps, klWarmup, clipNorm, skipNorm, emaRate,
                checkpointEvery, validateEvery, validationBatches, previewEvery, seed);
    }

    public TrainConfig withIntervals(long checkpoint, long validate, int valBatches, long preview) {
        return new TrainConfig(data, mode, validationFraction, batchSize, learningRate, steps, klWarmupSteps, clipNorm,
                skipNorm, emaRate, checkpoint, validate, valBatches, preview, seed);
    }

    public TrainConfig withData(String path, String exampleMode, long dataSeed) {
        return new TrainConfig(path, exampleMode, validationFraction, batchSize, learningRate, steps, klWarmupSteps,
                clipNorm, skipNorm, emaRate, checkpointEvery, validateEvery, validationBatches, previewEvery, dataSeed);
    }

    public TrainConfig withEma(double rate) {
        return new TrainConfig(data, mode, validationFraction, batchSize, learningRate, steps, klWarmupSteps, clipNorm,
                skipNorm, rate, checkpointEvery, validateEvery, validationBatches, previewEvery, seed);
    }
}
