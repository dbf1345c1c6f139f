package org.lacuna.eval;

import org.lacuna.config.Hole;
import org.lacuna.config.Mask;
import org.lacuna.data.Raster;

/**
 * Structural similarity (Wang et al. 2004) of a fill and its truth on the hole, with the standard constants: an
 * 11 x 11 Gaussian window of sigma 1.5, K1 = 0.01, K2 = 0.03, dynamic range L = 255 (8-bit values).
 *
 * <p>Region and padding, exactly: each channel's hole crop (the hole rectangle, nothing of the border) is scored on
 * its own; every pixel of the crop gets an SSIM value whose window is the Gaussian truncated to the crop and
 * renormalised to sum 1 (no padding values are invented, and no pixel is dropped, so holes smaller than 11 x 11
 * work too; away from the crop's edges this is the standard window). The local statistics are weighted means with
 * those weights: mu_x = sum w x, sigma_x^2 = sum w x^2 - mu_x^2, sigma_xy = sum w x y - mu_x mu_y. The score is the
 * mean of the SSIM map over the crop's pixels, then the mean over channels.
 *
 * <p>A hole of any shape ({@link Mask}): the crop is the mask's bounding box (the map is computed on it exactly as
 * above, the kept pixels inside the box included in the windows), and the score is the mean of the map over the
 * mask's pixels only (the kept pixels, identical in a fill and its truth, would inflate it). For a rectangular mask
 * this is the rectangle's score above, bit for bit.
 */
public final class Ssim {

    public static final int WINDOW = 11;
    public static final double SIGMA = 1.5;
    public static final double K1 = 0.01;
    public static final double K2 = 0.03;
    private static final double C1 = (K1 * Metrics.PEAK) * (K1 * Metrics.PEAK);
    private static final double C2 = (K2 * Metrics.PEAK) * (K2 * Metrics.PEAK);
    private static final int RADIUS = WINDOW / 2;
    private static final double[] GAUSS = new double[WINDOW];

    static {
        for (int d = -RADIUS; d <= RADIUS; d++) {
            GAUSS[d + RADIUS] = Math.exp(-d * d / (2 * SIGMA * SIGMA));
        }
    }

    private Ssim() {
    }

    /** SSIM of the hole of two windows, averaged over channels. */
    public static double ssim(Raster a, Raster b, Hole hole) {
        Metrics.checkSameShape(a, b, hole);
        double sum = 0;
        for (int c = 0; c < a.channels(); c++) {
            sum += ssim(Metrics.holePlane(a, hole, c), Metrics.holePlane(b, hole, c), hole.width(), hole.height());
        }
        return sum / a.channels();
    }

    /**
     * SSIM of a hole of any shape, averaged over channels: the map on the mask's bounding box, averaged over the
     * mask's pixels.
     */
    public static double ssim(Raster a, Raster b, Mask mask) {
        Metrics.checkSameShape(a, b, mask);
        Hole box = mask.bounds();
        boolean[] weight = new boolean[box.area()];
        int i = 0;
        for (int y = box.top(); y < box.top() + box.height(); y++) {
            for (int x = box.left(); x < box.left() + box.width(); x++) {
                weight[i++] = mask.contains(y, x);
            }
        }
        double sum = 0;
        for (int c = 0; c < a.channels(); c++) {
            sum += ssim(Metrics.holePlane(a, box, c), Metrics.holePlane(b, box, c), box.width(), box.height(), weight);
        }
        return sum / a.channels();
    }

    /** Mean SSIM of two row-major width x height planes of values in 0..255. */
    public static double ssim(double[] x, double[] y, int width, int height) {
        return ssim(x, y, width, height, null);
    }

    /**
     * The mean of the SSIM map of two planes over the pixels whose {@code inside} flag is set (every pixel when
     * {@code inside} is null).
     */
    static double ssim(double[] x, double[] y, int width, int height, boolean[] inside) {
        if (x.length != width * height || y.length != width * height) {
            throw new IllegalArgumentException("planes must have " + width * height + " values");
        }
        double[] xy = new double[x.length];
        double[] xx = new double[x.length];
        double[] yy = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            xy[i] = x[i] * y[i];
            xx[i] = x[i] * x[i];
            yy[i] = y[i] * y[i];
        }
        double[] muX = blur(x, width, height);
        double[] muY = blur(y, width, height);
        double[] eXX = blur(xx, width, height);
        double[] eYY = blur(yy, width, height);
        double[] eXY = blur(xy, width, height);
        double sum = 0;
        int n = 0;
        for (int i = 0; i < x.length; i++) {
            if (inside != null && !inside[i]) {
                continue;
            }
            n++;
            double mx = muX[i], my = muY[i];
            double vx = Math.max(0, eXX[i] - mx * mx);
            double vy = Math.max(0, eYY[i] - my * my);
            double cxy = eXY[i] - mx * my;
            sum += (2 * mx * my + C1) * (2 * cxy + C2) / ((mx * mx + my * my + C1) * (vx + vy + C2));
        }
        return sum / n;
    }

    /**
     * The weighted local mean at every pixel: the Gaussian truncated to the plane and renormalised. The truncated
     * 2-D window of a rectangle is the product of two truncated 1-D windows, so rows then columns give it exactly.
     */
    static double[] blur(double[] v, int width, int height) {
        double[] rows = new double[v.length];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double s = 0, w = 0;
                for (int d = Math.max(-RADIUS, -x); d <= Math.min(RADIUS, width - 1 - x); d++) {
                    s += GAUSS[d + RADIUS] * v[y * width + x + d];
                    w += GAUSS[d + RADIUS];
                }
                rows[y * width + x] = s / w;
            }
        }
        double[] out = new double[v.length];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double s = 0, w = 0;
                for (int d = Math.max(-RADIUS, -y); d <= Math.min(RADIUS, height - 1 - y); d++) {
                    s += GAUSS[d + RADIUS] * rows[(y + d) * width + x];
                    w += GAUSS[d + RADIUS];
                }
                out[y * width + x] = s / w;
            }
        }
        return out;
    }
}
