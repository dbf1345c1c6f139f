package org.lacuna.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.lacuna.config.Conditioning;
import org.lacuna.config.ModelConfig;
import org.lacuna.config.Presets;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.lacuna.train.TestBatches;

/**
 * The bfloat16 path of issue 25 against float32 on the same weights, images and noise: the training step's loss
 * within 1e-2 relative and its gradient's cosine similarity above 0.99 (the whole flat gradient; each parameter's
 * above 0.9), and sampled completions within 0.02 (max abs on [-1, 1]). Skipped on CPUs without native bfloat16.
 * Forcing float32 gives the float32 path exactly (bit for bit the same gradients as the default kit).
 */
class Bf16Test {

    static final double LOSS_REL = 1e-2;
    static final double COSINE = 0.99;
    static final double COSINE_EACH = 0.9;
    static final double SAMPLE_ABS = 0.02;

    private static void assumeBf16() {
        assumeTrue(Precision.cpuSupport().startsWith("native"), "no native bfloat16: " + Precision.cpuSupport());
    }

    /** The shipped model (trained: its activations and gradients are a real run's), or null in a bare checkout. */
    private static Hvae shipped() {
        java.nio.file.Path file = java.nio.file.Path.of("models", "coco64.lacuna");
        try {
            return java.nio.file.Files.exists(file) ? ModelFiles.load(file) : null;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Hvae model(String preset, Conditioning conditioning, long seed) {
        if (seed < 0) {
            Hvae m = shipped();
            assumeTrue(m != null, "no shipped model in this checkout");
            return m;
        }
        return Hvae.create(Presets.get(preset).withConditioning(conditioning), seed);
    }

    /** seed -1: the shipped coco64 model. */
    @ParameterizedTest
    @CsvSource({"fashion32, EVERY_LEVEL, 1, 0.5", "fashion32, TOP_ONLY, 2, 1.0", "coco64, EVERY_LEVEL, 3, 0.7",
            "coco64, EVERY_LEVEL, -1, 1.0"})
    void bf16StepMatchesFloat32(String preset, Conditioning conditioning, long seed, double beta) {
        assumeBf16();
        Hvae model = model(preset, conditioning, seed);
        ModelConfig config = model.config();
        int batch = 8;
        INDArray x = TestBatches.images(config, batch, seed + 10);
        INDArray[] eps = TestBatches.noise(config, batch, seed + 20);
        try (DirectTraining f32 = new DirectTraining(model, Precision.FLOAT32);
             DirectTraining bf16 = new DirectTraining(model, Precision.BFLOAT16)) {
            LossTerms want = f32.step(x, eps, beta);
            LossTerms got = bf16.step(x, eps, beta);
            String what = preset + " " + conditioning + (seed < 0 ? " shipped" : "");
            System.out.printf("%s: loss f32 %.6f bf16 %.6f (rel %.2e), bpd %.5f vs %.5f%n", what, want.loss(),
                    got.loss(), Math.abs(got.loss() - want.loss()) / Math.abs(want.loss()), want.bpd(), got.bpd());
            assertEquals(want.loss(), got.loss(), LOSS_REL * Math.abs(want.loss()), what + " loss");
            assertEquals(want.recon(), got.recon(), LOSS_REL * Math.abs(want.recon()), what + " recon");
            INDArray g32 = f32.gradients();
            INDArray g16 = bf16.gradients();
            double all = cosine(g32, g16);
            Map<String, INDArray> v32 = f32.views(g32);
            Map<String, INDArray> v16 = bf16.views(g16);
            double worst = 1;
            String worstName = "";
            for (String name : v32.keySet()) {
                double c = cosine(v32.get(name), v16.get(name));
                if (c < worst) {
                    worst = c;
                    worstName = name;
                }
            }
            System.out.printf("%s: gradient cosine %.6f, worst parameter %s %.6f, norms %.4f vs %.4f%n", what, all,
                    worstName, worst, g32.norm2Number().doubleValue(), g16.norm2Number().doubleValue());
            assertTrue(all > COSINE, what + ": gradient cosine " + all);
            assertTrue(worst > COSINE_EACH, what + ": gradient cosine of " + worstName + " " + worst);
            double normRatio = g16.norm2Number().doubleValue() / g32.norm2Number().doubleValue();
            assertEquals(1, normRatio, 0.05, what + ": gradient norm ratio");
        }
    }

    /** Forcing float32 is the float32 path: the same loss and the same gradients, bit for bit, as the plain kit. */
    @Test
    void float32IsTheExistingPath() {
        String old = System.getProperty(Precision.PROPERTY);
        try {
            System.setProperty(Precision.PROPERTY, "float32");
            assertEquals(Precision.FLOAT32, Precision.current());
            ModelConfig config = Presets.FASHION32;
            Hvae model = Hvae.create(config, 5);
            INDArray x = TestBatches.images(config, 4, 6);
            INDArray[] eps = TestBatches.noise(config, 4, 7);
            try (DirectTraining forced = new DirectTraining(model);
                 DirectTraining plain = new DirectTraining(model, Precision.FLOAT32)) {
                assertEquals(Precision.FLOAT32, forced.precision().precision());
                double a = forced.step(x, eps, 1.0).loss();
                double b = plain.step(x, eps, 1.0).loss();
                assertEquals(a, b, 0.0);
                assertEquals(plain.gradients(), forced.gradients());
            }
            assertEquals(Precision.FLOAT32, Precision.resolveTraining().precision());
            System.setProperty(Precision.PROPERTY, "bfloat16");
            assertEquals(Precision.BFLOAT16, Precision.current());
            assertEquals(Precision.BFLOAT16, Precision.resolveTraining().precision());
            System.setProperty(Precision.PROPERTY, "nonsense");
            org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, Precision::current);
            System.setProperty(Precision.PROPERTY, "auto");
            assertEquals(Precision.cpuSupport().startsWith("native") ? Precision.BFLOAT16 : Precision.FLOAT32,
                    Precision.current());
            assertEquals(Precision.FLOAT32, Precision.resolveTraining().precision(), "auto trains in float32");
        } finally {
            if (old == null) {
                System.clearProperty(Precision.PROPERTY);
            } else {
                System.setProperty(Precision.PROPERTY, old);
            }
        }
    }

    /** seed -1: the shipped coco64 model. */
    @ParameterizedTest
    @CsvSource({"fashion32, 1, 11", "coco64, 16, 11", "coco64, 16, -1", "coco64, 1, -1"})
    void bf16SamplingWithinTolerance(String preset, int leaves, long seed) {
        assumeBf16();
        Hvae model = model(preset, Conditioning.EVERY_LEVEL, seed);
        ModelConfig config = model.config();
        Map<String, INDArray> params = model.parameters();
        INDArray border = TestBatches.images(config, 1, 12);
        INDArray[] eps = TestBatches.noise(config, leaves, 13);
        try (DirectSampler f32 = new DirectSampler(config, params, Precision.FLOAT32);
             DirectSampler bf16 = new DirectSampler(config, params, Precision.BFLOAT16)) {
            INDArray a = f32.sampleMeans(border, model.masks(null, 1), eps);
            INDArray b = bf16.sampleMeans(border, model.masks(null, 1), eps);
            double maxAbs = a.sub(b).amaxNumber().doubleValue();
            System.out.printf("%s%s sampling x%d: max abs difference bf16 vs f32 %.5f (range %.3f..%.3f)%n", preset,
                    seed < 0 ? " shipped" : "", leaves, maxAbs, a.minNumber().doubleValue(), a.maxNumber().doubleValue());
            assertTrue(maxAbs <= SAMPLE_ABS, preset + ": completions differ by " + maxAbs);
        }
    }

    private static double cosine(INDArray a, INDArray b) {
        double dot = a.mul(b).sumNumber().doubleValue();
        return dot / Math.max(1e-30, a.norm2Number().doubleValue() * b.norm2Number().doubleValue());
    }
}
