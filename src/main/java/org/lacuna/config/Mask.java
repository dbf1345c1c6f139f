package org.lacuna.config;

import java.util.Arrays;

/**
 * A hole of any shape over a width x height image, IOPaint's convention: a pixel is in the hole (white in a mask
 * file) or kept (black). Immutable. The model's classic task is the centred square ({@link #of(Hole, int, int)}).
 */
public final class Mask {

    private final int width;
    private final int height;
    private final boolean[] hole;
    private final int area;

    private Mask(int width, int height, boolean[] hole) {
        if (width <= 0 || height <= 0 || hole.length != width * height) {
            throw new IllegalArgumentException("a mask needs a positive size and one value per pixel: " + width + "x"
                    + height + ", " + hole.length + " values");
        }
        this.width = width;
        this.height = height;
        this.hole = hole;
        int n = 0;
        for (boolean b : hole) {
            if (b) {
                n++;
            }
        }
        this.area = n;
    }

    /** A mask from one flag per pixel, row by row (true = hole); the array is copied. */
    public static Mask of(int width, int height, boolean[] hole) {
        return new Mask(width, height, hole.clone());
    }

    /** The rectangle as a mask of a width x height image (the parts outside the image are dropped). */
    public static Mask of(Hole rect, int width, int height) {
        boolean[] h = new boolean[width * height];
        for (int y = Math.max(0, rect.top()); y < Math.min(height, rect.top() + rect.height()); y++) {
            for (int x = Math.max(0, rect.left()); x < Math.min(width, rect.left() + rect.width()); x++) {
                h[y * width + x] = true;
            }
        }
        return new Mask(width, height, h);
    }

    /** A mask from grey levels (0..255, one per pixel, row by row): above 127 is the hole (IOPaint's white). */
    public static Mask fromGrey(int width, int height, byte[] grey) {
        if (grey.length != width * height) {
            throw new IllegalArgumentException("expected " + width * height + " grey values, got " + grey.length);
        }
        boolean[] h = new boolean[grey.length];
        for (int i = 0; i < grey.length; i++) {
            h[i] = (grey[i] & 0xFF) > 127;
        }
        return new Mask(width, height, h);
    }

    /** A mask from one value per pixel, row by row: above 0.5 is the hole. */
    public static Mask fromFloats(int width, int height, float[] values) {
        if (values.length != width * height) {
            throw new IllegalArgumentException("expected " + width * height + " values, got " + values.length);
        }
        boolean[] h = new boolean[values.length];
        for (int i = 0; i < values.length; i++) {
            h[i] = values[i] > 0.5f;
        }
        return new Mask(width, height, h);
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public boolean contains(int row, int column) {
        return row >= 0 && row < height && column >= 0 && column < width && hole[row * width + column];
    }

    /** Pixels in the hole. */
    public int area() {
        return area;
    }

    /** The hole's share of the image, in [0, 1]. */
    public double coverage() {
        return (double) area / hole.length;
    }

    public boolean isEmpty() {
        return area == 0;
    }

    /** The smallest rectangle holding the hole; null when the mask is empty. */
    public Hole bounds() {
        int top = height, left = width, bottom = -1, right = -1;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                if (hole[y * width + x]) {
                    top = Math.min(top, y);
                    bottom = Math.max(bottom, y);
                    left = Math.min(left, x);
                    right = Math.max(right, x);
                }
            }
        }
        return bottom < 0 ? null : new Hole(top, left, bottom - top + 1, right - left + 1);
    }

    /** 1 in the hole, 0 elsewhere, row by row. */
    public float[] toFloats() {
        float[] f = new float[hole.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = hole[i] ? 1f : 0f;
        }
        return f;
    }

    /** 255 in the hole, 0 elsewhere, row by row (a mask file's grey levels). */
    public byte[] toGrey() {
        byte[] g = new byte[hole.length];
        for (int i = 0; i < g.length; i++) {
            g[i] = hole[i] ? (byte) 255 : 0;
        }
        return g;
    }

    /**
     * The part of this mask under a rectangle of the image: rows top..top+h-1, columns left..left+w-1; what lies
     * outside the image is not hole.
     */
    public Mask crop(int top, int left, int h, int w) {
        boolean[] out = new boolean[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                out[y * w + x] = contains(top + y, left + x);
            }
        }
        return new Mask(w, h, out);
    }

    /** The union of two masks of the same size. */
    public Mask union(Mask other) {
        requireSameSize(other);
        boolean[] out = new boolean[hole.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = hole[i] || other.hole[i];
        }
        return new Mask(width, height, out);
    }

    private void requireSameSize(Mask other) {
        if (other.width != width || other.height != height) {
            throw new IllegalArgumentException("masks of different sizes: " + width + "x" + height + " and "
                    + other.width + "x" + other.height);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Mask m && m.width == width && m.height == height && Arrays.equals(m.hole, hole);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * width + height) + Arrays.hashCode(hole);
    }

    @Override
    public String toString() {
        return "Mask[" + width + "x" + height + ", " + area + " px in the hole]";
    }
}
