package org.lacuna.service;

/** A square window of a photo, in photo pixels: the model's input, resized to the model's size for sampling. */
public record WindowRect(int x, int y, int side) {

    public WindowRect {
        if (side < 1) {
            throw new IllegalArgumentException("a window needs a positive side, not " + side);
        }
    }

    /** The largest centred square of a width x height photo. */
    public static WindowRect centred(int width, int height) {
        int side = Math.min(width, height);
        return new WindowRect((width - side) / 2, (height - side) / 2, side);
    }

    public boolean fitsIn(int width, int height) {
        return x >= 0 && y >= 0 && x + side <= width && y + side <= height;
    }
}
