package org.lacuna.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.lacuna.config.ModelConfig;
import org.lacuna.model.Hvae;
import org.lacuna.model.TinyConfigs;
import org.nd4j.linalg.api.ndarray.INDArray;

class OptimizerTest {

    @Test
    void theLossOnAFixedBatchFalls() {
        ModelConfig config = TinyConfigs.small();
        Hvae model = Hvae.create(config, 4);
        Optimizer optimizer = new Optimizer(model, AdamSettings.DEFAULT.withLearningRate(2e-3));
        INDArray x = TestBatches.images(config, 4, 1);
        INDArray[] eps = TestBatches.noise(config, 4, 2);
        double first = model.evaluate(x, eps, 1.0).loss();
        for (int i = 0; i < 40; i++) {
            Optimizer.Step step = optimizer.step(x, eps, 1.0);
            assertFalse(step.skipped());
            assertTrue(step.gradNorm() > 0);
        }
        double last = model.evaluate(x, eps, 1.0).loss();
        assertEquals(40, optimizer.updates());
        assertTrue(last < 0.8 * first, "loss went from " + first + " to " + last);
    }

    @Test
    void aNonFiniteLossSkipsTheUpdateAndLeavesTheWeights() {
        ModelConfig config = TinyConfigs.small();
        Hvae model = Hvae.create(config, 4);
        Optimizer optimizer = new Optimizer(model, AdamSettings.DEFAULT);
        INDArray x = TestBatches.images(config, 2, 1);
        x.putScalar(new long[]{0, 0, 5, 5}, Double.NaN);
        INDArray before = model.parameter("h8z.weight").dup();
        Optimizer.Step step = optimizer.step(x, TestBatches.noise(config, 2, 2), 1.0);
        assertTrue(step.skipped());
        assertEquals(1, optimizer.skips());
        assertEquals(0, optimizer.updates());
        assertEquals(before, model.parameter("h8z.weight"));
    }
}
