package org.lacuna.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.lacuna.config.Hole;
import org.lacuna.config.Mask;

class ObjectHolesTest {

    @Test
    void holesAreObjectSizedInsideThePhotoAndTheSameForTheSameSeed() {
        int[][] sizes = {{1264, 790}, {817, 1223}, {640, 480}, {512, 384}};
        for (int[] s : sizes) {
            for (int i = 0; i < 5; i++) {
                Mask m = ObjectHoles.blob(s[0], s[1], 1, i);
                Hole b = m.bounds();
                assertTrue(m.coverage() >= ObjectHoles.MIN_COVERAGE && m.coverage() <= ObjectHoles.MAX_COVERAGE,
                        s[0] + "x" + s[1] + " hole " + i + ": " + m.coverage());
                assertTrue(Math.min(b.width(), b.height()) >= ObjectHoles.MIN_SIDE
                        && Math.max(b.width(), b.height()) <= ObjectHoles.MAX_SIDE, b.toString());
                assertTrue(b.left() > 0 && b.top() > 0 && b.left() + b.width() < s[0]
                        && b.top() + b.height() < s[1], "away from the edges: " + b);
                assertEquals(m, ObjectHoles.blob(s[0], s[1], 1, i), "a function of size, seed and index");
            }
            assertNotEquals(ObjectHoles.blob(s[0], s[1], 1, 0), ObjectHoles.blob(s[0], s[1], 2, 0));
            assertNotEquals(ObjectHoles.blob(s[0], s[1], 1, 0), ObjectHoles.blob(s[0], s[1], 1, 1));
        }
    }

    @Test
    void aPhotoTooSmallOrTooLargeForSuchAHoleIsRefusedWithItsSize() {
        IllegalArgumentException small = assertThrows(IllegalArgumentException.class,
                () -> ObjectHoles.blob(60, 60, 1, 0));
        assertTrue(small.getMessage().contains("60x60"), small.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ObjectHoles.blob(4000, 3000, 1, 0));
    }
}
