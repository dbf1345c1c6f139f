package org.lacuna.model;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.lacuna.config.Conditioning;
import org.lacuna.config.MaskDistribution;
import org.lacuna.config.ModelConfig;
import org.lacuna.config.Presets;
import org.lacuna.train.TestBatches;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The sampling path on oneDNN's primitives called directly ({@link DirectSampler}) draws what SameDiff's sampling
 * path draws for the same weights and noise, to 1e-4, and follows the weights when they change.
 */
class DirectSamplerTest {

    private static final double TOLERANCE = 1e-4;

    @ParameterizedTest
    @CsvSource({"fashion32, EVERY_LEVEL, centre", "fashion32, TOP_ONLY, centre", "coco64, EVERY_LEVEL, centre",
            "coco64, TOP_ONLY, centre", "coco64, EVERY_LEVEL, free-form", "fashion32, TOP_ONLY, free-form",
            "two-convs, EVERY_LEVEL, free-form", "two-convs, TOP_ONLY, centre"})
    void directPathDrawsWhatSameDiffDraws(String preset, Conditioning conditioning, String holes) {
        ModelConfig config = preset.equals("two-convs") ? TinyConfigs.twoConvsPerStage(conditioning)
                : Presets.get(preset).withConditioning(conditioning);
        Hvae model = Hvae.create(config, 5);
        DirectSampler direct = model.directSampler();
        assertNotNull(direct, "oneDNN's natives should load here");
        INDArray border = TestBatches.images(config, 1, 11);
        INDArray mask = model.masks(TestBatches.masks(config, MaskDistribution.parse(holes), 1, 3), 1);
        for (int n : new int[]{1, 16}) {
            INDArray[] eps = TestBatches.noise(config, n, 20 + n);
            INDArray expected = model.sampleMeansSameDiff(border, mask, eps);
            INDArray actual = direct.sampleMeans(border, mask, eps);
            if (n > 1) {
                double spread = expected.get(org.nd4j.linalg.indexing.NDArrayIndex.point(0))
                        .sub(expected.get(org.nd4j.linalg.indexing.NDArrayIndex.point(1))).amaxNumber().doubleValue();
                assertTrue(spread > 1e-6, "the noise changes the completions: " + spread);
            }
            assertClose(actual, model.sampleMeans(border, mask, eps), "Hvae.sampleMeans takes the direct path");
            assertClose(expected, actual, preset + " " + conditioning + " " + holes + " N=" + n);
        }
        System.out.println(preset + " " + conditioning + " conv implementations: "
                + new java.util.TreeSet<>(direct.implementations().get(16)));
    }

    @Test
    void theDistributionsAreTheMeansAndTheGraphsLogScales() {
        ModelConfig config = Presets.COCO64;
        Hvae model = Hvae.create(config, 8);
        INDArray border = TestBatches.images(config, 1, 14);
        INDArray mask = model.masks(TestBatches.masks(config, MaskDistribution.FREE_FORM, 1, 4), 1);
        INDArray[] eps = TestBatches.noise(config, 3, 15);
        INDArray d = model.directSampler().sampleDistributions(border, mask, eps);
        assertTrue(java.util.Arrays.equals(new long[]{3, 6, 64, 64}, d.shape()), Arrays.toString(d.shape()));
        var all = org.nd4j.linalg.indexing.NDArrayIndex.all();
        assertClose(model.sampleMeansSameDiff(border, mask, eps),
                d.get(all, org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 3), all, all), "the means");
        java.util.Map<String, INDArray> ph = new java.util.HashMap<>();
        ph.put(HvaeGraph.S_BORDER, border);
        ph.put(HvaeGraph.S_MASK, mask);
        for (int l = 1; l <= 3; l++) {
            ph.put(HvaeGraph.sampleEps(l), eps[l - 1]);
        }
        INDArray graph = model.graph().output(ph, HvaeGraph.S_OUT).get(HvaeGraph.S_OUT);
        var scales = org.nd4j.linalg.indexing.NDArrayIndex.interval(3, 6);
        assertClose(graph.get(all, scales, all, all), d.get(all, scales, all, all), "the log-scales");
    }

    @Test
    void directPathFollowsNewWeights() {
        ModelConfig config = Presets.FASHION32;
        Hvae model = Hvae.create(config, 5);
        INDArray border = TestBatches.images(config, 1, 12);
        INDArray[] eps = TestBatches.noise(config, 4, 13);
        INDArray before = model.directSampler().sampleMeans(border, model.masks(null, 1), eps).dup();

        model.setParameters(Hvae.create(config, 6).parameters());
        INDArray after = model.directSampler().sampleMeans(border, model.masks(null, 1), eps);
        assertClose(model.sampleMeansSameDiff(border, null, eps), after, "after setParameters");
        assertTrue(before.sub(after).amaxNumber().doubleValue() > 1e-3, "the new weights change the completions");

        // a change through the live arrays (as the optimiser makes) is followed too
        model.variable("out.bias").addi(0.05);
        INDArray moved = model.directSampler().sampleMeans(border, model.masks(null, 1), eps);
        assertClose(model.sampleMeansSameDiff(border, null, eps), moved, "after an in-place change");
        assertTrue(moved.sub(after).amaxNumber().doubleValue() > 1e-2, "the changed bias moves the completions");
    }

    @Test
    void samediffWhenSwitchedOffOrInDoublePrecision() {
        assertTrue(!Hvae.create(TinyConfigs.small(), org.nd4j.linalg.api.buffer.DataType.DOUBLE, 1).samplesDirectly(),
                "double models sample through SameDiff");
        String before = System.getProperty(Hvae.DIRECT_SAMPLING_PROPERTY);
        System.setProperty(Hvae.DIRECT_SAMPLING_PROPERTY, "false");
        try {
            assertTrue(!Hvae.create(TinyConfigs.small(), 1).samplesDirectly(), "switched off by the property");
        } finally {
            if (before == null) {
                System.clearProperty(Hvae.DIRECT_SAMPLING_PROPERTY);
            } else {
                System.setProperty(Hvae.DIRECT_SAMPLING_PROPERTY, before);
            }
        }
        assertTrue(Hvae.create(TinyConfigs.small(), 1).samplesDirectly(), "float models sample directly");
    }

    private static void assertClose(INDArray expected, INDArray actual, String what) {
        assertTrue(Arrays.equals(expected.shape(), actual.shape()), what + ": shape " + Arrays.toString(actual.shape()));
        float[] e = expected.dup('c').data().asFloat();
        float[] a = actual.dup('c').data().asFloat();
        double maxDiff = 0;
        for (int i = 0; i < e.length; i++) {
            double excess = Math.abs(e[i] - a[i]) - TOLERANCE * (1 + Math.abs(e[i]));
            maxDiff = Math.max(maxDiff, Math.abs(e[i] - a[i]));
            assertTrue(excess <= 0, what + ": element " + i + " is " + a[i] + ", SameDiff has " + e[i]);
        }
        System.out.println(what + ": largest difference " + maxDiff);
    }
}
