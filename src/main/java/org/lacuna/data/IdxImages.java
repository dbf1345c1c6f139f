package org.lacuna.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * The images of an IDX file (the MNIST / Fashion-MNIST format: magic 0x00000803 = unsigned bytes, 3 dimensions,
 * then count, rows, columns as big-endian ints, then the pixels row by row), gzipped or not (recognised by its
 * content, not its name). Immutable once read.
 */
final class IdxImages {

    /** Training images of an IDX folder. */
    static final String TRAIN = "train-images-idx3-ubyte";
    /** Test images of an IDX folder. */
    static final String TEST = "t10k-images-idx3-ubyte";

    private static final int MAX_SIDE = 4096;

    private final Path file;
    private final int count;
    private final int rows;
    private final int columns;
    private final byte[] pixels;

    private IdxImages(Path file, int count, int rows, int columns, byte[] pixels) {
        this.file = file;
        this.count = count;
        this.rows = rows;
        this.columns = columns;
        this.pixels = pixels;
    }

    /** The file {@code base} or {@code base.gz} in a folder (the uncompressed one first), or null when neither is. */
    static Path find(Path folder, String base) {
        for (String name : new String[]{base, base + ".gz"}) {
            Path p = folder.resolve(name);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        return null;
    }

    /** Whether a file name is that of an IDX image file (…-idx3-ubyte or …-idx3-ubyte.gz). */
    static boolean isIdxName(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith("-idx3-ubyte") || name.endsWith("-idx3-ubyte.gz");
    }

    /** Reads a whole IDX image file; a bad header, a truncated or damaged file is an IOException naming it. */
    static IdxImages read(Path file) throws IOException {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            raw.mark(2);
            int b0 = raw.read(), b1 = raw.read();
            raw.reset();
            if (b0 < 0) {
                throw new IOException(file + ": the IDX file is empty");
            }
            boolean gzip = b0 == 0x1F && b1 == 0x8B;
            InputStream in = gzip ? new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16) : raw;
            return read(file, new DataInputStream(in));
        } catch (ZipException e) {
            throw new IOException(file + ": the gzip data is damaged (" + e.getMessage() + ")", e);
        } catch (EOFException e) {
            throw new IOException(file + ": the IDX file is truncated (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            if (e.getMessage() != null && e.getMessage().startsWith(file.toString())) {
                throw e;
            }
            throw new IOException(file + ": cannot be read (" + e + ")", e);
        }
    }

    private static IdxImages read(Path file, DataInputStream in) throws IOException {
        byte[] header = new byte[4];
        int[] dims = new int[3];
        try {
            in.readFully(header);
            if (header[0] != 0 || header[1] != 0) {
                throw new IOException(file + ": not an IDX file (the first two bytes must be 0)");
            }
            if (header[2] != 0x08) {
                throw new IOException(file + ": IDX data type 0x" + Integer.toHexString(header[2] & 0xFF)
                        + " is not supported (images must be unsigned bytes, 0x08)");
            }
            if (header[3] != 3) {
                throw new IOException(file + ": an IDX file of " + header[3] + " dimensions, not images (3: count,"
                        + " rows, columns)" + (header[3] == 1 ? "; is it a labels file?" : ""));
            }
            for (int d = 0; d < 3; d++) {
                dims[d] = in.readInt();
            }
        } catch (EOFException e) {
            throw new IOException(file + ": the IDX header is truncated", e);
        }
        int count = dims[0], rows = dims[1], columns = dims[2];
        if (count <= 0 || rows < Images.MIN_SIDE || columns < Images.MIN_SIDE || rows > MAX_SIDE
                || columns > MAX_SIDE || (long) count * rows * columns > Integer.MAX_VALUE - 16) {
            throw new IOException(file + ": the IDX header gives " + count + " images of " + rows + "x" + columns
                    + " pixels, which is not a usable image set");
        }
        byte[] pixels = new byte[count * rows * columns];
        int read = in.readNBytes(pixels, 0, pixels.length);
        if (read < pixels.length) {
            throw new IOException(file + ": the IDX file is truncated: " + count + " images of " + rows + "x"
                    + columns + " need " + pixels.length + " bytes of pixels, it has " + read);
        }
        if (in.read() >= 0) {
            throw new IOException(file + ": the IDX file has more data than its header's " + count + " images of "
                    + rows + "x" + columns + " pixels");
        }
        return new IdxImages(file, count, rows, columns, pixels);
    }

    Path file() {
        return file;
    }

    int count() {
        return count;
    }

    int rows() {
        return rows;
    }

    int columns() {
        return columns;
    }

    /**
     * Image i at the model's size: centred on a black (0) canvas when it fits (28x28 in 32x32: 2 pixels each
     * side), else the centre square resized; grey copied to R, G and B for 3 channels.
     */
    Raster image(int i, int imageSize, int channels) {
        if (i < 0 || i >= count) {
            throw new IndexOutOfBoundsException("image " + i + " of " + count + " in " + file);
        }
        int base = i * rows * columns;
        Raster out;
        if (rows <= imageSize && columns <= imageSize) {
            int top = (imageSize - rows) / 2, left = (imageSize - columns) / 2;
            byte[] px = new byte[imageSize * imageSize];
            for (int y = 0; y < rows; y++) {
                System.arraycopy(pixels, base + y * columns, px, (top + y) * imageSize + left, columns);
            }
            out = new Raster(imageSize, imageSize, 1, px);
        } else {
            byte[] px = new byte[rows * columns];
            System.arraycopy(pixels, base, px, 0, px.length);
            out = ResizeDataset.prepare(new Raster(columns, rows, 1, px), imageSize);
        }
        return channels == 1 ? out : toRgb(out);
    }

    private static Raster toRgb(Raster grey) {
        byte[] g = grey.buffer();
        byte[] rgb = new byte[g.length * 3];
        for (int i = 0; i < g.length; i++) {
            rgb[3 * i] = g[i];
            rgb[3 * i + 1] = g[i];
            rgb[3 * i + 2] = g[i];
        }
        return new Raster(grey.width(), grey.height(), 3, rgb);
    }
}
