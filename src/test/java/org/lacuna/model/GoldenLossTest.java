package org.lacuna.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.lacuna.config.Presets;
import org.lacuna.train.TestBatches;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Pins the model's numbers: the same weights (seed), images and noise must give the same loss terms, to 1e-4
 * relative, through every speed change to the graph (issue 4). The values were recorded from the plain graph
 * (one conv per concatenation, ND4J's elu and upsampling2d) before any optimisation.
 */
class GoldenLossTest {

    private static final double RELATIVE = 1e-4;

    @Test
    void coco64LossTermsMatchTheRecordedValues() {
        Hvae model = Hvae.create(Presets.COCO64, 1);
        INDArray x = TestBatches.images(Presets.COCO64, 2, 7);
        LossTerms t = model.evaluate(x, TestBatches.noise(Presets.COCO64, 2, 8), 0.5);
        assertClose(GOLDEN_COCO64_LOSS, t.loss());
        assertClose(GOLDEN_COCO64_RECON, t.recon());
        for (int l = 0; l < 3; l++) {
            assertClose(GOLDEN_COCO64_KL[l], t.kl()[l]);
        }
        // the decoder's means, which the loss sees only through the likelihood
        INDArray means = model.outputs(x, TestBatches.noise(Presets.COCO64, 2, 8), HvaeGraph.X_MEAN).get(HvaeGraph.X_MEAN);
        assertEquals(GOLDEN_MEANS[0], means.sumNumber().doubleValue(), 1e-3 * Math.abs(GOLDEN_MEANS[0]) + 1e-2);
        assertEquals(GOLDEN_MEANS[1], means.getDouble(0, 0, 20, 30), 1e-4);
        assertEquals(GOLDEN_MEANS[2], means.getDouble(1, 2, 40, 17), 1e-4);
        // and the sampling path, which has its own (split) convs
        INDArray sampled = model.sampleMeans(x.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 1)),
                TestBatches.noise(Presets.COCO64, 3, 9));
        assertEquals(GOLDEN_SAMPLED, sampled.sumNumber().doubleValue(), 1e-3 * Math.abs(GOLDEN_SAMPLED) + 1e-2);
    }

    private static void assertClose(double expected, double actual) {
        assertEquals(expected, actual, RELATIVE * Math.abs(expected));
    }

    private static final double GOLDEN_COCO64_LOSS = 19170.228515625;
    private static final double GOLDEN_COCO64_RECON = 19167.609375;
    private static final double[] GOLDEN_COCO64_KL = {3.984170913696289, 0.9479818940162659, 0.3076317012310028};
    private static final double GOLDEN_SAMPLED = -435.76702880859375;
    private static final double[] GOLDEN_MEANS = {-140.1390838623047, -0.0709555596113205, 0.05637742206454277};
}
