package org.lacuna.eval;

import java.util.Map;

import org.lacuna.data.Raster;

/**
 * One evaluated window, for a gallery: the truth, the model's mean completion and its best of k (the oracle's pick,
 * by the true hole), the classical fills, and the PSNR of the hole of each.
 *
 * @param index      the window's position in the evaluated set
 * @param truth      the window as it was (its hole holds the answer)
 * @param mean       every level at its prior mean
 * @param best       the sample nearest the truth in the hole (an oracle: it looks at the answer)
 * @param fills      each baseline's fill
 * @param psnrMean   PSNR of the hole of {@code mean}, dB
 * @param psnrBest   PSNR of the hole of {@code best}, dB
 * @param psnrFills  PSNR of the hole of each fill, dB
 */
public record ImageScore(int index, Raster truth, Raster mean, Raster best, Map<Baseline, Raster> fills,
                         double psnrMean, double psnrBest, Map<Baseline, Double> psnrFills) {

    public ImageScore {
        fills = Map.copyOf(fills);
        psnrFills = Map.copyOf(psnrFills);
    }

    /** How much better than Navier-Stokes the mean completion is on this window, dB (negative: worse). */
    public double gainOverNavierStokes() {
        return psnrMean - psnrFills.get(Baseline.NS);
    }
}
