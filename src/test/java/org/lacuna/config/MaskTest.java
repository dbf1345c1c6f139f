package org.lacuna.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MaskTest {

    @Test
    void aRectangleIsAMaskAndRoundTripsThroughGreyLevels() {
        Mask m = Mask.of(new Hole(2, 3, 4, 5), 10, 8);
        assertEquals(20, m.area());
        assertEquals(new Hole(2, 3, 4, 5), m.bounds());
        assertTrue(m.contains(2, 3) && m.contains(5, 7));
        assertFalse(m.contains(1, 3) || m.contains(2, 8) || m.contains(-1, 0) || m.contains(0, 10));
        byte[] grey = m.toGrey();
        assertEquals(m, Mask.fromGrey(10, 8, grey));
        grey[0] = (byte) 127;
        assertEquals(m, Mask.fromGrey(10, 8, grey), "127 is kept (IOPaint: above 127 is the hole)");
        grey[0] = (byte) 128;
        assertTrue(Mask.fromGrey(10, 8, grey).contains(0, 0));
        assertEquals(m, Mask.fromFloats(10, 8, m.toFloats()));
    }

    @Test
    void cropsUnionsAndBadSizes() {
        Mask m = Mask.of(new Hole(0, 0, 2, 2), 4, 4);
        Mask c = m.crop(1, 1, 4, 4);
        assertEquals(1, c.area(), "only (1,1) stays; outside the image is kept");
        assertTrue(c.contains(0, 0));
        assertEquals(Mask.of(new Hole(0, 0, 2, 4), 4, 4), m.union(Mask.of(new Hole(0, 2, 2, 2), 4, 4)));
        assertNull(Mask.of(new Hole(0, 0, 0, 0), 4, 4).bounds());
        assertThrows(IllegalArgumentException.class, () -> m.union(Mask.of(new Hole(0, 0, 1, 1), 5, 4)));
        assertThrows(IllegalArgumentException.class, () -> Mask.fromGrey(3, 3, new byte[8]));
        boolean[] flags = new boolean[16];
        Mask copy = Mask.of(4, 4, flags);
        flags[0] = true;
        assertEquals(0, copy.area(), "the flags are copied");
        assertArrayEquals(new float[16], copy.toFloats());
    }
}
