package org.lacuna.ui.eval;

import java.util.Locale;

/**
 * The Evaluate workspace's numbers, formatted as `eval` prints them: PSNR with 2 decimals, SSIM, bits/dim and
 * diversity with 4; durations as h:mm:ss; a missing number as an en dash.
 */
final class Formats {

    static final String NONE = "\u2013";

    private Formats() {
    }

    static String psnr(double db) {
        return fixed(db, 2);
    }

    /** SSIM, bits/dim, diversity. */
    static String four(double v) {
        return fixed(v, 4);
    }

    /** A difference in dB with its sign: "+0.42", "-1.30". */
    static String signed(double db) {
        return Double.isFinite(db) ? String.format(Locale.ROOT, "%+.2f", db) : NONE;
    }

    static String fixed(double v, int decimals) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%." + decimals + "f", v) : NONE;
    }

    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** h:mm:ss, or an en dash when unknown. */
    static String duration(double seconds) {
        if (!Double.isFinite(seconds) || seconds < 0) {
            return NONE;
        }
        long s = Math.round(seconds);
        return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60);
    }

    /** "1 image", "48 images". */
    static String plural(long n, String one, String many) {
        return count(n) + " " + (n == 1 ? one : many);
    }
}
