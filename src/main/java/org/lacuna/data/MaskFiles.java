package org.lacuna.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

import org.lacuna.config.Mask;

/**
 * Masks as files, IOPaint's convention: a PNG of the photo's size, white (grey level above 127) = hole, black =
 * keep, named as the photo with the extension {@code .png} ({@code cat.jpg} -> {@code cat.png}) in a mask folder
 * (sub-folders as the photos'). Written atomically.
 */
public final class MaskFiles {

    private MaskFiles() {
    }

    /** The mask file of a photo: its name relative to the photos' root (with '/'), the extension made .png. */
    public static Path pathFor(Path maskDir, String relativeName) {
        String name = relativeName;
        int slash = name.lastIndexOf('/');
        int dot = name.lastIndexOf('.');
        if (dot > slash) {
            name = name.substring(0, dot);
        }
        return maskDir.resolve(name.replace('/', java.io.File.separatorChar) + ".png");
    }

    /** The mask file of a photo file in a mask folder: the photo's base name with .png. */
    public static Path pathFor(Path maskDir, Path photo) {
        return pathFor(maskDir, photo.getFileName().toString());
    }

    /** Reads a mask file (any image; its grey levels above 127 are the hole). */
    public static Mask read(Path file) throws IOException {
        if (!Files.exists(file)) {
            throw new ImageFormatException(file, "no such mask file");
        }
        Raster grey = Images.read(file, 1);
        return Mask.fromGrey(grey.width(), grey.height(), grey.pixels());
    }

    /** Writes a mask as a black and white PNG, atomically. */
    public static void write(Mask mask, Path file) throws IOException {
        Images.write(new Raster(mask.width(), mask.height(), 1, mask.toGrey()), file);
    }

    /** The size of an image file, {width, height}, from its header (the pixels are not decoded). */
    public static int[] imageSize(Path file) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            if (in == null) {
                throw new ImageFormatException(file, "cannot be read");
            }
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new ImageFormatException(file, "not an image in a format Lacuna reads");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                return new int[]{reader.getWidth(0), reader.getHeight(0)};
            } finally {
                reader.dispose();
            }
        }
    }

    /**
     * A mask resized to width x height by the share of each output pixel's area that is hole (area averaging when
     * shrinking, bilinear when enlarging): an output pixel is hole when that share is above {@code threshold}
     * (0: any part of it; 0.5: most of it).
     */
    public static Mask resize(Mask mask, int width, int height, double threshold) {
        if (mask.width() == width && mask.height() == height) {
            return mask;
        }
        Raster grey = Images.resize(new Raster(mask.width(), mask.height(), 1, mask.toGrey()), width, height);
        boolean[] hole = new boolean[width * height];
        byte[] px = grey.pixels();
        double cut = threshold * 255;
        for (int i = 0; i < hole.length; i++) {
            hole[i] = (px[i] & 0xFF) > cut;
        }
        return Mask.of(width, height, hole);
    }

    /** The mask of a photo as eval sees the photo: its centred square, resized to size x size (most-of-a-pixel rule). */
    public static Mask toEvaluationWindow(Mask mask, int size) {
        int side = Math.min(mask.width(), mask.height());
        Mask square = mask.crop((mask.height() - side) / 2, (mask.width() - side) / 2, side, side);
        return resize(square, size, size, 0.5);
    }
}
