package org.lacuna.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImagesTest {

    @TempDir
    Path dir;

    @Test
    void readsGreyAlphaAndSixteenBitImagesAsRgbOrGrey() throws Exception {
        BufferedImage grey16 = new BufferedImage(10, 9, BufferedImage.TYPE_USHORT_GRAY);
        grey16.getRaster().setSample(3, 4, 0, 65535);
        Path g = dir.resolve("grey16.png");
        ImageIO.write(grey16, "png", g.toFile());
        Raster rgb = Images.read(g, 3);
        assertEquals(10, rgb.width());
        assertEquals(255, rgb.get(3, 4, 0));
        assertEquals(255, rgb.get(3, 4, 2));
        assertEquals(0, rgb.get(0, 0, 1));

        BufferedImage alpha = new BufferedImage(8, 8, BufferedImage.TYPE_INT_ARGB);
        alpha.setRGB(1, 1, 0xFF00FF00); // opaque green
        alpha.setRGB(2, 2, 0x00000000); // transparent: composited on white
        Path a = dir.resolve("alpha.png");
        ImageIO.write(alpha, "png", a.toFile());
        Raster ra = Images.read(a, 3);
        assertEquals(0, ra.get(1, 1, 0));
        assertEquals(255, ra.get(1, 1, 1));
        assertEquals(255, ra.get(2, 2, 0));
        Raster grey = Images.read(a, 1);
        assertEquals(1, grey.channels());
        assertEquals(Math.round(0.587 * 255), grey.get(1, 1, 0));
    }

    @Test
    void refusesEmptyTinyTruncatedAndNonImageFilesNamingThem() throws Exception {
        Path empty = Files.createFile(dir.resolve("empty.png"));
        assertMessage(empty, "empty");
        Path text = dir.resolve("notes.jpg");
        Files.writeString(text, "not an image at all");
        assertMessage(text, "not an image");
        Path tiny = dir.resolve("tiny.png");
        ImageIO.write(new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB), "png", tiny.toFile());
        assertMessage(tiny, "at least 8x8");
        Path full = dir.resolve("full.png");
        Images.write(SyntheticImages.photo(64, 64, 3, 1), full);
        byte[] bytes = Files.readAllBytes(full);
        Path cut = dir.resolve("cut.png");
        Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length / 3));
        assertMessage(cut, "damaged or truncated");
    }

    private static void assertMessage(Path file, String reason) {
        ImageFormatException e = assertThrows(ImageFormatException.class, () -> Images.read(file, 3));
        assertTrue(e.getMessage().contains(file.getFileName().toString()) && e.getMessage().contains(reason),
                e.getMessage());
    }

    @Test
    void resizeAveragesAreasWhenShrinkingAndKeepsConstantImages() {
        Raster.Builder b = Raster.blank(4, 4, 1).toBuilder();
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 4; x++) {
                b.set(x, y, 0, (x + y) % 2 == 0 ? 200 : 100); // checkerboard
            }
        }
        Raster small = Images.resize(b.build(), 2, 2);
        for (int y = 0; y < 2; y++) {
            for (int x = 0; x < 2; x++) {
                assertEquals(150, small.get(x, y, 0));
            }
        }
        Raster flat = Raster.blank(7, 5, 3).toBuilder().set(0, 0, 0, 0).build();
        Raster up = Images.resize(flat, 20, 13);
        assertEquals(20, up.width());
        assertEquals(13, up.height());
        assertEquals(0, up.get(19, 12, 2));
    }

    @Test
    void cropsTheLargestCentredSquareAndRoundTripsPng() throws Exception {
        Raster photo = SyntheticImages.photo(30, 20, 3, 2);
        Raster square = Images.centreSquare(photo);
        assertEquals(20, square.width());
        assertEquals(photo.get(5, 0, 1), square.get(0, 0, 1));
        Path png = dir.resolve("sq.png");
        Images.write(square, png);
        assertEquals(square, Images.read(png, 3));
    }
}
