package org.lacuna.train;

import org.lacuna.config.ModelConfig;
import org.lacuna.data.Seeds;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.GaussianDistribution;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The reparameterisation noise of training steps: one standard normal array per level, reused from step to step
 * and refilled in place from a generator seeded by (seed, key), so any step's noise can be drawn again exactly.
 */
public final class NoiseSource {

    private final long seed;
    private final INDArray[] eps;
    private final Random random = Nd4j.getRandomFactory().getNewRandomInstance(0);

    public NoiseSource(ModelConfig config, int batch, long seed) {
        this.seed = seed;
        this.eps = new INDArray[config.levelCount()];
        for (int l = 1; l <= config.levelCount(); l++) {
            long[] s = config.latentShape(l);
            eps[l - 1] = Nd4j.create(DataType.FLOAT, batch, s[0], s[1], s[2]);
        }
    }

    /** The noise for a key (the step), z1 first; the arrays are reused by the next call. */
    public INDArray[] draw(long key) {
        random.setSeed(Seeds.mix(seed, key));
        for (INDArray e : eps) {
            Nd4j.getExecutioner().exec(new GaussianDistribution(e, 0.0, 1.0), random);
        }
        return eps;
    }

}
