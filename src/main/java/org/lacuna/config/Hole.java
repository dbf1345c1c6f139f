package org.lacuna.config;

/** The rectangle the model fills, in pixels of the model's input: rows top..top+height-1, columns left..left+width-1. */
public record Hole(int top, int left, int height, int width) {

    /** The centred hole of half the side of a square image (the reference task: 16..47 of 64). */
    public static Hole centred(int imageSize, int holeSize) {
        int offset = (imageSize - holeSize) / 2;
        return new Hole(offset, offset, holeSize, holeSize);
    }

    public boolean contains(int row, int column) {
        return row >= top && row < top + height && column >= left && column < left + width;
    }

    public int area() {
        return height * width;
    }
}
