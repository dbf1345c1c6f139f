package org.lacuna.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.lacuna.data.HolePaste.Rect;

class HolePasteTest {

    private static final Rect CENTRE_OF_16 = new Rect(4, 4, 8, 8);

    private static Raster flat(int width, int height, int value) {
        Raster.Builder b = Raster.blank(width, height, 3).toBuilder();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                for (int c = 0; c < 3; c++) {
                    b.set(x, y, c, value);
                }
            }
        }
        return b.build();
    }

    @Test
    void theHoleScalesWithTheWindowAndRoundsToPixelEdges() {
        // the presets' centre quarter: 16..47 of 64
        Rect preset = new Rect(16, 16, 32, 32);
        assertEquals(new Rect(110, 20, 150, 150), HolePaste.holeInPhoto(35, -55, 300, 64, preset));
        // a one-pixel window keeps a one-pixel hole
        assertEquals(new Rect(0, 0, 1, 1), HolePaste.holeInPhoto(0, 0, 1, 64, preset));
        // 16..47 of 64 scaled by 21/64: 5.25 -> 5, 15.75 -> 16
        assertEquals(new Rect(5, 5, 11, 11), HolePaste.holeInPhoto(0, 0, 21, 64, preset));
        // the same side as the model: the model's hole itself
        assertEquals(new Rect(14, 24, 8, 8), HolePaste.holeInPhoto(10, 20, 16, 16, CENTRE_OF_16));
    }

    @Test
    void pasteChangesExactlyTheHolesPixelsWithAFeatherInsideItsEdge() {
        Raster photo = SyntheticImages.photo(50, 40, 3, 9);
        Raster photoDark = flat(50, 40, 0);
        Raster completion = flat(16, 16, 200);
        Rect window = new Rect(6, 3, 32, 32);
        Rect hole = HolePaste.holeInPhoto(6, 3, 32, 16, CENTRE_OF_16);
        assertEquals(new Rect(14, 11, 16, 16), hole);
        assertEquals(4, HolePaste.feather(hole));

        Raster pasted = HolePaste.paste(photoDark, window, completion, CENTRE_OF_16);
        for (int y = 0; y < 40; y++) {
            for (int x = 0; x < 50; x++) {
                int d = Math.min(Math.min(x - hole.x(), hole.x() + hole.width() - 1 - x),
                        Math.min(y - hole.y(), hole.y() + hole.height() - 1 - y));
                // outermost ring 1/5 of the completion, then 2/5, 3/5, 4/5, then all of it
                int expected = hole.contains(x, y) ? (int) Math.round(200 * Math.min(1.0, (d + 1) / 5.0)) : 0;
                for (int c = 0; c < 3; c++) {
                    assertEquals(expected, pasted.get(x, y, c), "pixel " + x + "," + y);
                }
            }
        }

        Raster onPhoto = HolePaste.paste(photo, window, completion, CENTRE_OF_16);
        for (int y = 0; y < 40; y++) {
            for (int x = 0; x < 50; x++) {
                if (!hole.contains(x, y)) {
                    for (int c = 0; c < 3; c++) {
                        assertEquals(photo.get(x, y, c), onPhoto.get(x, y, c));
                    }
                }
            }
        }
        assertEquals(200, onPhoto.get(hole.x() + 8, hole.y() + 8, 1));
    }

    @Test
    void theCompletionsHoleIsResizedAndItsBorderIgnored() {
        // a completion whose border is white and whose hole has a left (10) and right (90) half
        Raster.Builder b = flat(16, 16, 255).toBuilder();
        for (int y = 4; y < 12; y++) {
            for (int x = 4; x < 12; x++) {
                for (int c = 0; c < 3; c++) {
                    b.set(x, y, c, x < 8 ? 10 : 90);
                }
            }
        }
        Raster photo = flat(64, 64, 0);
        Raster pasted = HolePaste.paste(photo, new Rect(0, 0, 64, 64), b.build(), CENTRE_OF_16);
        Rect hole = new Rect(16, 16, 32, 32);
        assertEquals(10, pasted.get(hole.x() + 6, 30, 0));
        assertEquals(90, pasted.get(hole.x() + 25, 30, 0));
        assertEquals(0, pasted.get(15, 30, 0));
        assertNotEquals(0, pasted.get(16, 30, 0));
    }

    @Test
    void aFeatherOfZeroCopiesAndSmallHolesGetASmallerFeather() {
        Raster photo = flat(8, 8, 0);
        Rect hole = new Rect(2, 2, 3, 3);
        Raster hard = HolePaste.blend(photo, hole, flat(3, 3, 120), 0);
        assertEquals(120, hard.get(2, 2, 0));
        assertEquals(0, hard.get(1, 2, 0));
        assertEquals(0, HolePaste.feather(hole));
        assertEquals(2, HolePaste.feather(new Rect(0, 0, 8, 100)));
    }

    @Test
    void refusesMismatchedOrOutsideInput() {
        Raster photo = flat(20, 20, 0);
        assertThrows(IllegalArgumentException.class,
                () -> HolePaste.blend(photo, new Rect(15, 15, 8, 8), flat(8, 8, 1), 2));
        assertThrows(IllegalArgumentException.class,
                () -> HolePaste.blend(photo, new Rect(0, 0, 8, 8), flat(7, 8, 1), 2));
        assertThrows(IllegalArgumentException.class,
                () -> HolePaste.blend(photo, new Rect(0, 0, 8, 8), Raster.blank(8, 8, 1), 2));
        assertThrows(IllegalArgumentException.class,
                () -> HolePaste.paste(photo, new Rect(0, 0, 8, 10), flat(16, 16, 1), CENTRE_OF_16));
    }
}
