package org.lacuna.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DetailTransferTest {

    /** A striped texture (period 4 px) on a gentle ramp; the hole is flat at the ramp's value (a smooth fill). */
    private static Planes texture(int w, int h, Planes hole) {
        Planes p = new Planes(w, h, 3);
        for (int ch = 0; ch < 3; ch++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    float ramp = -0.5f + 0.5f * x / w + 0.1f * ch;
                    boolean inHole = hole.v[y * w + x] > 0.5f;
                    p.set(ch, x, y, inHole ? ramp : ramp + ((x / 2) % 2 == 0 ? 0.2f : -0.2f));
                }
            }
        }
        return p;
    }

    private static double squaredLaplacian(Planes p, Planes hole) {
        double s = 0;
        for (int ch = 0; ch < p.c; ch++) {
            for (int y = 1; y < p.h - 1; y++) {
                for (int x = 1; x < p.w - 1; x++) {
                    if (hole.v[y * p.w + x] > 0.5f && hole.v[(y - 1) * p.w + x] > 0.5f
                            && hole.v[(y + 1) * p.w + x] > 0.5f && hole.v[y * p.w + x - 1] > 0.5f
                            && hole.v[y * p.w + x + 1] > 0.5f) {
                        double l = 4 * p.get(ch, x, y) - p.get(ch, x - 1, y) - p.get(ch, x + 1, y)
                                - p.get(ch, x, y - 1) - p.get(ch, x, y + 1);
                        s += l * l;
                    }
                }
            }
        }
        return s;
    }

    @Test
    void aSmoothFillGetsTheKnownPixelsTextureAndNothingElseChanges() {
        int w = 120, h = 100;
        Planes hole = new Planes(w, h, 1);
        for (int y = 35; y < 65; y++) {
            for (int x = 40; x < 80; x++) {
                hole.v[y * w + x] = 1f;
            }
        }
        Planes filled = texture(w, h, hole);
        Planes out = DetailTransfer.apply(filled, hole, 1.0, () -> false);
        for (int i = 0; i < w * h; i++) {
            if (hole.v[i] < 0.5f) {
                for (int ch = 0; ch < 3; ch++) {
                    assertEquals(filled.v[ch * w * h + i], out.v[ch * w * h + i], "known pixels never change");
                }
            }
        }
        // the truth: the same stripes inside the hole too
        Planes none = new Planes(w, h, 1);
        double truth = squaredLaplacian(texture(w, h, none), hole);
        double before = squaredLaplacian(filled, hole);
        double after = squaredLaplacian(out, hole);
        assertTrue(before < 0.01 * truth, "the smooth fill has no detail: " + before / truth);
        assertTrue(after > 0.5 * truth && after < 1.5 * truth, "the stripes carried in: " + after / truth);
        // the fill's low frequencies (its ramp) are kept: the hole's mean stays the ramp's mean
        double meanIn = 0, meanOut = 0;
        int n = 0;
        for (int i = 0; i < w * h; i++) {
            if (hole.v[i] > 0.5f) {
                meanIn += filled.v[i];
                meanOut += out.v[i];
                n++;
            }
        }
        assertEquals(meanIn / n, meanOut / n, 0.03);
        assertSame(filled, DetailTransfer.apply(filled, hole, 0, () -> false), "no detail asked: the fill itself");
        assertThrows(java.util.concurrent.CancellationException.class,
                () -> DetailTransfer.apply(filled, hole, 1.0, () -> true));
    }
}
