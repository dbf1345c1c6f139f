package org.lacuna.eval;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The result of an evaluation: averages over the images (see {@link Evaluator} for exactly what each is).
 *
 * @param model       the model configuration's name
 * @param images      images evaluated
 * @param samples     k, completions per image for the best-of-k and the diversity
 * @param iwSamples   K, posterior samples per image of the importance-weighted bound (0: not computed)
 * @param seed        the seed of every draw
 * @param bpd         single-sample negative ELBO in bits per modelled sub-pixel
 * @param bpdIw       the importance-weighted bound in bits per modelled sub-pixel; NaN when K = 0
 * @param mean        the mean completion (every level at its prior mean) against the truth
 * @param best        the best of the k completions (by PSNR) against the truth
 * @param diversity   mean pairwise RMS difference of the k completions' holes, in [0, 1] units
 * @param activeUnits the active units of each level, z1 first
 * @param baselines   each baseline against the truth
 * @param temperatures the completions' temperature per level, top level first; null = 1 at every level
 * @param masks       the holes scored: null for the model's own hole in every window, else what the masks are
 *                    (e.g. the folder they were read from)
 */
public record EvalReport(String model, int images, int samples, int iwSamples, long seed, double bpd, double bpdIw,
                         Quality mean, Quality best, double diversity, List<LevelActivity> activeUnits,
                         Map<Baseline, Quality> baselines, String modelled, double[] temperatures, String masks) {

    /** What a model's bits/dim are over: the hole, or the whole image for top-only models (MODEL.md, "Loss"). */
    public static final String HOLE = "the hole";
    public static final String WHOLE_IMAGE = "the whole image";

    /** A report on the model's own hole. */
    public EvalReport(String model, int images, int samples, int iwSamples, long seed, double bpd, double bpdIw,
                      Quality mean, Quality best, double diversity, List<LevelActivity> activeUnits,
                      Map<Baseline, Quality> baselines, String modelled, double[] temperatures) {
        this(model, images, samples, iwSamples, seed, bpd, bpdIw, mean, best, diversity, activeUnits, baselines,
                modelled, temperatures, null);
    }

    /** A report of completions at temperature 1. */
    public EvalReport(String model, int images, int samples, int iwSamples, long seed, double bpd, double bpdIw,
                      Quality mean, Quality best, double diversity, List<LevelActivity> activeUnits,
                      Map<Baseline, Quality> baselines, String modelled) {
        this(model, images, samples, iwSamples, seed, bpd, bpdIw, mean, best, diversity, activeUnits, baselines,
                modelled, null, null);
    }

    @Override
    public double[] temperatures() {
        return temperatures == null ? null : temperatures.clone();
    }

    /** The temperatures when some level's is not 1, else null (reports at temperature 1 do not mention it). */
    public double[] nonUnitTemperatures() {
        return temperatures == null || java.util.Arrays.stream(temperatures).allMatch(t -> t == 1.0) ? null
                : temperatures.clone();
    }

    public EvalReport {
        temperatures = temperatures == null ? null : temperatures.clone();
        activeUnits = List.copyOf(activeUnits);
        baselines = java.util.Collections.unmodifiableMap(new EnumMap<>(baselines));
        if (!HOLE.equals(modelled) && !WHOLE_IMAGE.equals(modelled)) {
            throw new IllegalArgumentException("bits/dim are over the hole or the whole image, not " + modelled);
        }
    }

    /** A report of a model whose likelihood covers the hole. */
    public EvalReport(String model, int images, int samples, int iwSamples, long seed, double bpd, double bpdIw,
                      Quality mean, Quality best, double diversity, List<LevelActivity> activeUnits,
                      Map<Baseline, Quality> baselines) {
        this(model, images, samples, iwSamples, seed, bpd, bpdIw, mean, best, diversity, activeUnits, baselines, HOLE);
    }

    public boolean hasIwBound() {
        return iwSamples > 0;
    }
}
