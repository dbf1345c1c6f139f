package org.lacuna.eval;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_photo;
import org.bytedeco.opencv.opencv_core.Mat;
import org.lacuna.config.Hole;
import org.lacuna.data.Raster;

/**
 * The classical fills. Each reads only the border: the hole's pixels are set to 0 before anything looks at them,
 * so the truth cannot leak into a baseline, and the result is the input's border with the hole filled.
 */
public final class Baselines {

    /** OpenCV's inpainting radius, in pixels. */
    public static final double RADIUS = 3.0;

    private Baselines() {
    }

    /**
     * The mean colour of the border, per channel: the mean of every pixel of the window outside the hole, rounded to
     * the nearest 8-bit value.
     */
    public static int[] meanBorderColour(Raster window, Hole hole) {
        int c = window.channels();
        double[] sum = new double[c];
        long n = 0;
        for (int y = 0; y < window.height(); y++) {
            for (int x = 0; x < window.width(); x++) {
                if (!hole.contains(y, x)) {
                    for (int ch = 0; ch < c; ch++) {
                        sum[ch] += window.get(x, y, ch);
                    }
                    n++;
                }
            }
        }
        if (n == 0) {
            throw new IllegalArgumentException("the hole covers the whole window: there is no border");
        }
        int[] colour = new int[c];
        for (int ch = 0; ch < c; ch++) {
            colour[ch] = (int) Math.round(sum[ch] / n);
        }
        return colour;
    }

    /** The hole filled with {@link #meanBorderColour}. */
    public static Raster meanFill(Raster window, Hole hole) {
        int[] colour = meanBorderColour(window, hole);
        Raster.Builder out = window.toBuilder();
        for (int y = hole.top(); y < hole.top() + hole.height(); y++) {
            for (int x = hole.left(); x < hole.left() + hole.width(); x++) {
                for (int ch = 0; ch < colour.length; ch++) {
                    out.set(x, y, ch, colour[ch]);
                }
            }
        }
        return out.build();
    }

    /** OpenCV's {@code inpaint} with INPAINT_TELEA, radius 3, on the whole window with the hole as the mask. */
    public static Raster telea(Raster window, Hole hole) {
        return openCv(window, hole, opencv_photo.INPAINT_TELEA);
    }

    /** OpenCV's {@code inpaint} with INPAINT_NS, radius 3, on the whole window with the hole as the mask. */
    public static Raster navierStokes(Raster window, Hole hole) {
        return openCv(window, hole, opencv_photo.INPAINT_NS);
    }

    private static Raster openCv(Raster window, Hole hole, int method) {
        int w = window.width(), h = window.height(), c = window.channels();
        if (hole.top() < 0 || hole.left() < 0 || hole.top() + hole.height() > h || hole.left() + hole.width() > w) {
            throw new IllegalArgumentException("hole " + hole + " is not inside " + window);
        }
        byte[] pixels = window.pixels();
        byte[] maskBytes = new byte[w * h];
        for (int y = hole.top(); y < hole.top() + hole.height(); y++) {
            for (int x = hole.left(); x < hole.left() + hole.width(); x++) {
                maskBytes[y * w + x] = (byte) 255;
                for (int ch = 0; ch < c; ch++) {
                    pixels[(y * w + x) * c + ch] = 0;
                }
            }
        }
        byte[] filled = new byte[w * h * c];
        // The channel order does not matter to either method (they treat channels alike), so R,G,B goes in as is.
        try (BytePointer srcData = new BytePointer(pixels);
             BytePointer maskData = new BytePointer(maskBytes);
             Mat src = new Mat(h, w, opencv_core.CV_8UC(c), srcData);
             Mat mask = new Mat(h, w, opencv_core.CV_8UC1, maskData);
             Mat dst = new Mat()) {
            opencv_photo.inpaint(src, mask, dst, RADIUS, method);
            if (dst.rows() != h || dst.cols() != w || dst.channels() != c || !dst.isContinuous()) {
                throw new IllegalStateException("OpenCV's inpaint returned an unexpected " + dst.rows() + "x"
                        + dst.cols() + "x" + dst.channels() + " image");
            }
            dst.data().get(filled);
        }
        // only the hole is taken from OpenCV's result: the border stays the input's, bit for bit
        Raster.Builder out = window.toBuilder();
        for (int y = hole.top(); y < hole.top() + hole.height(); y++) {
            for (int x = hole.left(); x < hole.left() + hole.width(); x++) {
                for (int ch = 0; ch < c; ch++) {
                    out.set(x, y, ch, filled[(y * w + x) * c + ch] & 0xFF);
                }
            }
        }
        return out.build();
    }
}
