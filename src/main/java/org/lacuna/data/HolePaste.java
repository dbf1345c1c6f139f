package org.lacuna.data;

/**
 * Puts a model's completion back into the full photo: the hole of a square window, scaled from the model's size to
 * the window's, blended into the photo with a feather just inside the hole's edge.
 *
 * <p>Exactly which pixels change: only the pixels of {@link #holeInPhoto the hole's rectangle in the photo}. Every
 * pixel outside it is kept bit for bit. A pixel inside it at distance d from the rectangle's edge (d = 0 on the
 * outermost ring of the hole, 1 on the next ring inwards, ...) becomes {@code round(a * c + (1 - a) * p)} per
 * channel, where p is the photo's value, c the completion's (its hole resized to the rectangle) and
 * {@code a = min(1, (d + 1) / (f + 1))} for a feather of f pixels. Since a is never 0, every hole pixel takes part
 * of the completion; from depth f inwards it is the completion alone. With f = 0 the paste is a hard copy.
 */
public final class HolePaste {

    /** The feather's width in photo pixels, at most; see {@link #feather(Rect)}. */
    public static final int FEATHER = 4;

    private HolePaste() {
    }

    /** A rectangle of pixels: columns x..x+width-1, rows y..y+height-1. */
    public record Rect(int x, int y, int width, int height) {

        public Rect {
            if (width < 1 || height < 1) {
                throw new IllegalArgumentException("a rectangle needs a positive size, not " + width + "x" + height);
            }
        }

        public boolean contains(int px, int py) {
            return px >= x && px < x + width && py >= y && py < y + height;
        }
    }

    /**
     * The model's hole in photo pixels for a square window (windowX, windowY, side) of the photo, when the model
     * works on size x size inputs and its hole is the given rectangle of model pixels. Each edge of the hole is
     * scaled by side / size and rounded to the nearest pixel edge (halves up); a hole that would round to nothing
     * keeps one pixel. For the presets (a centred hole of half the side) this is the centre quarter of the window.
     */
    public static Rect holeInPhoto(int windowX, int windowY, int side, int size, Rect holeInModel) {
        if (side < 1 || size < 1) {
            throw new IllegalArgumentException("window side " + side + " and model size " + size + " must be positive");
        }
        int x0 = scale(holeInModel.x(), side, size);
        int y0 = scale(holeInModel.y(), side, size);
        int x1 = Math.max(x0 + 1, scale(holeInModel.x() + holeInModel.width(), side, size));
        int y1 = Math.max(y0 + 1, scale(holeInModel.y() + holeInModel.height(), side, size));
        return new Rect(windowX + x0, windowY + y0, x1 - x0, y1 - y0);
    }

    /** round(v * side / size) in integers, halves up (v, side, size non-negative). */
    private static int scale(int v, int side, int size) {
        return (int) ((2L * v * side + size) / (2L * size));
    }

    /** The feather for a hole: {@link #FEATHER} pixels, but at most a quarter of the hole's shorter side. */
    public static int feather(Rect hole) {
        return Math.min(FEATHER, Math.min(hole.width(), hole.height()) / 4);
    }

    /**
     * The photo with a completion's hole pasted in.
     *
     * @param photo       the full photo
     * @param window      the window's square in the photo (x, y, side, side)
     * @param completion  the completed window at the model's size (size x size), the photo's channels
     * @param holeInModel the model's hole, in the completion's pixels
     * @return a new raster; the photo is not changed
     */
    public static Raster paste(Raster photo, Rect window, Raster completion, Rect holeInModel) {
        if (window.width() != window.height()) {
            throw new IllegalArgumentException("the window must be square, not " + window);
        }
        if (completion.width() != completion.height()) {
            throw new IllegalArgumentException("the completion must be square, not " + completion);
        }
        Rect hole = holeInPhoto(window.x(), window.y(), window.width(), completion.width(), holeInModel);
        return blend(photo, hole, holePatch(completion, holeInModel, hole.width(), hole.height()), feather(hole));
    }

    /** The completion's hole resized to width x height (area averaging when shrinking, bilinear when enlarging). */
    public static Raster holePatch(Raster completion, Rect holeInModel, int width, int height) {
        Raster patch = Images.crop(completion, holeInModel.x(), holeInModel.y(), holeInModel.width(),
                holeInModel.height());
        return Images.resize(patch, width, height);
    }

    /**
     * The photo with a patch of the hole's size blended into the hole (see the class comment for the weights).
     *
     * @param feather the feather's width in pixels, 0 for a hard copy
     */
    public static Raster blend(Raster photo, Rect hole, Raster patch, int feather) {
        if (patch.width() != hole.width() || patch.height() != hole.height()) {
            throw new IllegalArgumentException("the patch is " + patch.width() + "x" + patch.height()
                    + "; the hole is " + hole.width() + "x" + hole.height());
        }
        if (patch.channels() != photo.channels()) {
            throw new IllegalArgumentException("the patch has " + patch.channels() + " channels, the photo "
                    + photo.channels());
        }
        if (hole.x() < 0 || hole.y() < 0 || hole.x() + hole.width() > photo.width()
                || hole.y() + hole.height() > photo.height()) {
            throw new IllegalArgumentException("the hole " + hole + " is not inside the " + photo.width() + "x"
                    + photo.height() + " photo");
        }
        if (feather < 0) {
            throw new IllegalArgumentException("the feather cannot be negative: " + feather);
        }
        int c = photo.channels();
        byte[] out = photo.pixels();
        byte[] over = patch.buffer();
        for (int y = 0; y < hole.height(); y++) {
            for (int x = 0; x < hole.width(); x++) {
                int d = Math.min(Math.min(x, hole.width() - 1 - x), Math.min(y, hole.height() - 1 - y));
                double a = Math.min(1.0, (d + 1.0) / (feather + 1.0));
                int to = ((hole.y() + y) * photo.width() + hole.x() + x) * c;
                int from = (y * hole.width() + x) * c;
                for (int ch = 0; ch < c; ch++) {
                    double p = out[to + ch] & 0xFF;
                    double v = a * (over[from + ch] & 0xFF) + (1 - a) * p;
                    out[to + ch] = (byte) Math.max(0, Math.min(255, Math.round(v)));
                }
            }
        }
        return new Raster(photo.width(), photo.height(), c, out);
    }
}
