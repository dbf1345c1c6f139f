package org.lacuna.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.lacuna.eval.Baseline;
import org.lacuna.eval.EvalReport;
import org.lacuna.eval.LevelActivity;
import org.lacuna.eval.Quality;

/**
 * One model's evaluation as plain numbers for the UI: the figures `eval` prints and writes (averages over the
 * images; see {@link org.lacuna.eval.Evaluator}), never the eval package's own types.
 *
 * @param label       what the user chose ("the loaded model", a file's name, a run's checkpoint)
 * @param model       the model configuration's name
 * @param images      images evaluated
 * @param samples     k, completions per image for the best of k and the diversity
 * @param seed        the seed of every draw
 * @param bpd         bits/dim (single-sample negative ELBO) over {@code bpdOver}
 * @param bpdOver     "hole", or "image" for a top-only model, as the JSON's {@code bpd_over}
 * @param psnrMean    PSNR of the hole of the mean completion, dB
 * @param ssimMean    SSIM of the hole of the mean completion
 * @param psnrBest    PSNR of the best of the k completions, picked by the true hole (an oracle), dB
 * @param ssimBest    SSIM of that same completion
 * @param diversity   mean pairwise RMS difference of the k completions' holes, 0..1
 * @param activeUnits the active units of each level, z1 first
 * @param fills       the classical fills on the same windows: mean fill, OpenCV Telea, OpenCV Navier-Stokes
 */
public record EvaluationScores(String label, String model, int images, int samples, long seed, double bpd,
                               String bpdOver, double psnrMean, double ssimMean, double psnrBest, double ssimBest,
                               double diversity, List<Level> activeUnits, List<Fill> fills) {

    /** The active units of one latent level (1 = z1). */
    public record Level(int level, int active, int units) {
        /** The share of the level's units that are active, 0..1. */
        public double share() {
            return units == 0 ? 0 : (double) active / units;
        }
    }

    /** A classical fill's quality; {@code key} is its name in the JSON report (meanfill, telea, ns). */
    public record Fill(String key, String label, double psnr, double ssim) {
    }

    public EvaluationScores {
        activeUnits = List.copyOf(activeUnits);
        fills = List.copyOf(fills);
    }

    static EvaluationScores of(String label, EvalReport r) {
        List<Level> levels = new ArrayList<>();
        for (LevelActivity a : r.activeUnits()) {
            levels.add(new Level(a.level(), a.active(), a.units()));
        }
        List<Fill> fills = new ArrayList<>();
        for (Map.Entry<Baseline, Quality> e : r.baselines().entrySet()) {
            fills.add(new Fill(e.getKey().key(), e.getKey().label(), e.getValue().psnr(), e.getValue().ssim()));
        }
        return new EvaluationScores(label, r.model(), r.images(), r.samples(), r.seed(), r.bpd(),
                EvalReport.HOLE.equals(r.modelled()) ? "hole" : "image", r.mean().psnr(), r.mean().ssim(),
                r.best().psnr(), r.best().ssim(), r.diversity(), levels, fills);
    }
}
