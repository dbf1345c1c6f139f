package org.lacuna.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class PhotoCropsTest {

    @Test
    void lanczosKeepsAFlatImageFlatAndFiltersAFineCheckerboardToGrey() {
        byte[] grey = new byte[300 * 200 * 3];
        java.util.Arrays.fill(grey, (byte) 77);
        Raster flat = Lanczos.resize(new Raster(300, 200, 3, grey), 64, 64);
        for (byte b : flat.pixels()) {
            assertEquals(77, b & 0xFF);
        }
        Raster.Builder board = Raster.blank(256, 256, 1).toBuilder();
        for (int y = 0; y < 256; y++) {
            for (int x = 0; x < 256; x++) {
                board.set(x, y, 0, (x + y) % 2 == 0 ? 255 : 0);
            }
        }
        Raster small = Lanczos.resize(board.build(), 32, 32);
        for (byte b : small.pixels()) {
            assertTrue(Math.abs((b & 0xFF) - 127.5) < 2, "a 1-pixel checkerboard shrunk 8x is grey, got " + (b & 0xFF));
        }
    }

    @Test
    void lanczosOfARectangleEqualsLanczosOfItsCrop() {
        Raster photo = SyntheticImages.photo(200, 150, 3, 4);
        assertEquals(Lanczos.resize(Images.crop(photo, 30, 20, 100, 100), 64, 64),
                Lanczos.resize(photo, 30, 20, 100, 100, 64, 64));
    }

    @Test
    void sidesFollowTheTestCropRecipe() {
        assertArrayEquals(new int[] {216, 1440}, PhotoCrops.sideRange(2160, 64));
        assertArrayEquals(new int[] {64, 427}, PhotoCrops.sideRange(640, 64));
        assertArrayEquals(new int[] {64, 64}, PhotoCrops.sideRange(80, 64), "small photos: one side, capped by 64");
        assertArrayEquals(new int[] {50, 50}, PhotoCrops.sideRange(50, 64), "never above the short side");
    }

    @Test
    void cropsAreDeterministicInTheGeneratorAndFlatOnesAreDrawnAgain() {
        Raster photo = SyntheticImages.photo(640, 480, 3, 9);
        Raster a = PhotoCrops.draw(photo, 64, new SplittableRandom(5), 8, false);
        Raster b = PhotoCrops.draw(photo, 64, new SplittableRandom(5), 8, false);
        assertEquals(a, b);
        assertNotEquals(a, PhotoCrops.draw(photo, 64, new SplittableRandom(6), 8, false));
        assertEquals(64, a.width());

        // a photo flat everywhere but one textured corner: every accepted crop is textured unless all attempts fail
        Raster.Builder mostlyFlat = Raster.blank(640, 640, 3).toBuilder();
        for (int y = 0; y < 300; y++) {
            for (int x = 0; x < 300; x++) {
                mostlyFlat.set(x, y, 0, (x * 37 + y * 11) % 256);
            }
        }
        Raster m = mostlyFlat.build();
        int textured = 0;
        int flatOnce = 0;
        for (int s = 0; s < 40; s++) {
            textured += PhotoCrops.isFlat(PhotoCrops.draw(m, 64, new SplittableRandom(s), 50, false)) ? 0 : 1;
            flatOnce += PhotoCrops.isFlat(PhotoCrops.drawOnce(m, 64, new SplittableRandom(s))) ? 1 : 0;
        }
        assertTrue(flatOnce > 5, "the photo has flat windows to reject: " + flatOnce);
        assertEquals(40, textured);
    }

    @Test
    void flipsMirrorAboutHalfTheCrops() {
        Raster photo = SyntheticImages.photo(300, 300, 3, 2);
        int mirrored = 0;
        for (int s = 0; s < 200; s++) {
            Raster plain = PhotoCrops.draw(photo, 32, new SplittableRandom(s), 1, false);
            Raster maybe = PhotoCrops.draw(photo, 32, new SplittableRandom(s), 1, true);
            if (!plain.equals(maybe)) {
                assertEquals(PhotoCrops.mirror(plain), maybe);
                mirrored++;
            }
        }
        assertTrue(mirrored > 70 && mirrored < 130, "mirrored " + mirrored + " of 200");
        Raster r = SyntheticImages.photo(17, 5, 3, 1);
        assertEquals(r, PhotoCrops.mirror(PhotoCrops.mirror(r)));
        assertFalse(r.equals(PhotoCrops.mirror(r)));
    }

    @Test
    void preparedPhotosKeepTheirAspectWithTheShortSideCapped() {
        Raster big = SyntheticImages.photo(1000, 400, 3, 3);
        Raster p = PhotoCrops.prepare(big, 200);
        assertEquals(200, p.height());
        assertEquals(500, p.width());
        assertTrue(PhotoCrops.prepare(p, 200) == p, "a photo within the cap is kept as it is");
    }
}
