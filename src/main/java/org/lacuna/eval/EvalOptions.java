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
 */
public record EvalOptions(int samples, int iwSamples, long seed, int batchSize) {

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
    }

    /** k = 16 completions, no importance-weighted bound, batches of 32. */
    public static EvalOptions defaults(long seed) {
        return new EvalOptions(DEFAULT_SAMPLES, 0, seed, DEFAULT_BATCH);
    }

    public EvalOptions withIwSamples(int value) {
        return new EvalOptions(samples, value, seed, batchSize);
    }
}
