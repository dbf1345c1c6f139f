package org.lacuna.sample;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lacuna.config.Hole;
import org.lacuna.config.Mask;
import org.lacuna.config.MaskDistribution;
import org.lacuna.data.MaskSampler;
import org.lacuna.config.ModelConfig;
import org.lacuna.config.SampleConfig;
import org.lacuna.data.Raster;
import org.lacuna.model.Hvae;
import org.lacuna.model.TinyConfigs;

class InpainterTest {

    private static Hvae model;
    private static Raster window;

    @BeforeAll
    static void setUp() {
        model = Hvae.create(TinyConfigs.small(), 9);
        window = randomRaster(16, 3, 1);
    }

    static Raster randomRaster(int side, int channels, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        byte[] px = new byte[side * side * channels];
        for (int i = 0; i < px.length; i++) {
            px[i] = (byte) rng.nextInt(256);
        }
        return new Raster(side, side, channels, px);
    }

    @Test
    void bordersStayBitExactAndTheHoleIsFilled() {
        CompletionTree tree = new Inpainter(model).sample(window, SampleConfig.of(3, 2, 1, 2));
        assertEquals(4, tree.leaves().size());
        Hole hole = model.config().hole();
        for (Completion c : tree.leaves()) {
            int holeDiffers = 0;
            for (int y = 0; y < 16; y++) {
                for (int x = 0; x < 16; x++) {
                    for (int ch = 0; ch < 3; ch++) {
                        if (!hole.contains(y, x)) {
                            assertEquals(window.get(x, y, ch), c.image().get(x, y, ch), "border pixel " + x + "," + y);
                        } else if (window.get(x, y, ch) != c.image().get(x, y, ch)) {
                            holeDiffers++;
                        }
                    }
                }
            }
            assertTrue(holeDiffers > hole.area(), "the hole was not filled by the model");
        }
    }

    @Test
    void theSameSeedGivesTheSameTreeAndAnotherSeedAnother() {
        Inpainter inpainter = new Inpainter(model);
        CompletionTree a = inpainter.sample(window, SampleConfig.of(7, 2, 2, 2));
        CompletionTree b = inpainter.sample(window, SampleConfig.of(7, 2, 2, 2));
        CompletionTree c = inpainter.sample(window, SampleConfig.of(8, 2, 2, 2));
        assertEquals(a.leaves(), b.leaves());
        assertNotEquals(a.leaves().get(0).image(), c.leaves().get(0).image());
    }

    @Test
    void leavesKnowTheirPathsAndGroupByParent() {
        CompletionTree tree = new Inpainter(model).sample(window, SampleConfig.of(1, 2, 1, 3));
        assertEquals(6, tree.leaves().size());
        assertArrayEquals(new int[]{0, 0, 0}, tree.leaves().get(0).path());
        assertArrayEquals(new int[]{0, 0, 2}, tree.leaves().get(2).path());
        assertArrayEquals(new int[]{1, 0, 1}, tree.leaves().get(4).path());
        List<List<Completion>> byTop = tree.groups(1);
        assertEquals(2, byTop.size());
        assertEquals(3, byTop.get(0).size());
        assertTrue(byTop.get(1).stream().allMatch(c -> c.branch(0) == 1));
    }

    @Test
    void zeroMeansThePriorMeanAndSharedParentsShareTheirDraws() {
        Inpainter inpainter = new Inpainter(model);
        // all levels at the prior mean: one completion, the same whatever the seed
        CompletionTree mean1 = inpainter.sample(window, SampleConfig.of(1, 0, 0, 0));
        CompletionTree mean2 = inpainter.sample(window, SampleConfig.of(2, 0, 0, 0));
        assertEquals(1, mean1.leaves().size());
        assertEquals(mean1.leaves().get(0).image(), mean2.leaves().get(0).image());
        // changing the bottom count keeps every draw that stays in the tree: path [0,1,0] is leaf 1, then leaf 3
        CompletionTree small = inpainter.sample(window, SampleConfig.of(5, 2, 2, 1));
        CompletionTree large = inpainter.sample(window, SampleConfig.of(5, 2, 2, 3));
        // (float sums may round differently at another batch size: allow one level of 255)
        assertTrue(maxDifference(small.leaves().get(0).image(), large.leaves().get(0).image()) <= 1);
        assertTrue(maxDifference(small.leaves().get(1).image(), large.leaves().get(3).image()) <= 1);
        assertTrue(maxDifference(small.leaves().get(0).image(), small.leaves().get(1).image()) > 8,
                "leaves with different z2 should differ");
    }

    static int maxDifference(Raster a, Raster b) {
        int max = 0;
        for (int y = 0; y < a.height(); y++) {
            for (int x = 0; x < a.width(); x++) {
                for (int c = 0; c < a.channels(); c++) {
                    max = Math.max(max, Math.abs(a.get(x, y, c) - b.get(x, y, c)));
                }
            }
        }
        return max;
    }

    @Test
    void moreLeavesThanOneChunkAreDecodedAndCancellationStops() {
        Inpainter inpainter = new Inpainter(model);
        int[] reported = {0};
        CompletionTree tree = inpainter.sample(window, SampleConfig.of(4, 1, 5, 4), done -> reported[0] = done, () -> false);
        assertEquals(20, tree.leaves().size());
        assertEquals(20, reported[0]);
        assertThrows(CancellationException.class,
                () -> inpainter.sample(window, SampleConfig.of(4, 1, 5, 4), done -> { }, () -> true));
    }

    @Test
    void aWindowOfTheWrongSizeIsRefused() {
        ModelConfig config = model.config();
        Raster wrong = randomRaster(config.imageSize() * 2, 3, 2);
        var e = assertThrows(IllegalArgumentException.class,
                () -> new Inpainter(model).sample(wrong, SampleConfig.of(1, 1, 1, 1)));
        assertTrue(e.getMessage().contains("32x32x3"), e.getMessage());
    }

    @Test
    void aFreeFormMaskChangesOnlyItsPixelsAndTheMaskReachesTheModel() {
        Inpainter inpainter = new Inpainter(model);
        MaskSampler sampler = new MaskSampler(MaskDistribution.FREE_FORM, 16, model.config().hole(), 5);
        Mask mask = null;
        for (int i = 0; mask == null || mask.equals(Mask.of(model.config().hole(), 16, 16)); i++) {
            mask = sampler.mask(i);
        }
        SampleConfig request = SampleConfig.of(3, 2, 1, 2);
        CompletionTree tree = inpainter.sample(window, mask, request);
        for (Completion c : tree.leaves()) {
            int changed = 0;
            for (int y = 0; y < 16; y++) {
                for (int x = 0; x < 16; x++) {
                    for (int ch = 0; ch < 3; ch++) {
                        if (!mask.contains(y, x)) {
                            assertEquals(window.get(x, y, ch), c.image().get(x, y, ch), "kept pixel " + x + "," + y);
                        } else if (window.get(x, y, ch) != c.image().get(x, y, ch)) {
                            changed++;
                        }
                    }
                }
            }
            assertTrue(changed > mask.area(), "the mask was not filled: " + changed + " sub-pixels changed");
        }
        // the model's own hole as a mask is the default, bit for bit
        Mask centre = Mask.of(model.config().hole(), 16, 16);
        List<Completion> byDefault = inpainter.sample(window, request).leaves();
        List<Completion> byMask = inpainter.sample(window, centre, request).leaves();
        for (int i = 0; i < byDefault.size(); i++) {
            assertEquals(byDefault.get(i).image(), byMask.get(i).image());
        }
        // the hole's content is not read
        Raster.Builder scribbled = window.toBuilder();
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 16; x++) {
                if (mask.contains(y, x)) {
                    scribbled.set(x, y, 0, 255 - window.get(x, y, 0));
                }
            }
        }
        assertEquals(tree.leaves().get(0).image(),
                inpainter.sample(scribbled.build(), mask, request).leaves().get(0).image());
        assertThrows(IllegalArgumentException.class, () -> inpainter.sample(window, Mask.of(new Hole(0, 0, 4, 4), 8, 8),
                request));
    }
}
