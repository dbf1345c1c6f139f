package org.lacuna.eval;

/**
 * One evaluated window as a report's per-image row: where it came from and the PSNR of the hole of the mean
 * completion, the best of k (by the true hole), Navier-Stokes and Telea, in dB (NaN for a fill the evaluation did not
 * score, {@code eval --baselines}).
 */
public record ImageRow(int index, String source, double psnrMean, double psnrBest, double psnrNavierStokes,
                       double psnrTelea) {

    public static ImageRow of(ImageScore s, String source) {
        return new ImageRow(s.index(), source, s.psnrMean(), s.psnrBest(),
                s.psnrFills().getOrDefault(Baseline.NS, Double.NaN), s.psnrFills().getOrDefault(Baseline.TELEA,
                Double.NaN));
    }
}
