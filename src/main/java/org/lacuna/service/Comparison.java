package org.lacuna.service;

import org.lacuna.eval.PairedComparison;

/**
 * Two models on the same windows and the same noise, for the UI: the mean of the per-image differences of the PSNR
 * of the hole of their mean completions (first minus second), its spread, and how many windows each wins (a
 * difference within 0.01 dB is a tie).
 *
 * @param standardDeviation of the per-image differences, dB
 * @param standardError     of their mean (sd / sqrt(images)), dB
 */
public record Comparison(String first, String second, int images, double meanDifference, double standardDeviation,
                         double standardError, int winsFirst, int winsSecond, int ties) {

    static Comparison of(String first, String second, PairedComparison c) {
        return new Comparison(first, second, c.images(), c.meanDifference(), c.standardDeviation(),
                c.standardError(), c.winsA(), c.winsB(), c.ties());
    }
}
