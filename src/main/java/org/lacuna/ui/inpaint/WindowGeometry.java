package org.lacuna.ui.inpaint;

import org.lacuna.service.WindowRect;

/** Moving, resizing and drawing the square window with the mouse, in photo pixels; always inside the photo. */
public final class WindowGeometry {

    /** The smallest window the mouse makes (or the photo's shorter side, when smaller). */
    public static final int MIN_SIDE = 16;

    private WindowGeometry() {
    }

    public static int minSide(int photoWidth, int photoHeight) {
        return Math.min(MIN_SIDE, Math.min(photoWidth, photoHeight));
    }

    /** The window moved by dx, dy and stopped at the photo's edges. */
    public static WindowRect moved(WindowRect w, int dx, int dy, int photoWidth, int photoHeight) {
        int side = Math.min(w.side(), Math.min(photoWidth, photoHeight));
        int x = clamp(w.x() + dx, 0, photoWidth - side);
        int y = clamp(w.y() + dy, 0, photoHeight - side);
        return new WindowRect(x, y, side);
    }

    /** The window kept inside the photo: moved in if it sticks out, shrunk if it is larger than the photo. */
    public static WindowRect inside(WindowRect w, int photoWidth, int photoHeight) {
        return moved(w, 0, 0, photoWidth, photoHeight);
    }

    /**
     * The square with one corner fixed at the anchor (a photo pixel's corner) and the opposite corner towards the
     * pointer: its side is the larger of the pointer's distances from the anchor, limited by the photo's edges.
     * Resizing by a corner anchors the opposite corner; drawing a new window anchors where the drag began.
     */
    public static WindowRect fromAnchor(int anchorX, int anchorY, double pointerX, double pointerY, int photoWidth,
                                        int photoHeight) {
        return fromAnchor(anchorX, anchorY, pointerX, pointerY, photoWidth, photoHeight, MIN_SIDE);
    }

    /**
     * As {@link #fromAnchor(int, int, double, double, int, int)}, never smaller than {@code minSide} (the model's
     * window: smaller would only be stretched, and the window would hide under its own handles) unless the photo is.
     */
    public static WindowRect fromAnchor(int anchorX, int anchorY, double pointerX, double pointerY, int photoWidth,
                                        int photoHeight, int minSide) {
        int ax = clamp(anchorX, 0, photoWidth), ay = clamp(anchorY, 0, photoHeight);
        boolean right = pointerX >= ax, down = pointerY >= ay;
        int room = Math.min(right ? photoWidth - ax : ax, down ? photoHeight - ay : ay);
        int min = Math.min(Math.max(1, minSide), Math.min(photoWidth, photoHeight));
        if (room < min) {
            // too close to an edge to grow that way: grow the other way where there is room
            right = photoWidth - ax >= ax;
            down = photoHeight - ay >= ay;
            room = Math.min(right ? photoWidth - ax : ax, down ? photoHeight - ay : ay);
        }
        int wanted = (int) Math.round(Math.max(Math.abs(pointerX - ax), Math.abs(pointerY - ay)));
        int side = clamp(wanted, Math.min(min, room), room);
        side = Math.max(1, side);
        if (side < min) {
            // no room for the smallest window at this anchor, either way: the smallest window, kept inside the photo
            return inside(new WindowRect(right ? ax : ax - min, down ? ay : ay - min, min), photoWidth, photoHeight);
        }
        return new WindowRect(right ? ax : ax - side, down ? ay : ay - side, side);
    }

    private static int clamp(int v, int lo, int hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}
