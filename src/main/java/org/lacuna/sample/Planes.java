package org.lacuna.sample;

import org.lacuna.config.Mask;
import org.lacuna.data.Raster;

/**
 * A float image for the pyramid fill: {@code c} planes of {@code w} x {@code h} values (channel-major, as the model
 * reads them), pixels in [-1, 1]. Mutable; the fill owns its instances.
 */
final class Planes {

    final int w;
    final int h;
    final int c;
    final float[] v;

    Planes(int w, int h, int c) {
        this(w, h, c, new float[w * h * c]);
    }

    private Planes(int w, int h, int c, float[] v) {
        this.w = w;
        this.h = h;
        this.c = c;
        this.v = v;
    }

    /** The part of a raster under a rectangle, as planes in [-1, 1]. */
    static Planes of(Raster r, int x0, int y0, int width, int height) {
        Planes p = new Planes(width, height, r.channels());
        for (int ch = 0; ch < p.c; ch++) {
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    p.v[(ch * height + y) * width + x] = r.get(x0 + x, y0 + y, ch) / 127.5f - 1f;
                }
            }
        }
        return p;
    }

    /** The part of a mask under a rectangle, as one plane of 0 / 1. */
    static Planes of(Mask m, int x0, int y0, int width, int height) {
        Planes p = new Planes(width, height, 1);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                p.v[y * width + x] = m.contains(y0 + y, x0 + x) ? 1f : 0f;
            }
        }
        return p;
    }

    Planes copy() {
        return new Planes(w, h, c, v.clone());
    }

    float get(int ch, int x, int y) {
        return v[(ch * h + y) * w + x];
    }

    void set(int ch, int x, int y, float value) {
        v[(ch * h + y) * w + x] = value;
    }

    /** The values under a w' x h' window at (x0, y0), as a new image (the window lies inside). */
    Planes window(int x0, int y0, int width, int height) {
        Planes p = new Planes(width, height, c);
        for (int ch = 0; ch < c; ch++) {
            for (int y = 0; y < height; y++) {
                System.arraycopy(v, (ch * h + y0 + y) * w + x0, p.v, (ch * height + y) * width, width);
            }
        }
        return p;
    }

    /**
     * Resized: area averaging when shrinking (an output pixel is the mean of the input area it covers), bilinear
     * interpolation when enlarging; separable, per axis.
     */
    Planes resize(int width, int height) {
        if (width == w && height == h) {
            return copy();
        }
        Planes columns = new Planes(width, h, c);
        float[] in = new float[w];
        float[] out = new float[width];
        for (int ch = 0; ch < c; ch++) {
            for (int y = 0; y < h; y++) {
                System.arraycopy(v, (ch * h + y) * w, in, 0, w);
                resample(in, w, out, width);
                System.arraycopy(out, 0, columns.v, (ch * h + y) * width, width);
            }
        }
        Planes result = new Planes(width, height, c);
        in = new float[h];
        out = new float[height];
        for (int ch = 0; ch < c; ch++) {
            for (int x = 0; x < width; x++) {
                for (int y = 0; y < h; y++) {
                    in[y] = columns.v[(ch * h + y) * width + x];
                }
                resample(in, h, out, height);
                for (int y = 0; y < height; y++) {
                    result.v[(ch * height + y) * width + x] = out[y];
                }
            }
        }
        return result;
    }

    /**
     * A mask plane resized so that an output pixel is in the hole (1) when any part of the input area it covers
     * is: the known pixels of a smaller scale are then made of known pixels only.
     */
    Planes resizeHole(int width, int height) {
        Planes r = resize(width, height);
        for (int i = 0; i < r.v.length; i++) {
            r.v[i] = r.v[i] > 1e-6f ? 1f : 0f;
        }
        return r;
    }

    private static void resample(float[] in, int n, float[] out, int m) {
        double scale = (double) n / m;
        if (m <= n) {
            for (int j = 0; j < m; j++) {
                double start = j * scale, end = start + scale, sum = 0;
                for (int i = (int) Math.floor(start); i < Math.min(n, (int) Math.ceil(end)); i++) {
                    double overlap = Math.min(end, i + 1) - Math.max(start, i);
                    if (overlap > 0) {
                        sum += overlap * in[i];
                    }
                }
                out[j] = (float) (sum / scale);
            }
        } else {
            for (int j = 0; j < m; j++) {
                double pos = Math.max(0, Math.min(n - 1, (j + 0.5) * scale - 0.5));
                int i0 = (int) Math.floor(pos);
                int i1 = Math.min(n - 1, i0 + 1);
                double t = pos - i0;
                out[j] = (float) (in[i0] * (1 - t) + in[i1] * t);
            }
        }
    }

    /** A box blur of radius r (a (2r+1)^2 mean, edges clamped), for the low frequencies of an image. */
    Planes blur(int r) {
        Planes out = copy();
        float[] line = new float[Math.max(w, h)];
        for (int ch = 0; ch < c; ch++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    double s = 0;
                    for (int k = -r; k <= r; k++) {
                        s += out.get(ch, Math.max(0, Math.min(w - 1, x + k)), y);
                    }
                    line[x] = (float) (s / (2 * r + 1));
                }
                System.arraycopy(line, 0, out.v, (ch * h + y) * w, w);
            }
            for (int x = 0; x < w; x++) {
                for (int y = 0; y < h; y++) {
                    double s = 0;
                    for (int k = -r; k <= r; k++) {
                        s += out.get(ch, x, Math.max(0, Math.min(h - 1, y + k)));
                    }
                    line[y] = (float) (s / (2 * r + 1));
                }
                for (int y = 0; y < h; y++) {
                    out.set(ch, x, y, line[y]);
                }
            }
        }
        return out;
    }
}
