package org.lacuna.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.lacuna.config.Conditioning;
import org.lacuna.config.GradientScale;
import org.lacuna.config.ModelConfig;
import org.lacuna.config.Presets;
import org.lacuna.config.TrainConfig;
import org.lacuna.model.Hvae;
import org.lacuna.model.TinyConfigs;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

class OptimizerTest {

    @Test
    void theLossOnAFixedBatchFalls() {
        ModelConfig config = TinyConfigs.small();
        Hvae model = Hvae.create(config, 4);
        Optimizer optimizer = new Optimizer(model, TestBatches.ADAM.withLearningRate(2e-3));
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
        Optimizer optimizer = new Optimizer(model, TestBatches.ADAM);
        INDArray x = TestBatches.images(config, 2, 1);
        x.putScalar(new long[]{0, 0, 5, 5}, Double.NaN);
        INDArray before = model.parameter("h8z.weight").dup();
        Optimizer.Step step = optimizer.step(x, TestBatches.noise(config, 2, 2), 1.0);
        assertTrue(step.skipped());
        assertEquals(1, optimizer.skips());
        assertEquals(0, optimizer.updates());
        assertEquals(before, model.parameter("h8z.weight"));
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(floats = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY})
    void aNonFiniteGradientSkipsTheStepCountsItAndLeavesEveryWeightAndMoment(float poison) {
        ModelConfig config = TinyConfigs.small();
        Hvae model = Hvae.create(config, 4);
        Optimizer optimizer = new Optimizer(model, TestBatches.ADAM);
        optimizer.step(TestBatches.images(config, 2, 1), TestBatches.noise(config, 2, 2), 1.0); // moments not zero
        Map<String, INDArray> before = weights(model);
        Map<String, INDArray> moments = new LinkedHashMap<>();
        optimizer.firstMoments().forEach((k, v) -> moments.put("m/" + k, v.dup()));
        optimizer.secondMoments().forEach((k, v) -> moments.put("v/" + k, v.dup()));
        String victim = model.parameterNames().get(model.parameterNames().size() / 2);
        optimizer.setGradientProbe(g -> g.get(victim).putScalar(0, poison));
        Optimizer.Step step = optimizer.step(TestBatches.images(config, 2, 3), TestBatches.noise(config, 2, 4), 1.0);
        assertTrue(step.skipped());
        assertFalse(Double.isFinite(step.gradNorm()));
        assertEquals(1, optimizer.skips());
        assertEquals(1, optimizer.updates());
        assertEquals(before, weights(model));
        optimizer.firstMoments().forEach((k, v) -> assertEquals(moments.get("m/" + k), v, k));
        optimizer.secondMoments().forEach((k, v) -> assertEquals(moments.get("v/" + k), v, k));
        // the next clean step goes on as usual
        optimizer.setGradientProbe(null);
        assertFalse(optimizer.step(TestBatches.images(config, 2, 5), TestBatches.noise(config, 2, 6), 1.0).skipped());
        assertEquals(2, optimizer.updates());
    }

    /** The loss's gradient for every parameter (graph layout, copied), as the optimizer will see it. */
    private static Map<String, INDArray> gradients(Hvae model, INDArray x, INDArray[] eps) {
        Map<String, INDArray> grads = model.gradients(model.trainingInputs(x, eps, 1.0), model.lossOutputs())
                .getGradients();
        Map<String, INDArray> copy = new LinkedHashMap<>();
        for (String name : model.parameterNames()) {
            copy.put(name, grads.get(name).dup());
        }
        return copy;
    }

    private static double globalNorm(Map<String, INDArray> grads) {
        double sumSquares = 0;
        for (INDArray g : grads.values()) {
            double n = g.norm2Number().doubleValue();
            sumSquares += n * n;
        }
        return Math.sqrt(sumSquares);
    }

    private static Map<String, INDArray> weights(Hvae model) {
        Map<String, INDArray> copy = new LinkedHashMap<>();
        for (String name : model.parameterNames()) {
            copy.put(name, model.variable(name).dup());
        }
        return copy;
    }

    /** Adam's first update with beta1 = beta2 = 0: lr * g / (|g| + epsilon), element by element. */
    private static INDArray firstAdamUpdate(INDArray g, double lr, double epsilon) {
        return g.div(Transforms.abs(g, true).add(epsilon)).muli(lr);
    }

    @Test
    void aGradientAboveTheClipNormIsScaledToExactlyTheClipNormBeforeAdam() {
        ModelConfig config = TinyConfigs.small();
        Hvae model = Hvae.create(config, DataType.DOUBLE, 4);
        INDArray x = TestBatches.images(config, 2, 1);
        INDArray[] eps = TestBatches.noise(config, 2, 2);
        Map<String, INDArray> g = gradients(model, x, eps);
        double norm = globalNorm(g);
        assertTrue(norm > 0 && Double.isFinite(norm), "gradient norm " + norm);
        double clip = norm / 10;
        // Adam's update is scale-free but for epsilon: an epsilon of the clipped gradient's typical element makes
        // the update tell a gradient of norm `clip` from one of norm `norm` (or of any other norm)
        double epsilon = clip / Math.sqrt(model.parameterCount());
        double lr = 1e-2;
        Map<String, INDArray> before = weights(model);
        Optimizer optimizer = new Optimizer(model, new AdamSettings(lr, 0, 0, epsilon, clip, 1e6 * norm));

        Optimizer.Step step = optimizer.step(x, eps, 1.0);

        assertFalse(step.skipped());
        assertEquals(norm, step.gradNorm(), 1e-9 * norm, "the reported norm is the one before clipping");
        assertEquals(1, optimizer.updates());
        assertEquals(0, optimizer.skips());
        double worst = 0;
        double clippedVsUnclipped = 0;
        for (String name : model.parameterNames()) {
            INDArray applied = before.get(name).sub(model.variable(name));
            INDArray expected = firstAdamUpdate(g.get(name).mul(clip / norm), lr, epsilon);
            INDArray unclipped = firstAdamUpdate(g.get(name), lr, epsilon);
            worst = Math.max(worst, Transforms.abs(applied.sub(expected), false).maxNumber().doubleValue());
            clippedVsUnclipped = Math.max(clippedVsUnclipped,
                    Transforms.abs(expected.sub(unclipped), false).maxNumber().doubleValue());
        }
        assertTrue(clippedVsUnclipped > 0.1 * lr, "the check cannot tell clipped from unclipped: "
                + clippedVsUnclipped);
        assertTrue(worst < 1e-6 * lr, "the update differs from Adam on the gradient scaled to norm " + clip
                + " by up to " + worst + " (lr " + lr + ")");
    }

    @Test
    void aGradientAboveTheSkipNormSkipsTheStepCountsItAndLeavesEveryWeight() {
        ModelConfig config = TinyConfigs.small();
        Hvae model = Hvae.create(config, DataType.DOUBLE, 4);
        INDArray x = TestBatches.images(config, 2, 1);
        INDArray[] eps = TestBatches.noise(config, 2, 2);
        double norm = globalNorm(gradients(model, x, eps));
        Map<String, INDArray> before = weights(model);
        Optimizer strict = new Optimizer(model, new AdamSettings(1e-2, 0.9, 0.999, 1e-8, norm / 4, norm / 2));

        for (int i = 1; i <= 2; i++) {
            Optimizer.Step step = strict.step(x, eps, 1.0);
            assertTrue(step.skipped(), "step " + i + " was applied");
            assertTrue(Double.isFinite(step.terms().loss()));
            assertEquals(norm, step.gradNorm(), 1e-9 * norm);
            assertEquals(i, strict.skips());
            assertEquals(0, strict.updates());
        }
        for (String name : model.parameterNames()) {
            assertEquals(before.get(name), model.variable(name), name + " changed on a skipped step");
            assertEquals(0.0, strict.firstMoments().get(name).norm2Number().doubleValue(), name + "'s first moment");
            assertEquals(0.0, strict.secondMoments().get(name).norm2Number().doubleValue(), name + "'s second moment");
        }

        // the same batch under a skip norm above its gradient's norm is applied: the threshold made the difference
        Optimizer lenient = new Optimizer(model, new AdamSettings(1e-2, 0.9, 0.999, 1e-8, norm / 4, norm * 2));
        Optimizer.Step step = lenient.step(x, eps, 1.0);
        assertFalse(step.skipped());
        assertEquals(1, lenient.updates());
        assertEquals(0, lenient.skips());
        boolean changed = model.parameterNames().stream()
                .anyMatch(name -> !before.get(name).equals(model.variable(name)));
        assertTrue(changed, "an applied step changed no weight");
    }

    @Test
    void perSubpixelThresholdsAreScaledByTheModelledSubpixels() {
        TrainConfig reference = Presets.recipe("reference", "photos/");
        assertEquals(GradientScale.PER_SUBPIXEL, reference.gradientScale());
        assertEquals(200.0, reference.clipNorm());
        assertEquals(400.0, reference.skipNorm());

        AdamSettings coco = Trainer.adamSettings(reference, Presets.COCO64);
        assertEquals(200.0 * 3072, coco.clipNorm());
        assertEquals(400.0 * 3072, coco.skipNorm());
        assertEquals(reference.learningRate(), coco.learningRate());

        AdamSettings fashion = Trainer.adamSettings(reference, Presets.FASHION32);
        assertEquals(200.0 * 256, fashion.clipNorm());
        assertEquals(400.0 * 256, fashion.skipNorm());

        // a top-only model models the whole image: 64 x 64 x 3
        AdamSettings topOnly = Trainer.adamSettings(reference, Presets.COCO64.withConditioning(Conditioning.TOP_ONLY));
        assertEquals(200.0 * 12_288, topOnly.clipNorm());
        assertEquals(400.0 * 12_288, topOnly.skipNorm());

        // the small test model: an 8 x 8 hole in RGB
        TrainConfig custom = TrainConfig.builder("photos/").gradientLimits(2.0, 5.0, GradientScale.PER_SUBPIXEL)
                .learningRate(1e-3).build();
        AdamSettings small = Trainer.adamSettings(custom, TinyConfigs.small());
        assertEquals(2.0 * 192, small.clipNorm());
        assertEquals(5.0 * 192, small.skipNorm());
        assertEquals(1e-3, small.learningRate());
    }

    @Test
    void perImageThresholdsApplyToTheLossGradientAsTheyAre() {
        TrainConfig photos = Presets.recipe("photos", "photos/");
        assertEquals(GradientScale.PER_IMAGE, photos.gradientScale());
        for (ModelConfig model : new ModelConfig[]{Presets.COCO64, Presets.FASHION32, TinyConfigs.small()}) {
            AdamSettings settings = Trainer.adamSettings(photos, model);
            assertEquals(200.0, settings.clipNorm(), model.name());
            assertEquals(1e6, settings.skipNorm(), model.name());
            assertEquals(photos.learningRate(), settings.learningRate(), model.name());
        }
    }
}
