package org.lacuna.ui.common;

import java.util.Locale;

/**
 * The one home of the screens' number formats, as the CLI prints them: counts with thousands separators, fixed
 * decimals (PSNR with 2; SSIM, bits/dim and diversity with 4), signed differences, durations as h:mm:ss, and a
 * missing number as an en dash.
 */
public final class Numbers {

    /** A number that is not known (NaN, infinite, negative duration). */
    public static final String NONE = "\u2013";

    private Numbers() {
    }

    /** 12,345 */
    public static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** "1 image", "48 images". */
    public static String plural(long n, String one, String many) {
        return count(n) + " " + (n == 1 ? one : many);
    }

    /** With thousands separators: 1,234.5 */
    public static String number(double v, int decimals) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%,." + decimals + "f", v) : NONE;
    }

    /** Without separators: 1234.5 */
    public static String fixed(double v, int decimals) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%." + decimals + "f", v) : NONE;
    }

    /** PSNR in dB. */
    public static String psnr(double db) {
        return fixed(db, 2);
    }

    /** SSIM, bits/dim, diversity. */
    public static String four(double v) {
        return fixed(v, 4);
    }

    /** A difference in dB with its sign: "+0.42", "-1.30". */
    public static String signed(double db) {
        return Double.isFinite(db) ? String.format(Locale.ROOT, "%+.2f", db) : NONE;
    }

    /** h:mm:ss, or an en dash when unknown. */
    public static String duration(double seconds) {
        if (!Double.isFinite(seconds) || seconds < 0) {
            return NONE;
        }
        long s = Math.round(seconds);
        return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60);
    }

    /** One value per latent level as "z1 1.2 · z2 3.4 · z3 0.1". */
    public static String perLevel(double[] values) {
        StringBuilder sb = new StringBuilder();
        for (int l = 0; l < values.length; l++) {
            sb.append(l == 0 ? "" : " \u00b7 ").append("z").append(l + 1).append(' ').append(number(values[l], 1));
        }
        return sb.toString();
    }
}
