package org.lacuna.train;

import org.lacuna.config.MaskDistribution;
import org.lacuna.config.ModelConfig;
import org.lacuna.data.MaskSampler;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Deterministic images and noise for tests: smooth gradients with a little texture, on the 8-bit grid. */
public final class TestBatches {

    /** Adam at the reference's rate with absolute thresholds (clip 200, skip 10^6), for optimizer tests. */
    public static final AdamSettings ADAM = new AdamSettings(2e-4, 0.9, 0.999, 1e-8, 200.0, 1e6);

    private TestBatches() {
    }

    public static INDArray images(ModelConfig config, int batch, long seed) {
        int n = config.imageSize();
        int c = config.channels();
        java.util.SplittableRandom rng = new java.util.SplittableRandom(seed);
        INDArray x = Nd4j.create(DataType.FLOAT, batch, c, n, n);
        for (int b = 0; b < batch; b++) {
            double fx = rng.nextDouble() * 0.3, fy = rng.nextDouble() * 0.3, phase = rng.nextDouble() * 6;
            for (int ch = 0; ch < c; ch++) {
                for (int y = 0; y < n; y++) {
                    for (int xx = 0; xx < n; xx++) {
                        double v = Math.sin(fx * xx + fy * y + phase + ch) * 0.8 + (rng.nextDouble() - 0.5) * 0.1;
                        int level = (int) Math.round((Math.max(-1, Math.min(1, v)) + 1) * 127.5);
                        x.putScalar(new long[]{b, ch, y, xx}, level / 127.5 - 1);
                    }
                }
            }
        }
        return x;
    }

    /**
     * The holes of a batch drawn from a distribution (null for centre: the model's own hole), with the first image's
     * hole touching the window's edge when free-form so that the edge case is always covered.
     */
    public static INDArray masks(ModelConfig config, MaskDistribution distribution, int batch, long seed) {
        if (distribution == MaskDistribution.CENTRE) {
            return null;
        }
        int n = config.imageSize();
        MaskSampler sampler = new MaskSampler(distribution, n, config.hole(), seed);
        float[] values = sampler.block(0, batch);
        for (int y = 0; y < n / 4; y++) {
            for (int x = 0; x < n / 3; x++) {
                values[y * n + x] = 1f; // a corner box in the first image
            }
        }
        return Nd4j.create(values, new long[]{batch, 1, n, n}, 'c');
    }

    public static INDArray[] noise(ModelConfig config, int batch, long seed) {
        Nd4j.getRandom().setSeed(seed);
        INDArray[] eps = new INDArray[config.levelCount()];
        for (int l = 1; l <= config.levelCount(); l++) {
            long[] s = config.latentShape(l);
            eps[l - 1] = Nd4j.randn(DataType.FLOAT, batch, s[0], s[1], s[2]);
        }
        return eps;
    }
}
