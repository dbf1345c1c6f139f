package org.lacuna.sample;

/**
 * Blends a fill into its surroundings like a photo editor's healing brush (docs/REMOVAL.md): at each pixel of the
 * hole's edge, the offset between the surroundings' local colour (the mean of the known pixels near it) and the
 * fill's (the mean of the hole's pixels near it); inside the hole, those offsets interpolated smoothly (Shepard's
 * inverse-distance weights from the edge, exact at the edge, a membrane in effect), and added to the fill. The
 * fill's own variations stay; its colour and brightness meet the photo's at the edge, so no seam shows.
 */
final class SeamBlend {

    /** The radius of the local means, in pixels. */
    static final int RADIUS = 4;
    /** Edge pixels used as interpolation sources: at most about this many (evenly spaced along the edge). */
    private static final int SOURCES = 600;

    private SeamBlend() {
    }

    /** The fill with its hole's pixels offset to meet the known pixels (known pixels unchanged). */
    static Planes apply(Planes filled, Planes hole) {
        int w = filled.w, h = filled.h, c = filled.c, plane = w * h;
        boolean[] isHole = new boolean[plane];
        int holes = 0;
        for (int i = 0; i < plane; i++) {
            isHole[i] = hole.v[i] > 0.5f;
            holes += isHole[i] ? 1 : 0;
        }
        if (holes == 0 || holes == plane) {
            return filled;
        }
        // per-channel sums of known and of hole values, and their counts, as summed-area tables
        double[][] knownSum = new double[c][];
        double[][] holeSum = new double[c][];
        for (int ch = 0; ch < c; ch++) {
            knownSum[ch] = table(filled.v, ch * plane, isHole, false, w, h);
            holeSum[ch] = table(filled.v, ch * plane, isHole, true, w, h);
        }
        double[] knownCount = table(null, 0, isHole, false, w, h);
        double[] holeCount = table(null, 0, isHole, true, w, h);

        int[] edge = new int[holes];
        int edges = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                if (isHole[i] && ((x > 0 && !isHole[i - 1]) || (x < w - 1 && !isHole[i + 1])
                        || (y > 0 && !isHole[i - w]) || (y < h - 1 && !isHole[i + w]))) {
                    edge[edges++] = i;
                }
            }
        }
        if (edges == 0) {
            return filled;
        }
        int stride = Math.max(1, edges / SOURCES);
        int n = (edges + stride - 1) / stride;
        int[] sx = new int[n], sy = new int[n];
        float[][] offset = new float[c][n];
        for (int k = 0; k < n; k++) {
            int i = edge[k * stride];
            int x = i % w, y = i / w;
            sx[k] = x;
            sy[k] = y;
            int x0 = Math.max(0, x - RADIUS), y0 = Math.max(0, y - RADIUS);
            int x1 = Math.min(w, x + RADIUS + 1), y1 = Math.min(h, y + RADIUS + 1);
            double kc = sum(knownCount, w, x0, y0, x1, y1), hc = sum(holeCount, w, x0, y0, x1, y1);
            for (int ch = 0; ch < c; ch++) {
                offset[ch][k] = (float) (sum(knownSum[ch], w, x0, y0, x1, y1) / kc
                        - sum(holeSum[ch], w, x0, y0, x1, y1) / hc);
            }
        }
        Planes out = filled.copy();
        double[] acc = new double[c];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                if (!isHole[i]) {
                    continue;
                }
                java.util.Arrays.fill(acc, 0);
                double total = 0;
                int exact = -1;
                for (int k = 0; k < n; k++) {
                    double dx = x - sx[k], dy = y - sy[k];
                    double d2 = dx * dx + dy * dy;
                    if (d2 == 0) {
                        exact = k;
                        break;
                    }
                    double wk = 1.0 / (d2 * Math.sqrt(d2)); // 1 / distance^3
                    total += wk;
                    for (int ch = 0; ch < c; ch++) {
                        acc[ch] += wk * offset[ch][k];
                    }
                }
                for (int ch = 0; ch < c; ch++) {
                    double m = exact >= 0 ? offset[ch][exact] : acc[ch] / total;
                    int j = ch * plane + i;
                    out.v[j] = (float) Math.max(-1, Math.min(1, filled.v[j] + m));
                }
            }
        }
        return out;
    }

    /** A summed-area table ((w + 1) x (h + 1)) of values (or of 1s when null) where isHole equals {@code inHole}. */
    private static double[] table(float[] v, int offset, boolean[] isHole, boolean inHole, int w, int h) {
        double[] s = new double[(w + 1) * (h + 1)];
        for (int y = 0; y < h; y++) {
            double row = 0;
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                if (isHole[i] == inHole) {
                    row += v == null ? 1 : v[offset + i];
                }
                s[(y + 1) * (w + 1) + x + 1] = s[y * (w + 1) + x + 1] + row;
            }
        }
        return s;
    }

    private static double sum(double[] s, int w, int x0, int y0, int x1, int y1) {
        int W = w + 1;
        return s[y1 * W + x1] - s[y0 * W + x1] - s[y1 * W + x0] + s[y0 * W + x0];
    }
}
