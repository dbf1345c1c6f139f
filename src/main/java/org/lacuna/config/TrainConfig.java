package org.lacuna.config;

import java.util.ArrayList;
import java.util.List;

/**
 * How a run trains (MODEL.md, "Loss"; the defaults are the reference's). Immutable and validated; build one with
 * {@link #builder(String)}, start from a named recipe ({@link Presets#recipe}), or change one with {@link #toBuilder()}.
 *
 * @param data               the image folder or IDX folder the run reads
 * @param mode               how examples are made from photos
 * @param validationFraction share of the files (IDX: examples) held out for validation
 * @param batchSize          images per step
 * @param learningRate       Adam's step size once warmed up
 * @param lrWarmupSteps      the step size rises linearly from 0 over these steps (0 = none, the reference)
 * @param steps              total optimiser steps of the run
 * @param klWarmupSteps      beta rises linearly from 0 to 1 over these steps (0 = beta 1 from the start)
 * @param clipNorm           the gradient's global norm is clipped to this (in {@code gradientScale}'s unit)
 * @param skipNorm           an update whose gradient norm exceeds this (same unit), or is NaN/inf, or whose loss is
 *                           NaN/inf, is skipped and counted
 * @param gradientScale      what the two thresholds are measured against
 * @param emaRate            the EMA of the weights (used for validation and sampling) keeps this much per step
 * @param flips              training examples are mirrored left-right with probability 1/2 (crops mode)
 * @param checkpointEvery    steps between "latest" checkpoints (one is also written at stop)
 * @param validateEvery      steps between validations (and "best" checkpoints) and preview grids
 * @param validationBatches  at most this many batches per validation
 * @param snapshotEvery      steps between slim copies of the EMA weights kept in {@code snapshots/} (0 = none), for
 *                           learning curves
 * @param seed               seed of the data order, the crops and the noise
 * @param masks              the holes the run trains on ({@code centre}: the model's own, the reference)
 * @param lrDecaySteps       over the run's last this-many steps the step size falls to zero along a half cosine
 *                           (0 = none, the reference); it may change when a run is resumed, as {@code steps} may
 */
public record TrainConfig(
        String data,
        ExampleMode mode,
        double validationFraction,
        int batchSize,
        double learningRate,
        long lrWarmupSteps,
        long steps,
        long klWarmupSteps,
        double clipNorm,
        double skipNorm,
        GradientScale gradientScale,
        double emaRate,
        boolean flips,
        long checkpointEvery,
        long validateEvery,
        int validationBatches,
        long snapshotEvery,
        long seed,
        MaskDistribution masks,
        long lrDecaySteps) {

    public TrainConfig {
        List<String> problems = new ArrayList<>();
        if (data == null || data.isBlank()) {
            problems.add("data is missing");
        }
        if (mode == null) {
            problems.add("mode is missing (resize or crops)");
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
        if (lrWarmupSteps < 0) {
            problems.add("learning-rate warm-up steps cannot be negative");
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
        if (gradientScale == null) {
            problems.add("gradient scale is missing (per-subpixel or per-image)");
        }
        if (!(emaRate >= 0 && emaRate < 1)) {
            problems.add("EMA rate must be in [0, 1), not " + emaRate);
        }
        if (checkpointEvery < 1 || validateEvery < 1) {
            problems.add("checkpoint and validation intervals must be at least 1 step");
        }
        if (snapshotEvery < 0) {
            problems.add("snapshot interval cannot be negative");
        }
        if (validationBatches < 1) {
            problems.add("validation batches must be at least 1");
        }
        if (masks == null) {
            problems.add("masks are missing (centre or free-form)");
        }
        if (lrDecaySteps < 0) {
            problems.add("learning-rate decay steps cannot be negative");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid training config: " + String.join("; ", problems));
        }
    }

    /** The reference recipe ({@link Presets#REFERENCE}) for a data source. */
    public static TrainConfig defaults(String data) {
        return Presets.REFERENCE.toBuilder().data(data).build();
    }

    /** A builder holding the reference recipe's values for a data source. */
    public static Builder builder(String data) {
        return Presets.REFERENCE.toBuilder().data(data);
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** beta at a step (0-based): linear warm-up from 0 to 1. */
    public double beta(long step) {
        return klWarmupSteps == 0 ? 1.0 : Math.min(1.0, (double) step / klWarmupSteps);
    }

    /**
     * Adam's step size at a step (0-based): linear warm-up to {@link #learningRate}, constant, then over the last
     * {@link #lrDecaySteps} steps of the run down to zero along a half cosine.
     */
    public double learningRate(long step) {
        double lr = lrWarmupSteps == 0 ? learningRate : learningRate * Math.min(1.0, (step + 1.0) / lrWarmupSteps);
        long decayStart = steps - lrDecaySteps;
        if (lrDecaySteps > 0 && step >= decayStart) {
            double t = Math.min(1.0, (step - decayStart + 1.0) / lrDecaySteps);
            lr *= 0.5 * (1 + Math.cos(Math.PI * t));
        }
        return lr;
    }

    /** Steps between preview grids: a preview is drawn at every validation. */
    public long previewEvery() {
        return validateEvery;
    }

    /**
     * Brings a {@code train} object of a config.json written before recipes (it has {@code previewEvery} and no
     * {@code gradientScale}) to this form, in place: the settings such runs trained with. Other objects are left.
     */
    public static void upgradeLegacy(com.fasterxml.jackson.databind.node.ObjectNode train) {
        // written before free-form masks and the learning-rate decay: the centre hole, no decay
        if (!train.has("masks")) {
            train.put("masks", MaskDistribution.CENTRE.label());
        }
        if (!train.has("lrDecaySteps")) {
            train.put("lrDecaySteps", 0);
        }
        if (train.has("gradientScale") || !train.has("previewEvery")) {
            return;
        }
        train.remove("previewEvery");
        train.put("lrWarmupSteps", 0);
        train.put("gradientScale", GradientScale.PER_SUBPIXEL.label());
        train.put("flips", false);
        train.put("snapshotEvery", 0);
    }

    public TrainConfig withSteps(long value) {
        return toBuilder().steps(value).build();
    }

    /** The same config with the schedule's length settings (steps, the decay) taken from another. */
    public TrainConfig withScheduleOf(TrainConfig other) {
        return toBuilder().steps(other.steps).lrDecaySteps(other.lrDecaySteps).build();
    }

    /** Every field by name; {@link #build()} validates. */
    public static final class Builder {
        private String data;
        private ExampleMode mode;
        private double validationFraction;
        private int batchSize;
        private double learningRate;
        private long lrWarmupSteps;
        private long steps;
        private long klWarmupSteps;
        private double clipNorm;
        private double skipNorm;
        private GradientScale gradientScale;
        private double emaRate;
        private boolean flips;
        private long checkpointEvery;
        private long validateEvery;
        private int validationBatches;
        private long snapshotEvery;
        private long seed;
        private MaskDistribution masks;
        private long lrDecaySteps;

        Builder() {
        }

        private Builder(TrainConfig c) {
            data = c.data;
            mode = c.mode;
            validationFraction = c.validationFraction;
            batchSize = c.batchSize;
            learningRate = c.learningRate;
            lrWarmupSteps = c.lrWarmupSteps;
            steps = c.steps;
            klWarmupSteps = c.klWarmupSteps;
            clipNorm = c.clipNorm;
            skipNorm = c.skipNorm;
            gradientScale = c.gradientScale;
            emaRate = c.emaRate;
            flips = c.flips;
            checkpointEvery = c.checkpointEvery;
            validateEvery = c.validateEvery;
            validationBatches = c.validationBatches;
            snapshotEvery = c.snapshotEvery;
            seed = c.seed;
            masks = c.masks;
            lrDecaySteps = c.lrDecaySteps;
        }

        public Builder data(String value) {
            data = value;
            return this;
        }

        public Builder mode(ExampleMode value) {
            mode = value;
            return this;
        }

        public Builder validationFraction(double value) {
            validationFraction = value;
            return this;
        }

        public Builder batchSize(int value) {
            batchSize = value;
            return this;
        }

        public Builder learningRate(double value) {
            learningRate = value;
            return this;
        }

        public Builder lrWarmupSteps(long value) {
            lrWarmupSteps = value;
            return this;
        }

        public Builder steps(long value) {
            steps = value;
            return this;
        }

        public Builder klWarmupSteps(long value) {
            klWarmupSteps = value;
            return this;
        }

        /** The clip and skip thresholds and what they are measured against. */
        public Builder gradientLimits(double clip, double skip, GradientScale scale) {
            clipNorm = clip;
            skipNorm = skip;
            gradientScale = scale;
            return this;
        }

        public Builder emaRate(double value) {
            emaRate = value;
            return this;
        }

        public Builder flips(boolean value) {
            flips = value;
            return this;
        }

        public Builder checkpointEvery(long value) {
            checkpointEvery = value;
            return this;
        }

        public Builder validateEvery(long value) {
            validateEvery = value;
            return this;
        }

        public Builder validationBatches(int value) {
            validationBatches = value;
            return this;
        }

        public Builder snapshotEvery(long value) {
            snapshotEvery = value;
            return this;
        }

        public Builder seed(long value) {
            seed = value;
            return this;
        }

        public Builder masks(MaskDistribution value) {
            masks = value;
            return this;
        }

        public Builder lrDecaySteps(long value) {
            lrDecaySteps = value;
            return this;
        }

        public TrainConfig build() {
            return new TrainConfig(data, mode, validationFraction, batchSize, learningRate, lrWarmupSteps, steps,
                    klWarmupSteps, clipNorm, skipNorm, gradientScale, emaRate, flips, checkpointEvery, validateEvery,
                    validationBatches, snapshotEvery, seed, masks, lrDecaySteps);
        }
    }
}
