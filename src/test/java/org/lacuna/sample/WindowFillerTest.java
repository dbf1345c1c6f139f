package org.lacuna.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lacuna.config.Hole;
import org.lacuna.config.Mask;
import org.lacuna.data.Raster;
import org.lacuna.model.Hvae;
import org.lacuna.model.TinyConfigs;

class WindowFillerTest {

    private static Hvae model;

    @BeforeAll
    static void setUp() {
        model = Hvae.create(TinyConfigs.small(), 9);
    }

    /** A disc and a stroke, the kind of hole a user paints. */
    static Mask painted(int width, int height) {
        boolean[] h = new boolean[width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                boolean disc = (x - 30) * (x - 30) + (y - 20) * (y - 20) < 36;
                boolean stroke = Math.abs(y - 12 - (x - 26) / 2) < 2 && x >= 26 && x < 40;
                h[y * width + x] = disc || stroke;
            }
        }
        return Mask.of(width, height, h);
    }

    @Test
    void theWindowHoldsTheBoxWithAMarginAndStaysInsideThePhoto() {
        assertEquals(new Hole(0, 0, 16, 16), WindowFiller.window(new Hole(2, 3, 4, 4), 60, 40, 16));
        Hole w = WindowFiller.window(new Hole(10, 20, 20, 8), 100, 80, 16);
        assertEquals(30, w.width()); // 20 + 2 x 5
        assertTrue(w.top() <= 10 && w.top() + w.height() >= 30 && w.left() <= 20 && w.left() + w.width() >= 28);
        Hole edge = WindowFiller.window(new Hole(70, 90, 8, 8), 100, 80, 16);
        assertEquals(new Hole(64, 84, 16, 16), edge);
        assertEquals(40, WindowFiller.window(new Hole(0, 0, 40, 90), 100, 40, 16).width()); // the short side
    }

    @Test
    void aPhotoIsFilledOnlyInItsMaskedPixels() {
        Raster photo = InpainterTest.randomRaster(64, 3, 4);
        photo = new Raster(60, 40, 3, java.util.Arrays.copyOf(photo.pixels(), 60 * 40 * 3));
        Mask mask = painted(60, 40);
        WindowFiller filler = new WindowFiller(new Inpainter(model), model.config(), null);
        PhotoFiller.Filled one = filler.fill(photo, mask, PhotoFiller.Options.mean());
        assertEquals(1, one.photos().size());
        assertFalse(one.approximate(), one.note());
        PhotoFiller.Filled three = filler.fill(photo, mask, new PhotoFiller.Options(3, 5, 1.0));
        assertEquals(3, three.photos().size());
        for (Raster filled : List.of(one.photos().get(0), three.photos().get(0), three.photos().get(2))) {
            assertEquals(60, filled.width());
            assertEquals(40, filled.height());
            int changed = 0;
            for (int y = 0; y < 40; y++) {
                for (int x = 0; x < 60; x++) {
                    for (int c = 0; c < 3; c++) {
                        if (!mask.contains(y, x)) {
                            assertEquals(photo.get(x, y, c), filled.get(x, y, c), "kept pixel " + x + "," + y);
                        } else if (photo.get(x, y, c) != filled.get(x, y, c)) {
                            changed++;
                        }
                    }
                }
            }
            assertTrue(changed > mask.area(), "the hole was not filled");
        }
        assertNotEquals(three.photos().get(0), three.photos().get(1));
    }

    @Test
    void aHoleWiderThanThePhotoAllowsIsFilledApproximatelyWithTheFallbackOutsideTheWindow() {
        Raster photo = InpainterTest.randomRaster(64, 3, 6);
        photo = new Raster(64, 20, 3, java.util.Arrays.copyOf(photo.pixels(), 64 * 20 * 3));
        Mask mask = Mask.of(new Hole(8, 2, 4, 60), 64, 20);
        Raster grey = photo; // the fallback paints the hole mid-grey
        PhotoFiller fallback = (p, m, o) -> {
            Raster.Builder b = p.toBuilder();
            for (int y = 0; y < p.height(); y++) {
                for (int x = 0; x < p.width(); x++) {
                    if (m.contains(y, x)) {
                        for (int c = 0; c < 3; c++) {
                            b.set(x, y, c, 128);
                        }
                    }
                }
            }
            return new PhotoFiller.Filled(List.of(b.build()), false, "grey");
        };
        PhotoFiller.Filled filled = new WindowFiller(new Inpainter(model), model.config(), fallback)
                .fill(grey, mask, PhotoFiller.Options.mean());
        assertTrue(filled.approximate());
        assertTrue(filled.note().contains("approximate"), filled.note());
        Raster r = filled.photos().get(0);
        assertEquals(128, r.get(2, 9, 0)); // outside the 20 px window: the fallback's
        assertEquals(photo.get(0, 0, 0), r.get(0, 0, 0));
    }
}
