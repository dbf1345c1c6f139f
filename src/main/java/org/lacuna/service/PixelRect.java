package org.lacuna.service;

/** A rectangle of a photo's pixels: columns x..x+width-1, rows y..y+height-1. */
public record PixelRect(int x, int y, int width, int height) {

    public PixelRect {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("a rectangle needs a positive size, not " + width + "x" + height);
        }
    }

    public boolean contains(int px, int py) {
        return px >= x && px < x + width && py >= y && py < y + height;
    }
}
