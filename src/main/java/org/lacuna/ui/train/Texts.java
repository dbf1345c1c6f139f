package org.lacuna.ui.train;

import java.util.Locale;

/** Wording and number formats of the Train workspace. */
final class Texts {

    private Texts() {
    }

    /** h:mm:ss */
    static String duration(double seconds) {
        if (!Double.isFinite(seconds) || seconds < 0) {
            return "\u2013";
        }
        long s = Math.round(seconds);
        return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60);
    }

    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    static String number(double v, int decimals) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%,." + decimals + "f", v) : "\u2013";
    }

    /** KL per level as "z1 1.2 · z2 3.4 · z3 0.1". */
    static String perLevel(double[] kl) {
        StringBuilder sb = new StringBuilder();
        for (int l = 0; l < kl.length; l++) {
            sb.append(l == 0 ? "" : " \u00b7 ").append("z").append(l + 1).append(' ').append(number(kl[l], 1));
        }
        return sb.toString();
    }
}
