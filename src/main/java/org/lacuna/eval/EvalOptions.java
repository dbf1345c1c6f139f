package org.lacuna.eval;

import org.lacuna.config.SampleConfig;

/**
 * How to evaluate.
 *
 * @param samples    k: completions drawn from the prior per image, for the best-of-k scores and the diversity (1..1024)
 * @param iwSamples  K: posterior samples per image for the importance-weighted bound; 0 skips the bound
 * @param seed       the seed of every draw (the ELBO's noise, the IW samples, the completions)
 * @param batchSize  images per graph call of the ELBO pass; with K > 0 the bound's calls hold
 *                   max(1, batchSize / K) images, K rows each
 * @param temperatures the sampling temperature of each level for the k completions, top level first (as in
 *                   {@link SampleConfig}); null = 1 at every level (the model's own prior)
 * @param baselines  the classical fills to score beside the model (never empty); null = every {@link Baseline}
 */
public record EvalOptions(int samples, int iwSamples, long seed, int batchSize, double[] temperatures,
                          java.util.Set<Baseline> baselines) {

    public static final int DEFAULT_SAMPLES = 16;
    public static final int DEFAULT_BATCH = 32;
    /** More posterior samples per image than this is refused. */
    public static final int MAX_IW_SAMPLES = 1024;

    public EvalOptions {
        if (samples < 1 || samples > SampleConfig.MAX_LEAVES) {
            throw new IllegalArgumentException("samples per image must be 1.." + SampleConfig.MAX_LEAVES + ", not "
                    + samples);
        }
        if (iwSamples < 0 || iwSamples > MAX_IW_SAMPLES) {
            throw new IllegalArgumentException("importance samples must be 0 (off).." + MAX_IW_SAMPLES + ", not "
                    + iwSamples);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, not " + batchSize);
        }
        if (temperatures != null) {
            temperatures = temperatures.clone();
            for (double t : temperatures) {
                if (!(t > 0 && t <= 10)) {
                    throw new IllegalArgumentException("temperatures must be above 0 and at most 10: "
                            + java.util.Arrays.toString(temperatures));
                }
            }
        }
        if (baselines != null) {
            if (baselines.isEmpty()) {
                throw new IllegalArgumentException("at least one classical fill to compare with");
            }
            baselines = java.util.Collections.unmodifiableSet(java.util.EnumSet.copyOf(baselines));
        }
    }

    public EvalOptions(int samples, int iwSamples, long seed, int batchSize, double[] temperatures) {
        this(samples, iwSamples, seed, batchSize, temperatures, null);
    }

    /** Completions at temperature 1. */
    public EvalOptions(int samples, int iwSamples, long seed, int batchSize) {
        this(samples, iwSamples, seed, batchSize, null);
    }

    @Override
    public double[] temperatures() {
        return temperatures == null ? null : temperatures.clone();
    }

    public EvalOptions withTemperatures(double[] values) {
        return new EvalOptions(samples, iwSamples, seed, batchSize, values, baselines);
    }

    public EvalOptions withBaselines(java.util.Set<Baseline> values) {
        return new EvalOptions(samples, iwSamples, seed, batchSize, temperatures, values);
    }

    /** The classical fills to score, in their order. */
    public java.util.Set<Baseline> scoredBaselines() {
        return baselines == null ? java.util.EnumSet.allOf(Baseline.class) : java.util.EnumSet.copyOf(baselines);
    }

    /** k = 16 completions, no importance-weighted bound, batches of 32. */
    public static EvalOptions defaults(long seed) {
        return new EvalOptions(DEFAULT_SAMPLES, 0, seed, DEFAULT_BATCH);
    }

    public EvalOptions withIwSamples(int value) {
        return new EvalOptions(samples, value, seed, batchSize, temperatures, baselines);
    }
}
