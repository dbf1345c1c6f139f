package org.lacuna.data;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;

import org.lacuna.store.AtomicFiles;

/**
 * Decoding, converting, cropping, resizing and encoding images. Any format ImageIO reads (PNG, JPEG incl. CMYK,
 * BMP, GIF, WebP with the TwelveMonkeys plugins); grey, palette, alpha (composited on white) and 16-bit images
 * become 8-bit RGB or grey rasters.
 */
public final class Images {

    /** Images smaller than this on either side are refused as too small to hold a window. */
    public static final int MIN_SIDE = 8;

    static {
        ImageIO.scanForPlugins();
        ImageIO.setUseCache(false);
    }

    /** The most pixels an image may have: 250 megapixels (a 20000x12500 panorama), less when the heap is small. */
    public static final long MAX_PIXELS = 250_000_000L;

    private Images() {
    }

    /**
     * How many pixels an image may have with this heap: decoding and converting one takes about 16 bytes a pixel
     * (the decoded image, the raster, the picture the app shows), so a fifth of the heap bounds it too.
     */
    public static long maxPixels() {
        return Math.min(MAX_PIXELS, Runtime.getRuntime().maxMemory() / 5 / 16);
    }

    /** Reads an image file as an RGB (channels 3) or grey (channels 1) raster. */
    public static Raster read(Path file, int channels) throws IOException {
        try {
            org.lacuna.store.ModelFile.requireRegularFile(file, "an image");
        } catch (IOException e) {
            throw new ImageFormatException(file, e.getMessage().startsWith(file.toString())
                    ? e.getMessage().substring(file.toString().length()).replaceFirst("^:? ", "") : e.getMessage(), e);
        }
        BufferedImage image;
        try (InputStream in = Files.newInputStream(file)) {
            image = decode(file, in.readAllBytes());
        } catch (NoSuchFileException e) {
            throw new ImageFormatException(file, "no such file", e);
        }
        return fromBuffered(image, channels);
    }

    /** Decodes image bytes; {@code file} only names the source in messages. */
    public static BufferedImage decode(Path file, byte[] bytes) throws ImageFormatException {
        if (bytes.length == 0) {
            throw new ImageFormatException(file, "the file is empty");
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(new java.io.ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new ImageFormatException(file, "not an image in a format Lacuna reads (PNG, JPEG, BMP, GIF, WebP)");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                long width = reader.getWidth(0), height = reader.getHeight(0);
                long limit = maxPixels();
                if (width * height > limit) {
                    throw new ImageFormatException(file, String.format(java.util.Locale.ROOT,
                            "the image is too large to open: %dx%d pixels (%,d megapixels); Lacuna opens images of up"
                                    + " to %,d megapixels%s", width, height, width * height / 1_000_000,
                            limit / 1_000_000, limit < MAX_PIXELS ? " with the memory Java was given (-Xmx)" : ""));
                }
                java.util.List<String> warnings = new java.util.ArrayList<>();
                reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
                BufferedImage image = reader.read(0);
                for (String warning : warnings) {
                    String w = warning.toLowerCase(Locale.ROOT);
                    if (w.contains("premature end") || w.contains("truncat")) {
                        throw new ImageFormatException(file, "the image is truncated: only part of it is in the file ("
                                + warning + ")");
                    }
                }
                image = ExifOrientation.apply(image, ExifOrientation.of(bytes));
                if (image.getWidth() < MIN_SIDE || image.getHeight() < MIN_SIDE) {
                    throw new ImageFormatException(file, "the image is " + image.getWidth() + "x" + image.getHeight()
                            + " pixels; at least " + MIN_SIDE + "x" + MIN_SIDE + " is needed");
                }
                return image;
            } finally {
                reader.dispose();
            }
        } catch (ImageFormatException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new ImageFormatException(file, "the image is damaged or truncated (" + reason + ")", e);
        }
    }

    /** Converts any BufferedImage to an 8-bit raster; transparent parts are composited on white. */
    public static Raster fromBuffered(BufferedImage image, int channels) {
        int w = image.getWidth(), h = image.getHeight();
        BufferedImage rgb = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = rgb.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, w, h);
            g.drawImage(image, 0, 0, null);
        } finally {
            g.dispose();
        }
        int[] argb = rgb.getRGB(0, 0, w, h, null, 0, w);
        byte[] px = new byte[w * h * channels];
        for (int i = 0; i < argb.length; i++) {
            int r = (argb[i] >> 16) & 0xFF, gr = (argb[i] >> 8) & 0xFF, b = argb[i] & 0xFF;
            if (channels == 3) {
                px[3 * i] = (byte) r;
                px[3 * i + 1] = (byte) gr;
                px[3 * i + 2] = (byte) b;
            } else {
                px[i] = (byte) Math.round(0.299 * r + 0.587 * gr + 0.114 * b);
            }
        }
        return new Raster(w, h, channels, px);
    }

    public static BufferedImage toBuffered(Raster raster) {
        int w = raster.width(), h = raster.height();
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        int[] argb = new int[w * h];
        byte[] px = raster.buffer();
        int c = raster.channels();
        for (int i = 0; i < argb.length; i++) {
            int r = px[i * c] & 0xFF;
            int g = c == 3 ? px[i * c + 1] & 0xFF : r;
            int b = c == 3 ? px[i * c + 2] & 0xFF : r;
            argb[i] = 0xFF000000 | (r << 16) | (g << 8) | b;
        }
        image.setRGB(0, 0, w, h, argb, 0, w);
        return image;
    }

    /** The rectangle x, y, width, height of a raster. */
    public static Raster crop(Raster src, int x0, int y0, int width, int height) {
        if (x0 < 0 || y0 < 0 || width <= 0 || height <= 0 || x0 + width > src.width() || y0 + height > src.height()) {
            throw new IllegalArgumentException("crop " + x0 + "," + y0 + " " + width + "x" + height + " outside " + src);
        }
        int c = src.channels();
        byte[] from = src.buffer();
        byte[] px = new byte[width * height * c];
        for (int y = 0; y < height; y++) {
            System.arraycopy(from, ((y0 + y) * src.width() + x0) * c, px, y * width * c, width * c);
        }
        return new Raster(width, height, c, px);
    }

    /** The largest centred square. */
    public static Raster centreSquare(Raster src) {
        int side = Math.min(src.width(), src.height());
        return crop(src, (src.width() - side) / 2, (src.height() - side) / 2, side, side);
    }

    /**
     * Resizes with area averaging when shrinking (each output pixel is the mean of the input area it covers, as
     * good as downscaling gets without ringing) and bilinear interpolation when enlarging.
     */
    public static Raster resize(Raster src, int width, int height) {
        if (width == src.width() && height == src.height()) {
            return src;
        }
        int c = src.channels();
        double[] columns = new double[src.height() * width * c];
        resampleColumns(src.buffer(), src.width(), src.height(), c, width, columns);
        double[] out = new double[width * height * c];
        resampleRows(columns, width, src.height(), c, height, out);
        byte[] px = new byte[out.length];
        for (int i = 0; i < out.length; i++) {
            px[i] = (byte) Math.max(0, Math.min(255, Math.round(out[i])));
        }
        return new Raster(width, height, c, px);
    }

    private static void resampleColumns(byte[] src, int sw, int sh, int c, int dw, double[] dst) {
        double[] line = new double[sw * c];
        double[] result = new double[dw * c];
        for (int y = 0; y < sh; y++) {
            for (int i = 0; i < sw * c; i++) {
                line[i] = src[y * sw * c + i] & 0xFF;
            }
            resample1d(line, sw, c, result, dw);
            System.arraycopy(result, 0, dst, y * dw * c, dw * c);
        }
    }

    private static void resampleRows(double[] src, int w, int sh, int c, int dh, double[] dst) {
        double[] column = new double[sh * c];
        double[] result = new double[dh * c];
        for (int x = 0; x < w; x++) {
            for (int y = 0; y < sh; y++) {
                for (int ch = 0; ch < c; ch++) {
                    column[y * c + ch] = src[(y * w + x) * c + ch];
                }
            }
            resample1d(column, sh, c, result, dh);
            for (int y = 0; y < dh; y++) {
                for (int ch = 0; ch < c; ch++) {
                    dst[(y * w + x) * c + ch] = result[y * c + ch];
                }
            }
        }
    }

    /** One line of n samples (c channels interleaved) to m samples. */
    static void resample1d(double[] in, int n, int c, double[] out, int m) {
        if (m <= n) {
            double scale = (double) n / m;
            for (int j = 0; j < m; j++) {
                double start = j * scale, end = start + scale;
                for (int ch = 0; ch < c; ch++) {
                    double sum = 0;
                    for (int i = (int) Math.floor(start); i < Math.min(n, (int) Math.ceil(end)); i++) {
                        double overlap = Math.min(end, i + 1) - Math.max(start, i);
                        if (overlap > 0) {
                            sum += overlap * in[i * c + ch];
                        }
                    }
                    out[j * c + ch] = sum / scale;
                }
            }
        } else {
            double scale = (double) n / m;
            for (int j = 0; j < m; j++) {
                double pos = Math.max(0, Math.min(n - 1, (j + 0.5) * scale - 0.5));
                int i0 = (int) Math.floor(pos);
                int i1 = Math.min(n - 1, i0 + 1);
                double t = pos - i0;
                for (int ch = 0; ch < c; ch++) {
                    out[j * c + ch] = in[i0 * c + ch] * (1 - t) + in[i1 * c + ch] * t;
                }
            }
        }
    }

    /** PNG or JPEG bytes (by the file name's extension: .png, .jpg, .jpeg). */
    public static byte[] encode(Raster raster, String fileName) throws IOException {
        String lower = fileName.toLowerCase(Locale.ROOT);
        BufferedImage image = toBuffered(raster);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        if (lower.endsWith(".jpg") || lower.endsWith(".jpeg")) {
            ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
            try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
                writer.setOutput(out);
                ImageWriteParam param = writer.getDefaultWriteParam();
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(0.95f);
                writer.write(null, new IIOImage(image, null, null), param);
            } finally {
                writer.dispose();
            }
        } else if (lower.endsWith(".png")) {
            ImageIO.write(image, "png", bytes);
        } else {
            throw new IllegalArgumentException(fileName + ": save as .png, .jpg or .jpeg");
        }
        return bytes.toByteArray();
    }

    /** Encodes by extension and writes atomically. */
    public static void write(Raster raster, Path file) throws IOException {
        AtomicFiles.writeBytes(file, encode(raster, file.getFileName().toString()));
    }
}
