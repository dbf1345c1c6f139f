package org.lacuna.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Phone photos stand upright (EXIF orientation) and a truncated JPEG is refused. */
class ImagesHostileTest {

    @TempDir
    Path dir;

    /** A 40x20 JPEG, its left half red and its right half blue. */
    private static byte[] jpeg() throws Exception {
        BufferedImage image = new BufferedImage(40, 20, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 20; y++) {
            for (int x = 0; x < 40; x++) {
                image.setRGB(x, y, x < 20 ? 0xFF0000 : 0x0000FF);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "jpg", out);
        return out.toByteArray();
    }

    /** The JPEG with an EXIF block (APP1) holding only the Orientation tag, right after its start marker. */
    private static byte[] withOrientation(byte[] jpeg, int orientation, boolean bigEndian) {
        byte[] tiff = bigEndian
                ? new byte[]{'M', 'M', 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, (byte) orientation, 0,
                0, 0, 0, 0, 0}
                : new byte[]{'I', 'I', 42, 0, 8, 0, 0, 0, 1, 0, 0x12, 0x01, 3, 0, 1, 0, 0, 0, (byte) orientation, 0, 0,
                0, 0, 0, 0, 0};
        int length = 2 + 6 + tiff.length;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2);
        out.write(0xFF);
        out.write(0xE1);
        out.write(length >> 8);
        out.write(length & 0xFF);
        out.writeBytes(new byte[]{'E', 'x', 'i', 'f', 0, 0});
        out.writeBytes(tiff);
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }

    private static int[] rgb(Raster r, int x, int y) {
        int i = (y * r.width() + x) * 3;
        return new int[]{r.buffer()[i] & 0xFF, r.buffer()[i + 1] & 0xFF, r.buffer()[i + 2] & 0xFF};
    }

    private static boolean red(int[] p) {
        return p[0] > 200 && p[2] < 60;
    }

    private static boolean blue(int[] p) {
        return p[2] > 200 && p[0] < 60;
    }

    @Test
    void aPhoneHeldUprightGivesAnUprightPhoto() throws Exception {
        // 6: the camera turned a quarter clockwise: shown turned back, the stored left half is the top
        for (boolean big : new boolean[]{false, true}) {
            Path file = Files.write(dir.resolve("phone-" + big + ".jpg"), withOrientation(jpeg(), 6, big));
            Raster r = Images.read(file, 3);
            assertEquals(20, r.width());
            assertEquals(40, r.height());
            assertTrue(red(rgb(r, 10, 5)), Arrays.toString(rgb(r, 10, 5)));
            assertTrue(blue(rgb(r, 10, 35)), Arrays.toString(rgb(r, 10, 35)));
        }
        // 8: a quarter counter-clockwise: the stored left half is the bottom
        Raster r8 = Images.read(Files.write(dir.resolve("p8.jpg"), withOrientation(jpeg(), 8, false)), 3);
        assertEquals(20, r8.width());
        assertTrue(blue(rgb(r8, 10, 5)) && red(rgb(r8, 10, 35)));
        // 3: upside down; 2: mirrored: the halves swap sides
        for (int o : new int[]{2, 3}) {
            Raster r = Images.read(Files.write(dir.resolve("p" + o + ".jpg"), withOrientation(jpeg(), o, false)), 3);
            assertEquals(40, r.width());
            assertTrue(blue(rgb(r, 5, 10)) && red(rgb(r, 35, 10)), "orientation " + o);
        }
        // 1 and no EXIF at all: as stored
        Raster plain = Images.read(Files.write(dir.resolve("plain.jpg"), jpeg()), 3);
        assertTrue(red(rgb(plain, 5, 10)) && blue(rgb(plain, 35, 10)));
        assertEquals(6, ExifOrientation.of(withOrientation(jpeg(), 6, false)));
        assertEquals(1, ExifOrientation.of(jpeg()));
    }

    @Test
    void aTruncatedJpegIsRefusedWithTheReason() throws Exception {
        BufferedImage image = Images.toBuffered(SyntheticImages.photo(200, 160, 3, 3));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "jpg", out);
        byte[] whole = out.toByteArray();
        Path half = Files.write(dir.resolve("half.jpg"), Arrays.copyOf(whole, whole.length / 2));
        ImageFormatException e = assertThrows(ImageFormatException.class, () -> Images.read(half, 3));
        assertTrue(e.getMessage().startsWith(half + ": "), e.getMessage());
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }
}
