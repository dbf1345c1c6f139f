package org.lacuna.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.lacuna.config.Conditioning;
import org.lacuna.config.MaskDistribution;
import org.lacuna.config.ModelConfig;
import org.lacuna.config.Presets;
import org.lacuna.train.TestBatches;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The training step on oneDNN's primitives ({@link DirectTraining}) computes what SameDiff's graph computes for the
 * same weights, images and noise: the loss terms to 1e-4 relative and every parameter's gradient to 1e-3 of its
 * norm (SameDiff's own gradients are checked against central differences in double precision by GradientCheckTest).
 */
class DirectTrainingTest {

    @ParameterizedTest
    @CsvSource({"fashion32, EVERY_LEVEL, 0.3, centre", "fashion32, TOP_ONLY, 1.0, centre",
            "coco64, EVERY_LEVEL, 0.7, centre", "coco64, TOP_ONLY, 1.0, centre", "fashion32, EVERY_LEVEL, 0.5, free-form",
            "coco64, EVERY_LEVEL, 1.0, free-form", "coco64, TOP_ONLY, 0.6, free-form",
            "two-convs, EVERY_LEVEL, 0.8, free-form", "two-convs, TOP_ONLY, 1.0, centre"})
    void directStepEqualsSameDiff(String preset, Conditioning conditioning, double beta, String holes) {
        ModelConfig config = preset.equals("two-convs") ? TinyConfigs.twoConvsPerStage(conditioning)
                : Presets.get(preset).withConditioning(conditioning);
        Hvae model = Hvae.create(config, 3);
        int batch = 3;
        INDArray x = TestBatches.images(config, batch, 4);
        INDArray[] eps = TestBatches.noise(config, batch, 5);
        INDArray masks = TestBatches.masks(config, MaskDistribution.parse(holes), batch, 6);

        OutAndGrad expected = model.gradients(model.trainingInputs(x, masks, eps, beta), model.lossOutputs());
        LossTerms want = model.lossTerms(expected.getOutputs());
        try (DirectTraining direct = new DirectTraining(model)) {
            LossTerms got = direct.step(x, masks, eps, beta);
            String what = preset + " " + conditioning + " " + holes;
            assertRelative(want.loss(), got.loss(), 1e-4, what + " loss");
            assertRelative(want.recon(), got.recon(), 1e-4, what + " recon");
            assertRelative(want.bpd(), got.bpd(), 1e-4, what + " bpd");
            for (int l = 0; l < want.kl().length; l++) {
                assertRelative(want.kl()[l], got.kl()[l], 1e-4, what + " kl" + (l + 1));
            }
            Map<String, INDArray> grads = direct.views(direct.gradients());
            double worst = 0;
            String worstName = "";
            for (String name : model.parameterNames()) {
                INDArray s = model.toDesignLayout(name, expected.getGradients().get(name));
                INDArray d = grads.get(name);
                double err = s.sub(d).norm2Number().doubleValue() / Math.max(1e-12, s.norm2Number().doubleValue());
                if (err > worst) {
                    worst = err;
                    worstName = name;
                }
            }
            System.out.println(what + ": worst relative gradient error " + worst + " (" + worstName + ")");
            assertTrue(worst < 1e-3, what + ": gradient of " + worstName + " off by " + worst);
            assertRelative(want.loss(), direct.evaluate(x, masks, eps, beta).loss(), 1e-4, what + " evaluate");
        }
    }

    @Test
    void gradientsFollowTheWeightsAndTheBatch() {
        ModelConfig config = Presets.FASHION32;
        Hvae model = Hvae.create(config, 3);
        try (DirectTraining direct = new DirectTraining(model)) {
            INDArray x = TestBatches.images(config, 2, 4);
            INDArray[] eps = TestBatches.noise(config, 2, 5);
            double before = direct.step(x, eps, 1.0).loss();
            INDArray g = direct.gradients().dup();
            direct.parameters().subi(g.mul(1e-2 / g.norm2Number().doubleValue())); // a step of length 0.01
            double after = direct.step(x, eps, 1.0).loss();
            assertTrue(after < before, "a small step down the gradient lowers the loss: " + before + " -> " + after);
            // a second batch size gets its own plan; the first still gives what SameDiff gives for the new weights
            direct.step(TestBatches.images(config, 5, 6), TestBatches.noise(config, 5, 7), 1.0);
            direct.writeTo(model);
            assertRelative(model.evaluate(x, eps, 1.0).loss(), direct.evaluate(x, eps, 1.0).loss(), 1e-4, "weights");
        }
    }

    /** Each branch of the discretised logistic (edges, interior, the density fallback) against central differences. */
    @Test
    void logisticGradientsMatchCentralDifferences() {
        double[][] cases = {{-1.0, -0.9, -1.5}, {1.0, 0.95, -2.0}, {0.2, 0.1, -1.0}, {0.2, 0.9, -6.5},
                {-0.5, -0.49, -3}, {0.4, 0.39, 0.5}, {0.0, 0.0, -8.0}};
        double h = 1e-6;
        for (double[] c : cases) {
            double[] g = new double[2];
            double[] tmp = new double[2];
            Distributions.logisticLogProb(c[0], c[1], c[2], g);
            double dm = (Distributions.logisticLogProb(c[0], c[1] + h, c[2], tmp) - Distributions.logisticLogProb(c[0], c[1] - h, c[2], tmp))
                    / (2 * h);
            double ds = (Distributions.logisticLogProb(c[0], c[1], c[2] + h, tmp) - Distributions.logisticLogProb(c[0], c[1], c[2] - h, tmp))
                    / (2 * h);
            String what = java.util.Arrays.toString(c);
            assertEquals(dm, g[0], 1e-5 * Math.max(1, Math.abs(dm)), what + " d/dmean");
            assertEquals(ds, g[1], 1e-5 * Math.max(1, Math.abs(ds)), what + " d/dlogscale");
        }
    }

    private static void assertRelative(double want, double got, double tolerance, String what) {
        assertEquals(want, got, tolerance * Math.max(1, Math.abs(want)), what);
    }
}
