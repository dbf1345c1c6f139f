package org.lacuna.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SeamBlendTest {

    @Test
    void aFillThatIsTooBrightMeetsItsSurroundingsAndKeepsItsOwnVariations() {
        int w = 80, h = 60, plane = w * h;
        Planes hole = new Planes(w, h, 1);
        Planes filled = new Planes(w, h, 2);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                boolean in = (x - 40) * (x - 40) + (y - 30) * (y - 30) < 18 * 18;
                hole.v[y * w + x] = in ? 1f : 0f;
                // the photo: a left-to-right ramp in channel 0, flat -0.3 in channel 1; the fill: 0.4 too bright,
                // with a checkerboard of its own
                float wiggle = ((x + y) % 2 == 0) ? 0.05f : -0.05f;
                filled.set(0, x, y, -0.5f + x / 80f + (in ? 0.4f + wiggle : 0f));
                filled.set(1, x, y, -0.3f + (in ? 0.4f + wiggle : 0f));
            }
        }
        Planes out = SeamBlend.apply(filled, hole);
        double offsetEdge = 0, offsetCentre = 0;
        int edge = 0, centre = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                if (hole.v[i] < 0.5f) {
                    assertEquals(filled.v[i], out.v[i]);
                    assertEquals(filled.v[plane + i], out.v[plane + i]);
                    continue;
                }
                // the fill's own checkerboard is kept exactly (the offset is smooth)
                if (x + 1 < w && hole.v[i + 1] > 0.5f) {
                    double before = filled.v[plane + i] - filled.v[plane + i + 1];
                    double after = out.v[plane + i] - out.v[plane + i + 1];
                    assertEquals(before, after, 0.02);
                }
                double r = Math.hypot(x - 40, y - 30);
                if (r > 15) {
                    offsetEdge += out.v[plane + i] + 0.3;
                    edge++;
                } else if (r < 5) {
                    offsetCentre += out.v[plane + i] + 0.3;
                    centre++;
                }
            }
        }
        assertTrue(Math.abs(offsetEdge / edge) < 0.03, "at the edge the fill meets the photo: " + offsetEdge / edge);
        assertTrue(Math.abs(offsetCentre / centre) < 0.05, "a flat surround pulls the whole fill: "
                + offsetCentre / centre);
        Planes none = new Planes(w, h, 1);
        assertSame(filled, SeamBlend.apply(filled, none), "no hole: nothing to blend");
    }
}
