package org.lacuna.ui.inpaint;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.lacuna.service.WindowRect;

/** Issue 24: the mouse never makes a window smaller than the model's (64 pixels for coco64). */
class WindowMinimumTest {

    @Test
    void aWindowIsNeverSmallerThanTheModelsUnlessThePhotoIs() {
        // a drag of 5 pixels, and a resize towards the anchor, on a 400x300 photo
        assertEquals(new WindowRect(100, 100, 64), WindowGeometry.fromAnchor(100, 100, 105, 105, 400, 300, 64));
        assertEquals(new WindowRect(36, 36, 64), WindowGeometry.fromAnchor(100, 100, 98, 99, 400, 300, 64));
        // near a corner: the smallest window, kept inside
        assertEquals(new WindowRect(326, 226, 64), WindowGeometry.fromAnchor(390, 290, 395, 295, 400, 300, 64));
        // a photo smaller than the model's window: the photo's short side
        assertEquals(40, WindowGeometry.fromAnchor(5, 5, 6, 6, 50, 40, 64).side());
    }
}
