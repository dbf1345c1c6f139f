package org.lacuna.sample;

import java.util.function.BooleanSupplier;

/**
 * Detail at the photo's own pixels for a smooth fill (docs/REMOVAL.md). The model's fill at the finest scale is its
 * decoder's mean, smooth below a few pixels; a photo is not. The fill keeps its low frequencies (a blur of it), and
 * its high frequencies (an image minus its blur) are copied from the photo's known pixels, patch by patch as in
 * image quilting (Efros and Freeman, 2001): each patch of the hole takes the detail of the known patch whose low
 * frequencies match the fill's there and whose detail agrees with what is already in place where they overlap (the
 * known pixels around the hole, and the patches placed before it). Overlaps are feathered.
 * <p>
 * So the structure is the model's (where an edge or a shade goes), and the grain is the photo's own (its texture,
 * its noise, its sharpness), not white noise.
 */
final class DetailTransfer {

    /** A patch's side, in photo pixels. */
    static final int PATCH = 16;
    /** How far neighbouring patches overlap. */
    static final int OVERLAP = 4;
    /** The box blur's radius; it is applied twice (a 9x9 tent), and the detail is what it removes. */
    static final int BLUR = Integer.getInteger("lacuna.detail.blur", 2);
    /** About this many source positions are compared per patch in the coarse pass of the search. */
    private static final int CANDIDATES = 4000;

    private DetailTransfer() {
    }

    /**
     * The fill with the detail of matching known patches in its hole's pixels (everything else unchanged).
     *
     * @param filled    the region, its hole filled (values in [-1, 1])
     * @param hole      the region's hole (1 = hole), one plane of the same size
     * @param amount    how much detail (1: the known patches' own; 0: the fill unchanged)
     * @param cancelled checked between patches
     */
    static Planes apply(Planes filled, Planes hole, double amount, BooleanSupplier cancelled) {
        int w = filled.w, h = filled.h, c = filled.c, plane = w * h;
        if (amount <= 0 || w < PATCH + 2 * 2 * BLUR || h < PATCH + 2 * 2 * BLUR) {
            return filled;
        }
        Planes low = filled.blur(BLUR).blur(BLUR);
        float[] high = new float[filled.v.length];
        for (int i = 0; i < high.length; i++) {
            high[i] = filled.v[i] - low.v[i];
        }
        boolean[] isHole = new boolean[plane];
        int top = h, left = w, bottom = -1, right = -1;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (hole.v[y * w + x] > 0.5f) {
                    isHole[y * w + x] = true;
                    top = Math.min(top, y);
                    bottom = Math.max(bottom, y);
                    left = Math.min(left, x);
                    right = Math.max(right, x);
                }
            }
        }
        if (bottom < 0) {
            return filled;
        }
        // where a source patch may start: the patch and its blur's reach free of the hole, inside the region
        int reach = 2 * BLUR;
        int[] integral = integral(isHole, w, h);
        int sw = w - PATCH + 1, sh = h - PATCH + 1;
        boolean[] source = new boolean[sw * sh];
        int sources = 0;
        for (int y = 0; y < sh; y++) {
            for (int x = 0; x < sw; x++) {
                if (count(integral, w, h, x - reach, y - reach, x + PATCH + reach, y + PATCH + reach) == 0) {
                    source[y * sw + x] = true;
                    sources++;
                }
            }
        }
        if (sources == 0) {
            return filled;
        }
        int stride = Math.max(1, (int) Math.round(Math.sqrt((double) sources / CANDIDATES)));

        // the detail in place: the known pixels' own, then each placed patch's (feathered sums)
        float[] detail = new float[filled.v.length];
        float[] weight = new float[plane];
        boolean[] placed = new boolean[plane];
        for (int i = 0; i < plane; i++) {
            if (!isHole[i]) {
                placed[i] = true;
                weight[i] = 1;
                for (int ch = 0; ch < c; ch++) {
                    detail[ch * plane + i] = high[ch * plane + i];
                }
            }
        }
        float[] sumDetail = new float[filled.v.length];
        int step = PATCH - OVERLAP;
        for (int ty0 = top - OVERLAP; ty0 <= bottom; ty0 += step) {
            for (int tx0 = left - OVERLAP; tx0 <= right; tx0 += step) {
                if (cancelled.getAsBoolean()) {
                    throw new java.util.concurrent.CancellationException("filling cancelled");
                }
                int ty = Math.max(0, Math.min(h - PATCH, ty0));
                int tx = Math.max(0, Math.min(w - PATCH, tx0));
                if (count(integral, w, h, tx, ty, tx + PATCH, ty + PATCH) == 0) {
                    continue;
                }
                int best = search(low.v, high, detail, placed, source, sw, sh, w, h, c, tx, ty, stride);
                paste(high, sumDetail, weight, detail, placed, isHole, w, h, c, tx, ty, best % sw, best / sw);
            }
        }
        Planes out = filled.copy();
        for (int i = 0; i < plane; i++) {
            if (isHole[i]) {
                for (int ch = 0; ch < c; ch++) {
                    int j = ch * plane + i;
                    float v = (float) (low.v[j] + amount * detail[j] + (1 - amount) * high[j]);
                    out.v[j] = Math.max(-1f, Math.min(1f, v));
                }
            }
        }
        return out;
    }

    /** The best source patch (its index y * sw + x) for the target patch at (tx, ty): a grid, then around its best. */
    private static int search(float[] low, float[] high, float[] detail, boolean[] placed, boolean[] source, int sw,
            int sh, int w, int h, int c, int tx, int ty, int stride) {
        int best = -1;
        double bestCost = Double.MAX_VALUE;
        int[] top = new int[4];
        double[] topCost = new double[4];
        java.util.Arrays.fill(top, -1);
        java.util.Arrays.fill(topCost, Double.MAX_VALUE);
        int offset = Math.floorMod(tx * 7 + ty * 13, stride);
        for (int y = offset; y < sh; y += stride) {
            for (int x = offset; x < sw; x += stride) {
                if (!source[y * sw + x]) {
                    continue;
                }
                double cost = cost(low, high, detail, placed, w, h, c, tx, ty, x, y, topCost[3]);
                if (cost < topCost[3]) {
                    int k = 3;
                    while (k > 0 && topCost[k - 1] > cost) {
                        topCost[k] = topCost[k - 1];
                        top[k] = top[k - 1];
                        k--;
                    }
                    topCost[k] = cost;
                    top[k] = y * sw + x;
                }
            }
        }
        for (int k = 0; k < 4 && top[k] >= 0; k++) {
            int cx = top[k] % sw, cy = top[k] / sw;
            for (int y = Math.max(0, cy - stride + 1); y < Math.min(sh, cy + stride); y++) {
                for (int x = Math.max(0, cx - stride + 1); x < Math.min(sw, cx + stride); x++) {
                    if (!source[y * sw + x]) {
                        continue;
                    }
                    double cost = (x == cx && y == cy) ? topCost[k]
                            : cost(low, high, detail, placed, w, h, c, tx, ty, x, y, bestCost);
                    if (cost < bestCost) {
                        bestCost = cost;
                        best = y * sw + x;
                    }
                }
            }
        }
        return best;
    }

    /**
     * How badly the source patch at (sx, sy) fits the target patch at (tx, ty), on every second pixel: the low
     * frequencies' squared difference plus, where detail is already in place, the detail's. Stops early (returns
     * a value above {@code bound}) once it exceeds {@code bound}.
     */
    private static double cost(float[] low, float[] high, float[] detail, boolean[] placed, int w, int h, int c,
            int tx, int ty, int sx, int sy, double bound) {
        int plane = w * h;
        double sum = 0;
        for (int dy = 0; dy < PATCH; dy += 2) {
            int t = (ty + dy) * w + tx, s = (sy + dy) * w + sx;
            for (int dx = 0; dx < PATCH; dx += 2) {
                int ti = t + dx, si = s + dx;
                boolean known = placed[ti];
                for (int ch = 0; ch < c; ch++) {
                    int o = ch * plane;
                    float d = low[o + ti] - low[o + si];
                    sum += d * d;
                    if (known) {
                        float e = detail[o + ti] - high[o + si];
                        sum += e * e;
                    }
                }
            }
            if (sum > bound) {
                return sum;
            }
        }
        return sum;
    }

    /** Adds the source patch's detail to the hole's pixels of the target patch, feathered at its edges. */
    private static void paste(float[] high, float[] sumDetail, float[] weight, float[] detail, boolean[] placed,
            boolean[] isHole, int w, int h, int c, int tx, int ty, int sx, int sy) {
        int plane = w * h;
        for (int dy = 0; dy < PATCH; dy++) {
            for (int dx = 0; dx < PATCH; dx++) {
                int ti = (ty + dy) * w + tx + dx;
                if (!isHole[ti]) {
                    continue;
                }
                int edge = Math.min(Math.min(dx, PATCH - 1 - dx), Math.min(dy, PATCH - 1 - dy));
                float f = Math.min(1f, (edge + 1f) / (OVERLAP + 1f));
                int si = (sy + dy) * w + sx + dx;
                weight[ti] += f;
                for (int ch = 0; ch < c; ch++) {
                    sumDetail[ch * plane + ti] += f * high[ch * plane + si];
                    detail[ch * plane + ti] = sumDetail[ch * plane + ti] / weight[ti];
                }
                placed[ti] = true;
            }
        }
    }

    /** A summed-area table of a boolean plane, (w + 1) x (h + 1). */
    private static int[] integral(boolean[] b, int w, int h) {
        int[] s = new int[(w + 1) * (h + 1)];
        for (int y = 0; y < h; y++) {
            int row = 0;
            for (int x = 0; x < w; x++) {
                row += b[y * w + x] ? 1 : 0;
                s[(y + 1) * (w + 1) + x + 1] = s[y * (w + 1) + x + 1] + row;
            }
        }
        return s;
    }

    /** How many true cells the rectangle [x0, x1) x [y0, y1), clamped to the plane, holds. */
    private static int count(int[] s, int w, int h, int x0, int y0, int x1, int y1) {
        x0 = Math.max(0, x0);
        y0 = Math.max(0, y0);
        x1 = Math.min(w, x1);
        y1 = Math.min(h, y1);
        if (x0 >= x1 || y0 >= y1) {
            return 0;
        }
        int W = w + 1;
        return s[y1 * W + x1] - s[y0 * W + x1] - s[y1 * W + x0] + s[y0 * W + x0];
    }
}
