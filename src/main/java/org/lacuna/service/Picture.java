package org.lacuna.service;

/**
 * Pixels for the UI: width x height, one int per pixel as 0xAARRGGBB (opaque), row-major. The array is owned by
 * the picture: the constructor and {@link #argb()} copy; {@link #pixel(int, int)} reads without copying.
 */
public final class Picture {

    private final int width;
    private final int height;
    private final int[] argb;

    public Picture(int width, int height, int[] argb) {
        this(argb.clone(), width, height);
    }

    /** Takes the array without copying it (for arrays nobody else holds). */
    private Picture(int[] argb, int width, int height) {
        if (width <= 0 || height <= 0 || argb.length != width * height) {
            throw new IllegalArgumentException("a " + width + "x" + height + " picture needs " + width * height
                    + " pixels, got " + argb.length);
        }
        this.width = width;
        this.height = height;
        this.argb = argb;
    }

    /** A picture that takes ownership of a fresh array (no copy); nobody may write to it afterwards. */
    static Picture adopt(int width, int height, int[] argb) {
        return new Picture(argb, width, height);
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public int[] argb() {
        return argb.clone();
    }

    public int pixel(int x, int y) {
        return argb[y * width + x];
    }

    /** The pixels of a rectangle inside this picture. */
    public Picture crop(PixelRect r) {
        check(r.x(), r.y(), r.width(), r.height());
        int[] out = new int[r.width() * r.height()];
        for (int y = 0; y < r.height(); y++) {
            System.arraycopy(argb, (r.y() + y) * width + r.x(), out, y * r.width(), r.width());
        }
        return adopt(r.width(), r.height(), out);
    }

    /** A copy of this picture with a patch's pixels at x, y (the patch must fit inside). */
    public Picture with(int x, int y, Picture patch) {
        check(x, y, patch.width, patch.height);
        int[] out = argb.clone();
        for (int row = 0; row < patch.height; row++) {
            System.arraycopy(patch.argb, row * patch.width, out, (y + row) * width + x, patch.width);
        }
        return adopt(width, height, out);
    }

    private void check(int x, int y, int w, int h) {
        if (x < 0 || y < 0 || w < 1 || h < 1 || x + w > width || y + h > height) {
            throw new IllegalArgumentException("the rectangle " + x + "," + y + " " + w + "x" + h + " is not inside the "
                    + width + "x" + height + " picture");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Picture p && p.width == width && p.height == height && java.util.Arrays.equals(p.argb, argb);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(argb) * 31 + width;
    }

    @Override
    public String toString() {
        return "Picture[" + width + "x" + height + "]";
    }
}
