package org.lacuna.eval;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_photo;
import org.bytedeco.opencv.global.opencv_xphoto;
import org.bytedeco.opencv.opencv_core.Mat;
import org.lacuna.config.Hole;
import org.lacuna.config.Mask;
import org.lacuna.data.Raster;

/**
 * The classical fills. Each reads only the border: the hole's pixels are set to 0 before anything looks at them,
 * so the truth cannot leak into a baseline, and the result is the input's border with the hole filled. The hole is
 * a {@link Mask} of any shape; a rectangle ({@link Hole}) is its mask, with the same result bit for bit.
 */
public final class Baselines {

    /** OpenCV's inpainting radius (Telea, Navier-Stokes), in pixels. */
    public static final double RADIUS = 3.0;

    private Baselines() {
    }

    /**
     * The mean colour of the border, per channel: the mean of every pixel of the window outside the hole, rounded to
     * the nearest 8-bit value.
     */
    public static int[] meanBorderColour(Raster window, Hole hole) {
        return meanBorderColour(window, Mask.of(hole, window.width(), window.height()));
    }

    /** {@link #meanBorderColour(Raster, Hole)} of a hole of any shape. */
    public static int[] meanBorderColour(Raster window, Mask mask) {
        checkMask(window, mask);
        int c = window.channels();
        double[] sum = new double[c];
        long n = 0;
        for (int y = 0; y < window.height(); y++) {
            for (int x = 0; x < window.width(); x++) {
                if (!mask.contains(y, x)) {
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
        return meanFill(window, Mask.of(hole, window.width(), window.height()));
    }

    /** The mask's pixels filled with {@link #meanBorderColour}. */
    public static Raster meanFill(Raster window, Mask mask) {
        int[] colour = meanBorderColour(window, mask);
        Raster.Builder out = window.toBuilder();
        for (int y = 0; y < window.height(); y++) {
            for (int x = 0; x < window.width(); x++) {
                if (mask.contains(y, x)) {
                    for (int ch = 0; ch < colour.length; ch++) {
                        out.set(x, y, ch, colour[ch]);
                    }
                }
            }
        }
        return out.build();
    }

    /** OpenCV's {@code inpaint} with INPAINT_TELEA, radius 3, on the whole window with the hole as the mask. */
    public static Raster telea(Raster window, Hole hole) {
        return telea(window, Mask.of(checkedInside(window, hole), window.width(), window.height()));
    }

    public static Raster telea(Raster window, Mask mask) {
        return openCv(window, mask, opencv_photo.INPAINT_TELEA);
    }

    /** OpenCV's {@code inpaint} with INPAINT_NS, radius 3, on the whole window with the hole as the mask. */
    public static Raster navierStokes(Raster window, Hole hole) {
        return navierStokes(window, Mask.of(checkedInside(window, hole), window.width(), window.height()));
    }

    public static Raster navierStokes(Raster window, Mask mask) {
        return openCv(window, mask, opencv_photo.INPAINT_NS);
    }

    /**
     * OpenCV xphoto's Frequency Selective Reconstruction (Genser et al. 2018), {@code cv::xphoto::inpaint} with
     * INPAINT_FSR_FAST ({@code best} false) or INPAINT_FSR_BEST, on the whole window. Colour goes in as BGR (FSR
     * reconstructs in YCrCb, converted from BGR); xphoto's mask is the opposite of photo's: non-zero for the known
     * pixels. FSR best takes seconds for a 64x64 window, FSR fast tens of milliseconds.
     */
    public static Raster fsr(Raster window, Mask mask, boolean best) {
        int w = window.width(), h = window.height(), c = window.channels();
        if (c != 1 && c != 3) {
            throw new IllegalArgumentException("FSR takes grey or colour images, not " + c + " channels");
        }
        checkMask(window, mask);
        if (w < FSR_MIN_SIDE || h < FSR_MIN_SIDE) {
            return fsrPadded(window, mask, best);
        }
        byte[] pixels = holeZeroed(window, mask);
        if (c == 3) {
            swapRedBlue(pixels);
        }
        byte[] known = new byte[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                known[y * w + x] = mask.contains(y, x) ? 0 : (byte) 255;
            }
        }
        byte[] filled = new byte[w * h * c];
        try (BytePointer srcData = new BytePointer(pixels);
             BytePointer maskData = new BytePointer(known);
             Mat src = new Mat(h, w, opencv_core.CV_8UC(c), srcData);
             Mat m = new Mat(h, w, opencv_core.CV_8UC1, maskData);
             Mat dst = new Mat()) {
            opencv_xphoto.inpaint(src, m, dst, best ? opencv_xphoto.INPAINT_FSR_BEST : opencv_xphoto.INPAINT_FSR_FAST);
            copyOut(dst, w, h, c, filled);
        }
        if (c == 3) {
            swapRedBlue(filled);
        }
        return pasted(window, mask, filled);
    }

    /**
     * Images smaller than this on a side go to FSR mirrored out to it (xphoto's FSR crashes the process on an 8x8
     * image; its blocks are 16 pixels).
     */
    static final int FSR_MIN_SIDE = 32;

    /** FSR of a small image: mirrored (and its mask with it) to the right and below, filled, cropped back. */
    private static Raster fsrPadded(Raster window, Mask mask, boolean best) {
        int w = window.width(), h = window.height(), c = window.channels();
        int pw = Math.max(w, FSR_MIN_SIDE), ph = Math.max(h, FSR_MIN_SIDE);
        Raster.Builder padded = Raster.blank(pw, ph, c).toBuilder();
        boolean[] hole = new boolean[pw * ph];
        for (int y = 0; y < ph; y++) {
            int sy = mirror(y, h);
            for (int x = 0; x < pw; x++) {
                int sx = mirror(x, w);
                hole[y * pw + x] = mask.contains(sy, sx);
                for (int ch = 0; ch < c; ch++) {
                    padded.set(x, y, ch, window.get(sx, sy, ch));
                }
            }
        }
        Raster filled = fsr(padded.build(), Mask.of(pw, ph, hole), best);
        Raster.Builder out = window.toBuilder();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (mask.contains(y, x)) {
                    for (int ch = 0; ch < c; ch++) {
                        out.set(x, y, ch, filled.get(x, y, ch));
                    }
                }
            }
        }
        return out.build();
    }

    /** i reflected into 0..n-1 (edge included: ... 2 1 0 | 0 1 2 ... n-1 | n-1 n-2 ...). */
    private static int mirror(int i, int n) {
        int m = i % (2 * n);
        return m < n ? m : 2 * n - 1 - m;
    }

    private static Raster openCv(Raster window, Mask mask, int method) {
        int w = window.width(), h = window.height(), c = window.channels();
        checkMask(window, mask);
        byte[] pixels = holeZeroed(window, mask);
        byte[] maskBytes = mask.toGrey();
        byte[] filled = new byte[w * h * c];
        // The channel order does not matter to either method (they treat channels alike), so R,G,B goes in as is.
        try (BytePointer srcData = new BytePointer(pixels);
             BytePointer maskData = new BytePointer(maskBytes);
             Mat src = new Mat(h, w, opencv_core.CV_8UC(c), srcData);
             Mat m = new Mat(h, w, opencv_core.CV_8UC1, maskData);
             Mat dst = new Mat()) {
            opencv_photo.inpaint(src, m, dst, RADIUS, method);
            copyOut(dst, w, h, c, filled);
        }
        return pasted(window, mask, filled);
    }

    /** The window's pixels with the hole's set to 0, so that no fill can read the truth. */
    private static byte[] holeZeroed(Raster window, Mask mask) {
        int w = window.width(), c = window.channels();
        byte[] pixels = window.pixels();
        for (int y = 0; y < window.height(); y++) {
            for (int x = 0; x < w; x++) {
                if (mask.contains(y, x)) {
                    for (int ch = 0; ch < c; ch++) {
                        pixels[(y * w + x) * c + ch] = 0;
                    }
                }
            }
        }
        return pixels;
    }

    private static void copyOut(Mat dst, int w, int h, int c, byte[] filled) {
        if (dst.rows() != h || dst.cols() != w || dst.channels() != c || !dst.isContinuous()) {
            throw new IllegalStateException("OpenCV's inpaint returned an unexpected " + dst.rows() + "x"
                    + dst.cols() + "x" + dst.channels() + " image");
        }
        dst.data().get(filled);
    }

    /** Only the hole is taken from a fill: the border stays the input's, bit for bit. */
    private static Raster pasted(Raster window, Mask mask, byte[] filled) {
        int w = window.width(), c = window.channels();
        Raster.Builder out = window.toBuilder();
        for (int y = 0; y < window.height(); y++) {
            for (int x = 0; x < w; x++) {
                if (mask.contains(y, x)) {
                    for (int ch = 0; ch < c; ch++) {
                        out.set(x, y, ch, filled[(y * w + x) * c + ch] & 0xFF);
                    }
                }
            }
        }
        return out.build();
    }

    private static void swapRedBlue(byte[] rgb) {
        for (int i = 0; i + 2 < rgb.length; i += 3) {
            byte t = rgb[i];
            rgb[i] = rgb[i + 2];
            rgb[i + 2] = t;
        }
    }

    private static Hole checkedInside(Raster window, Hole hole) {
        if (hole.top() < 0 || hole.left() < 0 || hole.top() + hole.height() > window.height()
                || hole.left() + hole.width() > window.width()) {
            throw new IllegalArgumentException("hole " + hole + " is not inside " + window);
        }
        return hole;
    }

    private static void checkMask(Raster window, Mask mask) {
        if (mask.width() != window.width() || mask.height() != window.height()) {
            throw new IllegalArgumentException("the mask is " + mask.width() + "x" + mask.height() + ", the window "
                    + window.width() + "x" + window.height());
        }
    }
}
