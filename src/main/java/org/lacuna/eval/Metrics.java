package org.lacuna.eval;

import java.util.List;

import org.lacuna.config.Hole;
import org.lacuna.config.Mask;
import org.lacuna.data.Raster;

/**
 * Pixel metrics on the hole of a window: every sub-pixel of the hole (a {@link Mask} of any shape, or the model's
 * rectangle), all channels, 8-bit values. The border is identical in a completion and its truth, so it is left out
 * rather than allowed to inflate scores. A rectangle and its mask ({@code Mask.of(hole, w, h)}) give the same
 * numbers, bit for bit: the sub-pixels are summed in the same order (row by row).
 */
public final class Metrics {

    /** The peak value of 8-bit pixels. */
    public static final double PEAK = 255.0;
    /** PSNR of a perfect fill (MSE 0) is reported as this, so averages over images stay finite. */
    public static final double MAX_PSNR = 100.0;

    private Metrics() {
    }

    /** Mean squared error of the mask's sub-pixels, in 8-bit units squared. */
    public static double mse(Raster a, Raster b, Mask mask) {
        checkSameShape(a, b, mask);
        double sum = 0;
        for (int y = 0; y < mask.height(); y++) {
            for (int x = 0; x < mask.width(); x++) {
                if (mask.contains(y, x)) {
                    for (int c = 0; c < a.channels(); c++) {
                        double d = a.get(x, y, c) - b.get(x, y, c);
                        sum += d * d;
                    }
                }
            }
        }
        return sum / ((double) mask.area() * a.channels());
    }

    /** 10 log10(255^2 / MSE) of the mask's sub-pixels, in dB; {@link #MAX_PSNR} when they match exactly. */
    public static double psnr(Raster a, Raster b, Mask mask) {
        return psnrOfMse(mse(a, b, mask));
    }

    /**
     * How much fine detail a fill has against its truth (issue 23): the mean squared Laplacian (4-neighbour) of the
     * fill over the hole's inner pixels (the hole eroded by one pixel: the pixel and its four neighbours in the
     * hole), divided by the truth's. A smear scores near 0, the truth's own texture 1. NaN when the hole has no
     * inner pixel or the truth there is flat.
     */
    public static double detail(Raster truth, Raster fill, Mask mask) {
        checkSameShape(truth, fill, mask);
        double f = 0, t = 0;
        for (int y = 1; y < mask.height() - 1; y++) {
            for (int x = 1; x < mask.width() - 1; x++) {
                if (!mask.contains(y, x) || !mask.contains(y - 1, x) || !mask.contains(y + 1, x)
                        || !mask.contains(y, x - 1) || !mask.contains(y, x + 1)) {
                    continue;
                }
                for (int c = 0; c < truth.channels(); c++) {
                    double a = laplacian(fill, x, y, c), b = laplacian(truth, x, y, c);
                    f += a * a;
                    t += b * b;
                }
            }
        }
        return t > 0 ? f / t : Double.NaN;
    }

    private static double laplacian(Raster r, int x, int y, int c) {
        return 4.0 * r.get(x, y, c) - r.get(x - 1, y, c) - r.get(x + 1, y, c) - r.get(x, y - 1, c)
                - r.get(x, y + 1, c);
    }

    /** Root mean squared difference of two fills' masked sub-pixels in [0, 1] units: sqrt(MSE) / 255. */
    public static double rmsDifference(Raster a, Raster b, Mask mask) {
        return Math.sqrt(mse(a, b, mask)) / PEAK;
    }

    /** {@link #diversity(List, Hole)} over a mask's pixels. */
    public static double diversity(List<Raster> samples, Mask mask) {
        int n = samples.size();
        if (n < 2) {
            return 0;
        }
        double sum = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                sum += rmsDifference(samples.get(i), samples.get(j), mask);
            }
        }
        return sum / (n * (n - 1) / 2.0);
    }

    /** Mean squared error of the hole's sub-pixels, in 8-bit units squared: the rectangle's {@link Mask}'s. */
    public static double mse(Raster a, Raster b, Hole hole) {
        checkSameShape(a, b, hole);
        return mse(a, b, Mask.of(hole, a.width(), a.height()));
    }

    /** 10 log10(255^2 / MSE) of the hole, in dB; {@link #MAX_PSNR} when the hole matches exactly. */
    public static double psnr(Raster a, Raster b, Hole hole) {
        return psnrOfMse(mse(a, b, hole));
    }

    public static double psnrOfMse(double mse) {
        if (mse <= 0) {
            return MAX_PSNR;
        }
        return Math.min(MAX_PSNR, 10 * Math.log10(PEAK * PEAK / mse));
    }

    /**
     * Root mean squared difference of two fills' holes in [0, 1] units: sqrt(MSE) / 255.
     */
    public static double rmsDifference(Raster a, Raster b, Hole hole) {
        return Math.sqrt(mse(a, b, hole)) / PEAK;
    }

    /**
     * The diversity of a set of completions of one window: the mean, over all unordered pairs, of the RMS difference
     * of their hole pixels in [0, 1] units ({@link #rmsDifference}). 0 for fewer than two completions (no pairs).
     */
    public static double diversity(List<Raster> samples, Hole hole) {
        return samples.size() < 2 ? 0
                : diversity(samples, Mask.of(hole, samples.get(0).width(), samples.get(0).height()));
    }

    /** One channel of the hole crop as a row-major height x width plane of 8-bit values. */
    static double[] holePlane(Raster r, Hole hole, int channel) {
        double[] plane = new double[hole.area()];
        int i = 0;
        for (int y = hole.top(); y < hole.top() + hole.height(); y++) {
            for (int x = hole.left(); x < hole.left() + hole.width(); x++) {
                plane[i++] = r.get(x, y, channel);
            }
        }
        return plane;
    }

    static void checkSameShape(Raster a, Raster b, Mask mask) {
        if (a.width() != b.width() || a.height() != b.height() || a.channels() != b.channels()) {
            throw new IllegalArgumentException("cannot compare " + a + " with " + b);
        }
        if (mask.width() != a.width() || mask.height() != a.height()) {
            throw new IllegalArgumentException("the mask is " + mask.width() + "x" + mask.height() + ", the image "
                    + a.width() + "x" + a.height());
        }
        if (mask.isEmpty()) {
            throw new IllegalArgumentException("the mask is empty: there is no hole to score");
        }
    }

    static void checkSameShape(Raster a, Raster b, Hole hole) {
        if (a.width() != b.width() || a.height() != b.height() || a.channels() != b.channels()) {
            throw new IllegalArgumentException("cannot compare " + a + " with " + b);
        }
        if (hole.top() < 0 || hole.left() < 0 || hole.top() + hole.height() > a.height()
                || hole.left() + hole.width() > a.width()) {
            throw new IllegalArgumentException("hole " + hole + " is not inside " + a);
        }
    }
}
