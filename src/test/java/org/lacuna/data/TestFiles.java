package org.lacuna.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

import javax.imageio.ImageIO;

/** Image and IDX files written by tests. */
final class TestFiles {

    private TestFiles() {
    }

    /** Writes a synthetic photo in an ImageIO format ("png", "jpeg", "bmp", "gif") and returns its path. */
    static Path image(Path file, int width, int height, long seed, String format) throws IOException {
        Files.createDirectories(file.getParent());
        if (!ImageIO.write(Images.toBuffered(SyntheticImages.photo(width, height, 3, seed)), format, file.toFile())) {
            throw new IOException("no ImageIO writer for " + format);
        }
        return file;
    }

    /** IDX image bytes: the 0x00000803 header, then n images of rows x cols where pixel (i, y, x) = f(i, y, x). */
    static byte[] idx(int n, int rows, int cols) {
        ByteBuffer b = ByteBuffer.allocate(16 + n * rows * cols);
        b.putInt(0x00000803).putInt(n).putInt(rows).putInt(cols);
        for (int i = 0; i < n; i++) {
            for (int y = 0; y < rows; y++) {
                for (int x = 0; x < cols; x++) {
                    b.put((byte) pixel(i, y, x));
                }
            }
        }
        return b.array();
    }

    /** The value 1..255 of IDX test pixel (i, y, x) (never 0, so padding is visible). */
    static int pixel(int i, int y, int x) {
        return 1 + (i * 37 + y * 11 + x * 5) % 255;
    }

    static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            out.write(data);
        }
        return bytes.toByteArray();
    }
}
