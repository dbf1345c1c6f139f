package org.lacuna.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.lacuna.config.Hole;
import org.lacuna.config.Mask;
import org.lacuna.config.MaskDistribution;
import org.lacuna.data.MaskSampler;
import org.lacuna.data.Raster;
import org.lacuna.data.SyntheticImages;

class BaselinesTest {

    private static final Hole HOLE = Hole.centred(32, 16);

    /** A smooth ramp: every channel a different plane a x + b y + c. */
    static Raster gradient(int side, int channels) {
        Raster.Builder b = Raster.blank(side, side, channels).toBuilder();
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                for (int c = 0; c < channels; c++) {
                    b.set(x, y, c, 20 + (5 - c) * x + (2 + c) * y);
                }
            }
        }
        return b.build();
    }

    /** The same window with other values in the hole. */
    static Raster scribbleHole(Raster r, Hole hole) {
        Raster.Builder b = r.toBuilder();
        for (int y = hole.top(); y < hole.top() + hole.height(); y++) {
            for (int x = hole.left(); x < hole.left() + hole.width(); x++) {
                for (int c = 0; c < r.channels(); c++) {
                    b.set(x, y, c, (x * 37 + y * 11 + c * 101) % 256);
                }
            }
        }
        return b.build();
    }

    @Test
    void meanFillUsesTheMeanColourOfEveryBorderPixel() {
        // 4x4 grey, hole = the centre 2x2; the 12 border pixels are 0..11 * 10, the hole holds 200s
        Hole hole = Hole.centred(4, 2);
        Raster.Builder b = Raster.blank(4, 4, 1).toBuilder();
        int v = 0;
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 4; x++) {
                b.set(x, y, 0, hole.contains(y, x) ? 200 : 10 * v++);
            }
        }
        Raster window = b.build();
        assertArrayEquals(new int[]{55}, Baselines.meanBorderColour(window, hole)); // mean of 0, 10, ..., 110
        Raster filled = Baselines.meanFill(window, hole);
        assertEquals(55, filled.get(1, 1, 0));
        assertEquals(55, filled.get(2, 2, 0));
        assertEquals(window.get(0, 0, 0), filled.get(0, 0, 0));

        // RGB: per channel, rounded
        Raster rgb = new Raster(3, 3, 3, new byte[]{
                1, 2, 3, 1, 2, 3, 1, 2, 3,
                1, 2, 3, 9, 9, 9, 1, 2, 4,
                1, 2, 4, 1, 2, 4, 1, 2, 4});
        assertArrayEquals(new int[]{1, 2, 4}, Baselines.meanBorderColour(rgb, new Hole(1, 1, 1, 1))); // 3.5 -> 4
    }

    @ParameterizedTest
    @EnumSource(Baseline.class)
    void everyBaselineFillsTheHoleKeepsTheBorderAndNeverReadsTheHole(Baseline baseline) {
        for (int channels : new int[]{1, 3}) {
            Raster window = SyntheticImages.photo(32, 32, channels, 4);
            Raster filled = baseline.fill(window, HOLE);
            int changed = 0;
            for (int y = 0; y < 32; y++) {
                for (int x = 0; x < 32; x++) {
                    for (int c = 0; c < channels; c++) {
                        if (!HOLE.contains(y, x)) {
                            assertEquals(window.get(x, y, c), filled.get(x, y, c), baseline + " changed the border");
                        } else if (filled.get(x, y, c) != 0) {
                            changed++;
                        }
                    }
                }
            }
            assertTrue(changed > HOLE.area() * channels * 0.9, baseline + " left the hole empty");
            // the truth in the hole is not looked at
            assertEquals(filled, baseline.fill(scribbleHole(window, HOLE), HOLE), baseline + " read the hole");
        }
    }

    @Test
    void openCvBeatsMeanFillOnASmoothGradient() {
        for (int channels : new int[]{1, 3}) {
            Raster truth = gradient(32, channels);
            double meanFill = Metrics.psnr(Baselines.meanFill(truth, HOLE), truth, HOLE);
            double telea = Metrics.psnr(Baselines.telea(truth, HOLE), truth, HOLE);
            double ns = Metrics.psnr(Baselines.navierStokes(truth, HOLE), truth, HOLE);
            assertTrue(telea > meanFill + 3, "Telea " + telea + " dB vs mean fill " + meanFill + " dB");
            assertTrue(ns > meanFill + 3, "Navier-Stokes " + ns + " dB vs mean fill " + meanFill + " dB");
            assertTrue(Ssim.ssim(Baselines.telea(truth, HOLE), truth, HOLE)
                    > Ssim.ssim(Baselines.meanFill(truth, HOLE), truth, HOLE));
        }
    }

    /** A textured window: a sum of oriented sinusoids, different per channel, over a gradient. */
    static Raster texture(int side) {
        Raster.Builder b = Raster.blank(side, side, 3).toBuilder();
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                for (int c = 0; c < 3; c++) {
                    double v = 120 + 40 * Math.sin(0.55 * x + 0.25 * y + c) + 30 * Math.sin(0.2 * x - 0.45 * y)
                            + 0.5 * x - 0.3 * y;
                    b.set(x, y, c, (int) Math.round(Math.max(0, Math.min(255, v))));
                }
            }
        }
        return b.build();
    }

    @ParameterizedTest
    @EnumSource(Baseline.class)
    void everyBaselineFillsOnlyAFreeFormMaskAndNeverReadsIt(Baseline baseline) {
        Raster window = texture(64);
        MaskSampler sampler = new MaskSampler(MaskDistribution.FREE_FORM, 64, Hole.centred(64, 32), 3);
        for (int i = 0; i < 3; i++) {
            Mask mask = sampler.mask(i);
            Raster filled = baseline.fill(window, mask);
            for (int y = 0; y < 64; y++) {
                for (int x = 0; x < 64; x++) {
                    for (int c = 0; c < 3; c++) {
                        if (!mask.contains(y, x)) {
                            assertEquals(window.get(x, y, c), filled.get(x, y, c), baseline + " changed a kept pixel");
                        }
                    }
                }
            }
            Raster scribbled = window.toBuilder().build();
            Raster.Builder sb = scribbled.toBuilder();
            for (int y = 0; y < 64; y++) {
                for (int x = 0; x < 64; x++) {
                    if (mask.contains(y, x)) {
                        sb.set(x, y, 0, (x * 37 + y * 11) % 256);
                    }
                }
            }
            assertEquals(filled, baseline.fill(sb.build(), mask), baseline + " read the hole");
        }
    }

    @Test
    void aRectangleAndItsMaskGiveTheSameFillsAndScoresBitForBit() {
        Raster truth = texture(64);
        Hole hole = Hole.centred(64, 32);
        Mask mask = Mask.of(hole, 64, 64);
        for (Baseline b : Baseline.values()) {
            Raster byHole = b.fill(truth, hole);
            assertEquals(byHole, b.fill(truth, mask), b.toString());
            assertEquals(Metrics.psnr(byHole, truth, hole), Metrics.psnr(byHole, truth, mask), 0.0, b.toString());
            assertEquals(Ssim.ssim(byHole, truth, hole), Ssim.ssim(byHole, truth, mask), 0.0, b.toString());
        }
    }

    @Test
    void fsrBeatsMeanFillOnATexturedCropWithTheCentreHoleAndFreeFormMasks() {
        Raster truth = texture(64);
        MaskSampler sampler = new MaskSampler(MaskDistribution.FREE_FORM, 64, Hole.centred(64, 32), 11);
        java.util.List<Mask> masks = new java.util.ArrayList<>(java.util.List.of(Mask.of(Hole.centred(64, 32), 64, 64)));
        for (int i = 0; i < 3; i++) {
            masks.add(sampler.mask(i));
        }
        for (Mask mask : masks) {
            double meanFill = Metrics.psnr(Baselines.meanFill(truth, mask), truth, mask);
            long t0 = System.nanoTime();
            double fast = Metrics.psnr(Baselines.fsr(truth, mask, false), truth, mask);
            long t1 = System.nanoTime();
            double best = Metrics.psnr(Baselines.fsr(truth, mask, true), truth, mask);
            long t2 = System.nanoTime();
            System.out.printf("FSR on %s: mean fill %.2f dB, fast %.2f dB (%d ms), best %.2f dB (%d ms)%n", mask,
                    meanFill, fast, (t1 - t0) / 1_000_000, best, (t2 - t1) / 1_000_000);
            assertTrue(fast > meanFill + 3, "FSR fast " + fast + " dB vs mean fill " + meanFill + " dB on " + mask);
            assertTrue(best > meanFill + 3, "FSR best " + best + " dB vs mean fill " + meanFill + " dB on " + mask);
        }
    }
}
