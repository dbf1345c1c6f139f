package org.lacuna.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.lacuna.config.Hole;
import org.lacuna.config.Mask;
import org.lacuna.config.Presets;
import org.lacuna.config.SampleConfig;
import org.lacuna.data.Raster;
import org.lacuna.data.SyntheticImages;
import org.lacuna.model.Hvae;

class PyramidFillTest {

    private static final Hvae MODEL = Hvae.create(Presets.COCO64, 11);

    /** A blob of discs around (cx, cy). */
    private static Mask blob(int w, int h, int cx, int cy, int r) {
        boolean[] hole = new boolean[w * h];
        int[][] discs = {{0, 0, r}, {r / 2, r / 3, r * 2 / 3}, {-r / 2, r / 2, r / 2}};
        for (int[] d : discs) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int dx = x - cx - d[0], dy = y - cy - d[1];
                    if (dx * dx + dy * dy <= d[2] * d[2]) {
                        hole[y * w + x] = true;
                    }
                }
            }
        }
        return Mask.of(w, h, hole);
    }

    private static void assertOnlyTheHoleChanged(Raster before, Raster after, Mask mask) {
        int changed = 0;
        for (int y = 0; y < before.height(); y++) {
            for (int x = 0; x < before.width(); x++) {
                for (int c = 0; c < before.channels(); c++) {
                    if (before.get(x, y, c) != after.get(x, y, c)) {
                        assertTrue(mask.contains(y, x), "pixel " + x + "," + y + " outside the hole changed");
                        changed++;
                    }
                }
            }
        }
        assertTrue(changed > mask.area(), "the hole is filled: " + changed + " sub-pixels changed");
    }

    @Test
    void aLargeHoleIsFilledOverSeveralScalesAndOnlyItsPixelsChange() {
        Raster photo = SyntheticImages.photo(420, 300, 3, 5);
        Mask mask = blob(420, 300, 200, 140, 60);
        PyramidFill fill = new PyramidFill(MODEL);
        PyramidFill.Plan plan = fill.plan(420, 300, mask.bounds());
        assertTrue(plan.sizes().size() >= 3, "64, then 128 and more up to the region's own size: " + plan.sizes().size());
        assertEquals(64, plan.sizes().get(0)[0]);
        assertEquals(plan.width(), plan.sizes().get(plan.sizes().size() - 1)[0]);
        SampleConfig tree = new SampleConfig(new int[]{2, 1, 1}, SampleConfig.everyLevel(3, 0.5), 3);
        for (boolean square : new boolean[]{false, true}) {
            // this untrained model's means hardly depend on their context, so the leaves are told apart by the
            // finer scales' own draws (the default draws them at the prior's mean)
            PyramidFill.Options drawn = new PyramidFill.Options(tree, 0.5, square, 0, PyramidFill.DEFAULT_DETAIL,
                    true);
            List<Raster> out = fill.fill(photo, mask, drawn, i -> { }, () -> false);
            assertEquals(2, out.size(), "one candidate per leaf");
            for (Raster r : out) {
                assertOnlyTheHoleChanged(photo, r, mask);
            }
            assertNotEquals(out.get(0), out.get(1), "the leaves differ");
            List<Raster> again = fill.fill(photo, mask, drawn, i -> { }, () -> false);
            assertEquals(out, again, "the seed fixes every candidate");
        }
    }

    @Test
    void holesAtTheEdgeSmallHolesAndPhotosSmallerThanTheWindow() {
        PyramidFill fill = new PyramidFill(MODEL);
        SampleConfig one = new SampleConfig(new int[]{1, 1, 1}, SampleConfig.everyLevel(3, 0.5), 1);
        Raster photo = SyntheticImages.photo(300, 200, 3, 6);
        Mask corner = blob(300, 200, 5, 190, 30);
        assertOnlyTheHoleChanged(photo, fill.fill(photo, corner, PyramidFill.Options.of(one, false), i -> { },
                () -> false).get(0), corner);
        Mask small = Mask.of(new Hole(100, 150, 10, 12), 300, 200);
        assertEquals(1, fill.plan(300, 200, small.bounds()).sizes().size(), "a small hole: one window at full size");
        assertOnlyTheHoleChanged(photo, fill.fill(photo, small, PyramidFill.Options.of(one, true), i -> { },
                () -> false).get(0), small);
        Raster tiny = SyntheticImages.photo(40, 30, 3, 7);
        Mask tinyHole = Mask.of(new Hole(10, 12, 8, 9), 40, 30);
        assertOnlyTheHoleChanged(tiny, fill.fill(tiny, tinyHole, PyramidFill.Options.of(one, false), i -> { },
                () -> false).get(0), tinyHole);
        Mask none = Mask.of(new Hole(0, 0, 0, 0), 40, 30);
        assertEquals(tiny, fill.fill(tiny, none, PyramidFill.Options.of(one, false), i -> { }, () -> false).get(0));
        assertThrows(IllegalArgumentException.class, () -> fill.fill(tiny, small, PyramidFill.Options.of(one, false),
                i -> { }, () -> false), "a mask of another size");
        assertThrows(java.util.concurrent.CancellationException.class, () -> fill.fill(photo, corner,
                PyramidFill.Options.of(one, false), i -> { }, () -> true));
    }
}
