package org.lacuna.data;

import java.util.SplittableRandom;

/**
 * The crop recipe of issue 12, shared by the test crops ({@code lacuna crops}) and crops-mode training: a square
 * whose side is log-uniform between max(size, short side / 10) and short side / 1.5 of the photo, at a uniform
 * position, resized to size x size with a {@link Lanczos} filter; a crop whose pixels' standard deviation is below
 * {@link #MIN_STD} is flat (it says nothing about inpainting) and is drawn again. Pure and thread-safe.
 */
public final class PhotoCrops {

    /** Crops flatter than this (standard deviation of all sub-pixels, 0..255) are drawn again. */
    public static final double MIN_STD = 6.0;
    /** The smallest crop is the short side over this... */
    public static final double SMALLEST = 10.0;
    /** ...and the largest the short side over this. */
    public static final double LARGEST = 1.5;

    private PhotoCrops() {
    }

    /** The least and the greatest side of a crop of a photo with this short side (never above the short side). */
    static int[] sideRange(int shortSide, int size) {
        int lo = Math.min(shortSide, Math.max(size, (int) Math.round(shortSide / SMALLEST)));
        int hi = Math.min(shortSide, Math.max(lo, (int) Math.round(shortSide / LARGEST)));
        return new int[] {lo, hi};
    }

    /**
     * One crop of {@code photo} drawn with {@code rng}; if {@code attempts} crops in a row are flat, the last one.
     * With {@code flip}, mirrored left-right with probability 1/2 (one more draw from {@code rng}).
     */
    public static Raster draw(Raster photo, int size, SplittableRandom rng, int attempts, boolean flip) {
        Raster crop = null;
        for (int a = 0; a < Math.max(1, attempts); a++) {
            crop = drawOnce(photo, size, rng);
            if (!isFlat(crop)) {
                break;
            }
        }
        return flip && rng.nextBoolean() ? mirror(crop) : crop;
    }

    /** One crop, flat or not. */
    public static Raster drawOnce(Raster photo, int size, SplittableRandom rng) {
        int[] range = sideRange(Math.min(photo.width(), photo.height()), size);
        double logSide = Math.log(range[0]) + rng.nextDouble() * (Math.log(range[1]) - Math.log(range[0]));
        int side = (int) Math.max(range[0], Math.min(range[1], Math.round(Math.exp(logSide))));
        int x = rng.nextInt(photo.width() - side + 1);
        int y = rng.nextInt(photo.height() - side + 1);
        return Lanczos.resize(photo, x, y, side, side, size, size);
    }

    /** Whether a raster's sub-pixels have a standard deviation below {@link #MIN_STD}. */
    public static boolean isFlat(Raster r) {
        return std(r) < MIN_STD;
    }

    static double std(Raster r) {
        byte[] px = r.buffer();
        double sum = 0;
        double squares = 0;
        for (byte b : px) {
            int v = b & 0xFF;
            sum += v;
            squares += (double) v * v;
        }
        double mean = sum / px.length;
        return Math.sqrt(Math.max(0, squares / px.length - mean * mean));
    }

    /** The raster mirrored left-right. */
    public static Raster mirror(Raster r) {
        int w = r.width();
        int c = r.channels();
        byte[] in = r.buffer();
        byte[] out = new byte[in.length];
        for (int y = 0; y < r.height(); y++) {
            for (int x = 0; x < w; x++) {
                System.arraycopy(in, (y * w + x) * c, out, (y * w + (w - 1 - x)) * c, c);
            }
        }
        return new Raster(w, r.height(), c, out);
    }

    /**
     * How crops-mode training keeps a decoded photo: shrunk (Lanczos) so that its short side is at most
     * {@code maxShort}, which bounds memory while the smallest crops (short side / 10) still shrink to the model's
     * size rather than being enlarged.
     */
    public static Raster prepare(Raster decoded, int maxShort) {
        int shortSide = Math.min(decoded.width(), decoded.height());
        if (shortSide <= maxShort) {
            return decoded;
        }
        double scale = (double) maxShort / shortSide;
        boolean portrait = decoded.width() < decoded.height();
        int w = portrait ? maxShort : Math.max(maxShort, (int) Math.round(decoded.width() * scale));
        int h = portrait ? Math.max(maxShort, (int) Math.round(decoded.height() * scale)) : maxShort;
        return Lanczos.resize(decoded, w, h);
    }
}
