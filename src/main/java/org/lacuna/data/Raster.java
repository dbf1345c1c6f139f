package org.lacuna.data;

import java.util.Arrays;

/**
 * An 8-bit image: width x height pixels of 1 (grey) or 3 (R, G, B) channels, row-major, channels interleaved.
 * The array is owned by the raster: constructors and accessors copy.
 */
public final class Raster {

    private final int width;
    private final int height;
    private final int channels;
    private final byte[] pixels;

    public Raster(int width, int height, int channels, byte[] pixels) {
        if (width <= 0 || height <= 0 || (channels != 1 && channels != 3)) {
            throw new IllegalArgumentException("bad raster " + width + "x" + height + "x" + channels);
        }
        if (pixels.length != (long) width * height * channels) {
            throw new IllegalArgumentException("raster needs " + (long) width * height * channels + " bytes, got "
                    + pixels.length);
        }
        this.width = width;
        this.height = height;
        this.channels = channels;
        this.pixels = pixels.clone();
    }

    public static Raster blank(int width, int height, int channels) {
        return new Raster(width, height, channels, new byte[width * height * channels]);
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public int channels() {
        return channels;
    }

    /** The value 0..255 of one sub-pixel. */
    public int get(int x, int y, int c) {
        return pixels[(y * width + x) * channels + c] & 0xFF;
    }

    public byte[] pixels() {
        return pixels.clone();
    }

    /** Direct read access for code in this package that must not copy. */
    byte[] buffer() {
        return pixels;
    }

    /** A copy with one sub-pixel changed. Prefer {@link Builder} for many changes. */
    public Builder toBuilder() {
        return new Builder(width, height, channels, pixels.clone());
    }

    /** A mutable pixel buffer that becomes a Raster. */
    public static final class Builder {
        private final int width;
        private final int height;
        private final int channels;
        private final byte[] pixels;

        private Builder(int width, int height, int channels, byte[] pixels) {
            this.width = width;
            this.height = height;
            this.channels = channels;
            this.pixels = pixels;
        }

        public Builder set(int x, int y, int c, int value) {
            pixels[(y * width + x) * channels + c] = (byte) Math.max(0, Math.min(255, value));
            return this;
        }

        public Raster build() {
            return new Raster(width, height, channels, pixels);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Raster r && r.width == width && r.height == height && r.channels == channels
                && Arrays.equals(r.pixels, pixels);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(pixels) * 31 + width * 7 + height * 3 + channels;
    }

    @Override
    public String toString() {
        return "Raster[" + width + "x" + height + "x" + channels + "]";
    }
}
