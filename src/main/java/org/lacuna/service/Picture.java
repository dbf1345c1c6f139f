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
        if (width <= 0 || height <= 0 || argb.length != width * height) {
            throw new IllegalArgumentException("a " + width + "x" + height + " picture needs " + width * height
                    + " pixels, got " + argb.length);
        }
        this.width = width;
        this.height = height;
        this.argb = argb.clone();
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
