package org.lacuna.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.lacuna.config.Hole;
import org.lacuna.data.Raster;
import org.lacuna.data.SyntheticImages;

class MetricsTest {

    private static final double C1 = 2.55 * 2.55;
    private static final double C2 = 7.65 * 7.65;

    static Raster constant(int side, int channels, int value) {
        byte[] px = new byte[side * side * channels];
        java.util.Arrays.fill(px, (byte) value);
        return new Raster(side, side, channels, px);
    }

    /** A window whose hole is filled with one value and whose border is another. */
    static Raster holeOf(int side, Hole hole, int border, int inside) {
        Raster.Builder b = constant(side, 1, border).toBuilder();
        for (int y = hole.top(); y < hole.top() + hole.height(); y++) {
            for (int x = hole.left(); x < hole.left() + hole.width(); x++) {
                b.set(x, y, 0, inside);
            }
        }
        return b.build();
    }

    @Test
    void psnrOfKnownArrays() {
        Hole hole = Hole.centred(8, 4);
        assertEquals(20 * Math.log10(255.0 / 10), Metrics.psnr(constant(8, 3, 0), constant(8, 3, 10), hole), 1e-12);
        // differences 3 and 4 on a 1x2 hole: MSE 12.5
        Raster a = constant(4, 1, 100);
        Raster b = a.toBuilder().set(1, 1, 0, 103).set(2, 1, 0, 96).build();
        Hole strip = new Hole(1, 1, 1, 2);
        assertEquals(12.5, Metrics.mse(a, b, strip), 1e-12);
        assertEquals(10 * Math.log10(255.0 * 255.0 / 12.5), Metrics.psnr(a, b, strip), 1e-12);
        // a perfect fill is capped, and the border does not count
        assertEquals(Metrics.MAX_PSNR, Metrics.psnr(a, a, strip));
        assertEquals(Metrics.MAX_PSNR, Metrics.psnr(holeOf(8, hole, 0, 50), holeOf(8, hole, 255, 50), hole));
    }

    @Test
    void ssimIsOneForIdenticalImages() {
        Hole hole = Hole.centred(32, 16);
        for (int channels : new int[]{1, 3}) {
            Raster r = SyntheticImages.photo(32, 32, channels, 9);
            assertEquals(1.0, Ssim.ssim(r, r, hole), 1e-12);
        }
        assertEquals(1.0, Ssim.ssim(constant(8, 1, 0), constant(8, 1, 0), Hole.centred(8, 4)), 1e-12);
    }

    @Test
    void ssimOfConstantsIsTheLuminanceTerm() {
        // no variance anywhere: SSIM = (2ab + C1) / (a^2 + b^2 + C1) at every pixel
        double expected = (2 * 100 * 110 + C1) / (100 * 100 + 110 * 110 + C1);
        assertEquals(expected, Ssim.ssim(constant(32, 3, 100), constant(32, 3, 110), Hole.centred(32, 16)), 1e-12);
        // the border takes no part
        Hole hole = Hole.centred(16, 8);
        assertEquals(expected, Ssim.ssim(holeOf(16, hole, 0, 100), holeOf(16, hole, 255, 110), hole), 1e-12);
    }

    /** A 2x1 crop, worked out by hand: each pixel's window is itself (weight 1) and its neighbour (exp(-1/4.5)). */
    @Test
    void ssimOfATwoPixelCropMatchesTheHandComputation() {
        double g = Math.exp(-1 / (2 * 1.5 * 1.5));
        double self = 1 / (1 + g), other = g / (1 + g);
        double[] x = {40, 200};
        double[] y = {60, 150};
        double expected = 0;
        for (int p = 0; p < 2; p++) {
            double mx = self * x[p] + other * x[1 - p];
            double my = self * y[p] + other * y[1 - p];
            double vx = self * x[p] * x[p] + other * x[1 - p] * x[1 - p] - mx * mx;
            double vy = self * y[p] * y[p] + other * y[1 - p] * y[1 - p] - my * my;
            double cxy = self * x[p] * y[p] + other * x[1 - p] * y[1 - p] - mx * my;
            expected += (2 * mx * my + C1) * (2 * cxy + C2) / ((mx * mx + my * my + C1) * (vx + vy + C2)) / 2;
        }
        assertEquals(expected, Ssim.ssim(x, y, 2, 1), 1e-12);
        assertEquals(expected, Ssim.ssim(x, y, 1, 2), 1e-12); // a 1x2 column is the same by symmetry

        // the same through rasters: a 1x2 hole in a 4x4 window
        Raster a = constant(4, 1, 7).toBuilder().set(1, 2, 0, 40).set(2, 2, 0, 200).build();
        Raster b = constant(4, 1, 9).toBuilder().set(1, 2, 0, 60).set(2, 2, 0, 150).build();
        assertEquals(expected, Ssim.ssim(a, b, new Hole(2, 1, 1, 2)), 1e-12);

        // shifted by d: the structure term is 1, only the luminance term remains at each pixel
        double d = 30;
        double[] shifted = {x[0] + d, x[1] + d};
        double lum = 0;
        for (int p = 0; p < 2; p++) {
            double mx = self * x[p] + other * x[1 - p];
            lum += (2 * mx * (mx + d) + C1) / (mx * mx + (mx + d) * (mx + d) + C1) / 2;
        }
        assertEquals(lum, Ssim.ssim(x, shifted, 2, 1), 1e-12);
    }

    @Test
    void ssimAveragesTheChannelsAndFallsForWorseFills() {
        Hole hole = Hole.centred(32, 16);
        Raster truth = SyntheticImages.photo(32, 32, 3, 2);
        Raster flat = Baselines.meanFill(truth, hole);
        double sum = 0;
        for (int c = 0; c < 3; c++) {
            sum += Ssim.ssim(Metrics.holePlane(flat, hole, c), Metrics.holePlane(truth, hole, c), 16, 16);
        }
        assertEquals(sum / 3, Ssim.ssim(flat, truth, hole), 1e-12);
        assertTrue(Ssim.ssim(flat, truth, hole) < 0.5);
        // symmetric in its arguments
        assertEquals(Ssim.ssim(truth, flat, hole), Ssim.ssim(flat, truth, hole), 1e-12);
    }

    @Test
    void diversityIsTheMeanPairwiseRmsInUnitRange() {
        Hole hole = Hole.centred(4, 2);
        Raster s0 = holeOf(4, hole, 9, 0), s1 = holeOf(4, hole, 90, 51), s2 = holeOf(4, hole, 200, 102);
        // pairs: 51/255 = 0.2, 0.4, 0.2
        assertEquals((0.2 + 0.4 + 0.2) / 3, Metrics.diversity(List.of(s0, s1, s2), hole), 1e-12);
        // half the hole differs by 255: RMS sqrt(1/2)
        Raster half = s0.toBuilder().set(1, 1, 0, 255).set(2, 2, 0, 255).build();
        assertEquals(Math.sqrt(0.5), Metrics.diversity(List.of(s0, half), hole), 1e-12);
        assertEquals(0.0, Metrics.diversity(List.of(s0), hole));
        assertEquals(0.0, Metrics.diversity(List.of(s0, s0, s0), hole));
    }

    @Test
    void detailIsTheFillsSquaredLaplacianOverTheTruthsInsideTheErodedHole() {
        Raster truth = SyntheticImages.photo(40, 30, 3, 5);
        org.lacuna.config.Mask mask = org.lacuna.config.Mask.of(new Hole(5, 8, 20, 20), 40, 30);
        assertEquals(1.0, Metrics.detail(truth, truth, mask), 1e-12, "the truth itself");
        Raster flat = org.lacuna.eval.Baselines.meanFill(truth, mask);
        assertEquals(0.0, Metrics.detail(truth, flat, mask), 1e-12, "a flat fill has no detail");
        // twice the truth's contrast around its mean: four times the detail (away from clipping)
        Raster.Builder b = truth.toBuilder();
        Raster.Builder half = truth.toBuilder();
        for (int y = 0; y < 30; y++) {
            for (int x = 0; x < 40; x++) {
                for (int c = 0; c < 3; c++) {
                    half.set(x, y, c, 64 + truth.get(x, y, c) / 4 * 2);
                    b.set(x, y, c, 64 + truth.get(x, y, c) / 4);
                }
            }
        }
        assertEquals(4.0, Metrics.detail(b.build(), half.build(), mask), 1e-9);
        // only the inner pixels count: a change on the hole's outermost ring leaves it unchanged
        Raster.Builder ring = truth.toBuilder();
        ring.set(8, 5, 0, 255 - truth.get(8, 5, 0));
        assertEquals(1.0, Metrics.detail(truth, ring.build(), mask), 1e-12);
        assertTrue(Double.isNaN(Metrics.detail(flat, flat, mask)), "a flat truth has no detail to compare with");
    }
}
