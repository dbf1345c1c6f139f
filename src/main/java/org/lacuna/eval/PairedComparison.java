package org.lacuna.eval;

import java.util.List;

/**
 * Two models on the same windows and the same noise: the mean difference of the PSNR of the hole of their mean
 * completions (a minus b), its spread (the standard deviation of the per-image differences, and the standard error
 * of the mean), and how many windows each wins (ties: equal to 0.01 dB).
 */
public record PairedComparison(int images, double meanDifference, double standardDeviation, double standardError,
                               int winsA, int winsB, int ties) {

    private static final double TIE = 0.01;

    /** Compares per-image scores in the same order (the same evaluation set). */
    public static PairedComparison of(List<ImageScore> a, List<ImageScore> b) {
        if (a.size() != b.size() || a.isEmpty()) {
            throw new IllegalArgumentException("a paired comparison needs the same non-empty set of images, not "
                    + a.size() + " and " + b.size());
        }
        int n = a.size(), winsA = 0, winsB = 0, ties = 0;
        double sum = 0, sumSquares = 0;
        for (int i = 0; i < n; i++) {
            if (a.get(i).index() != b.get(i).index()) {
                throw new IllegalArgumentException("image " + i + " is window " + a.get(i).index() + " in one and "
                        + b.get(i).index() + " in the other");
            }
            double d = a.get(i).psnrMean() - b.get(i).psnrMean();
            sum += d;
            sumSquares += d * d;
            if (d > TIE) {
                winsA++;
            } else if (d < -TIE) {
                winsB++;
            } else {
                ties++;
            }
        }
        double mean = sum / n;
        double variance = n > 1 ? Math.max(0, (sumSquares - n * mean * mean) / (n - 1)) : 0;
        double sd = Math.sqrt(variance);
        return new PairedComparison(n, mean, sd, sd / Math.sqrt(n), winsA, winsB, ties);
    }
}
