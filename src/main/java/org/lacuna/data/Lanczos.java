package org.lacuna.data;

/**
 * Lanczos-3 resampling of a rectangle of a raster, separable, with the kernel widened by the scale factor when
 * shrinking (as Pillow's {@code Image.LANCZOS} does), so that a downscale filters out what the smaller image cannot
 * hold. Pixel centres are aligned ({@code (i + 0.5) * scale - 0.5}); taps outside the rectangle are left out and the
 * others renormalised, so every output pixel's weights sum to 1. Used for the crops of photos (issue 12's test-crop recipe).
 */
public final class Lanczos {

    private static final double SUPPORT = 3.0;

    private Lanczos() {
    }

    /** The whole raster resized to width x height. */
    public static Raster resize(Raster src, int width, int height) {
        return resize(src, 0, 0, src.width(), src.height(), width, height);
    }

    /** The rectangle (x0, y0, w, h) of {@code src} resized to width x height, without copying the rectangle first. */
    public static Raster resize(Raster src, int x0, int y0, int w, int h, int width, int height) {
        if (x0 < 0 || y0 < 0 || w <= 0 || h <= 0 || x0 + w > src.width() || y0 + h > src.height()
                || width <= 0 || height <= 0) {
            throw new IllegalArgumentException("resize " + x0 + "," + y0 + " " + w + "x" + h + " of " + src + " to "
                    + width + "x" + height);
        }
        int c = src.channels();
        byte[] in = src.buffer();
        int stride = src.width() * c;
        Taps cols = Taps.of(w, width);
        Taps rows = Taps.of(h, height);
        // horizontal pass over the rows the vertical pass needs. Each output's sum runs over its taps in order, as
        // plain float arithmetic: the loops below are arranged for speed (the channels of a pixel together; the
        // vertical pass a row at a time), the result is bit for bit the same whatever the arrangement
        float[] mid = new float[h * width * c];
        for (int y = 0; y < h; y++) {
            int rowStart = (y0 + y) * stride + x0 * c;
            int outRow = y * width * c;
            for (int j = 0; j < width; j++) {
                int first = cols.first[j];
                int base = j * cols.width;
                int count = cols.count[j];
                if (c == 3) {
                    float s0 = 0, s1 = 0, s2 = 0;
                    int p = rowStart + first * 3;
                    for (int t = 0; t < count; t++, p += 3) {
                        float wt = cols.weight[base + t];
                        s0 += wt * (in[p] & 0xFF);
                        s1 += wt * (in[p + 1] & 0xFF);
                        s2 += wt * (in[p + 2] & 0xFF);
                    }
                    mid[outRow + j * 3] = s0;
                    mid[outRow + j * 3 + 1] = s1;
                    mid[outRow + j * 3 + 2] = s2;
                    continue;
                }
                for (int ch = 0; ch < c; ch++) {
                    float sum = 0;
                    for (int t = 0; t < count; t++) {
                        sum += cols.weight[base + t] * (in[rowStart + (first + t) * c + ch] & 0xFF);
                    }
                    mid[outRow + j * c + ch] = sum;
                }
            }
        }
        byte[] out = new byte[width * height * c];
        int midStride = width * c;
        float[] acc = new float[midStride];
        for (int i = 0; i < height; i++) {
            int first = rows.first[i];
            int base = i * rows.width;
            java.util.Arrays.fill(acc, 0f);
            for (int t = 0; t < rows.count[i]; t++) {
                float wt = rows.weight[base + t];
                int from = (first + t) * midStride;
                for (int k = 0; k < midStride; k++) {
                    acc[k] += wt * mid[from + k];
                }
            }
            for (int k = 0; k < midStride; k++) {
                out[i * midStride + k] = (byte) Math.max(0, Math.min(255, Math.round(acc[k])));
            }
        }
        return new Raster(width, height, c, out);
    }

    /** The kernel's taps for one axis: n input samples to m outputs. */
    private static final class Taps {
        final int width;
        final int[] first;
        final int[] count;
        final float[] weight;

        private Taps(int width, int m) {
            this.width = width;
            this.first = new int[m];
            this.count = new int[m];
            this.weight = new float[width * m];
        }

        static Taps of(int n, int m) {
            double scale = (double) n / m;
            double stretch = Math.max(1.0, scale);
            double support = SUPPORT * stretch;
            int width = (int) Math.ceil(support) * 2 + 1;
            Taps taps = new Taps(width, m);
            for (int j = 0; j < m; j++) {
                double centre = (j + 0.5) * scale;
                int lo = Math.max(0, (int) Math.floor(centre - support));
                int hi = Math.min(n, (int) Math.ceil(centre + support));
                double total = 0;
                int k = 0;
                for (int i = lo; i < hi && k < width; i++, k++) {
                    double wgt = kernel((i + 0.5 - centre) / stretch);
                    taps.weight[j * width + k] = (float) wgt;
                    total += wgt;
                }
                taps.first[j] = lo;
                taps.count[j] = k;
                if (total != 0) {
                    for (int t = 0; t < k; t++) {
                        taps.weight[j * width + t] /= (float) total;
                    }
                }
            }
            return taps;
        }

        static double kernel(double x) {
            double a = Math.abs(x);
            if (a < 1e-9) {
                return 1.0;
            }
            if (a >= SUPPORT) {
                return 0.0;
            }
            double px = Math.PI * x;
            return SUPPORT * Math.sin(px) * Math.sin(px / SUPPORT) / (px * px);
        }
    }
}
