package org.lacuna.service;

/** A square window of a photo, in photo pixels: the model's input, resized to the model's size for sampling. */
public record WindowRect(int x, int y, int side) {

    public WindowRect {
        if (side < 1) {
            throw new IllegalArgumentException("a window needs a positive side, not " + side);
        }
    }

    /**
     * The window a new photo opens with: centred, with a side of a tenth of the photo's shorter side (the smallest
     * scale the shipped model trained at: its crops span a tenth to two thirds of the short side) but never less
     * than the model's own size, so that one model pixel covers as few photo pixels as the model was trained to
     * fill; the whole shorter side when the photo is smaller than that.
     *
     * @param modelSize the model's image side (64 for coco64)
     */
    public static WindowRect defaultFor(int width, int height, int modelSize) {
        int shorter = Math.min(width, height);
        int side = Math.min(shorter, Math.max(modelSize, (int) Math.round(shorter / 10.0)));
        return new WindowRect((width - side) / 2, (height - side) / 2, side);
    }

    /** How many photo pixels one model pixel covers along each side, for a model of side {@code modelSize}. */
    public double photoPixelsPerModelPixel(int modelSize) {
        return side / (double) modelSize;
    }

    public boolean fitsIn(int width, int height) {
        return x >= 0 && y >= 0 && x + side <= width && y + side <= height;
    }
}
