package org.lacuna.eval;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import org.lacuna.config.Conditioning;
import org.lacuna.config.Mask;
import org.lacuna.config.ModelConfig;
import org.lacuna.config.SampleConfig;
import org.lacuna.data.Raster;
import org.lacuna.model.Hvae;
import org.lacuna.sample.Completion;
import org.lacuna.sample.Inpainter;

/**
 * Evaluates a model on windows at its size, the hole being the model's hole or each window's own {@link Mask}
 * (a hole of any shape). Per image, then averaged over images:
 * <ul>
 *   <li>bits/dim: the single-sample negative ELBO (fresh posterior noise, KLs in closed form, beta = 1) divided by
 *       modelledDims * ln 2 (with masks: the sum of the NELBOs over the sum of the images' modelled sub-pixels, each
 *       image's hole times the channels, times ln 2); with K > 0, also the importance-weighted bound with K posterior samples
 *       ({@link LikelihoodPass}); computed in batches of {@link EvalOptions#batchSize()} images;</li>
 *   <li>the mean completion (every level at its prior mean: branching all 0) and k completions drawn from the prior
 *       (branching k, 1, ..., 1: k top-level draws, each with its own draws below); PSNR and SSIM of the mean, and of
 *       the best of the k by PSNR (its SSIM is that same completion's); all on the hole's pixels only
 *       ({@link Metrics}; {@link Ssim}: the SSIM map on the hole's bounding box, averaged over its pixels); the diversity of the k ({@link Metrics#diversity});</li>
 *   <li>the active units per level from the posterior means ({@link ActiveUnits});</li>
 *   <li>PSNR and SSIM of each {@link Baseline} of the options (every one unless they say).</li>
 * </ul>
 * One pass over the windows, which are not kept. Not thread-safe in the model's sense: the caller's thread owns
 * the model for the call.
 */
public final class Evaluator {

    private final Hvae model;
    private final EvalOptions options;
    private final Mask modelHole;
    private final List<Mask> masks;
    private final String masksLabel;
    private final LikelihoodPass likelihood;
    private final Inpainter inpainter;
    private Consumer<ImageScore> scores = s -> { };

    private Evaluator(Hvae model, EvalOptions options, List<Mask> masks, String masksLabel) {
        double[] temperatures = options.temperatures();
        if (temperatures != null && temperatures.length != model.config().levelCount()) {
            throw new IllegalArgumentException("need one temperature per level (" + model.config().levelCount()
                    + "), got " + temperatures.length);
        }
        this.model = model;
        this.options = options;
        int side = model.config().imageSize();
        this.modelHole = Mask.of(model.config().hole(), side, side);
        this.masks = masks;
        this.masksLabel = masks == null ? null : (masksLabel == null ? "masks" : masksLabel);
        this.likelihood = new LikelihoodPass(model, options);
        this.inpainter = new Inpainter(model);
    }

    /**
     * @param windows   windows of the model's size and channels (their hole holds the truth); a Collection lets
     *                  progress report a total
     * @param progress  called after each image
     * @param cancelled checked between images (and between the model's calls); when true, a CancellationException
     *                  ends the call
     * @throws IllegalArgumentException when there are no windows or one has the wrong size
     */
    public static EvalReport evaluate(Hvae model, Iterable<Raster> windows, EvalOptions options,
                                      Consumer<EvalProgress> progress, BooleanSupplier cancelled) {
        return evaluate(model, windows, options, progress, cancelled, s -> { });
    }

    /** As above; {@code scores} also receives each window's pictures and scores, in order (for a gallery). */
    public static EvalReport evaluate(Hvae model, Iterable<Raster> windows, EvalOptions options,
                                      Consumer<EvalProgress> progress, BooleanSupplier cancelled,
                                      Consumer<ImageScore> scores) {
        return evaluate(model, windows, null, null, options, progress, cancelled, scores);
    }

    /**
     * As above, each window with its own hole.
     *
     * @param masks      the hole of window i is {@code masks.get(i)} (of the model's size, not empty); null: the
     *                   model's own hole in every window
     * @param masksLabel what the masks are, for the report (e.g. the folder they were read from)
     */
    public static EvalReport evaluate(Hvae model, Iterable<Raster> windows, List<Mask> masks, String masksLabel,
                                      EvalOptions options, Consumer<EvalProgress> progress, BooleanSupplier cancelled,
                                      Consumer<ImageScore> scores) {
        Evaluator evaluator = new Evaluator(model, options, masks, masksLabel);
        evaluator.scores = scores;
        return evaluator.run(windows, progress, cancelled);
    }

    public static EvalReport evaluate(Hvae model, Iterable<Raster> windows, EvalOptions options) {
        return evaluate(model, windows, options, p -> { }, () -> false);
    }

    /** Running sums of the per-image scores. */
    private static final class Sums {
        double nelbo, iw, psnrMean, ssimMean, psnrBest, ssimBest, diversity;
        final Map<Baseline, double[]> baselines = new EnumMap<>(Baseline.class);

        Sums(java.util.Set<Baseline> scored) {
            for (Baseline b : scored) {
                baselines.put(b, new double[2]);
            }
        }
    }

    private EvalReport run(Iterable<Raster> windows, Consumer<EvalProgress> progress, BooleanSupplier cancelled) {
        ModelConfig config = model.config();
        int total = windows instanceof Collection<?> c ? c.size() : -1;
        int[] units = new int[config.levelCount()];
        for (int l = 1; l <= units.length; l++) {
            long[] s = config.latentShape(l);
            units[l - 1] = Math.toIntExact(s[0] * s[1] * s[2]);
        }
        ActiveUnits active = new ActiveUnits(units);
        Sums sums = new Sums(options.scoredBaselines());
        boolean wholeImage = config.conditioning() == Conditioning.TOP_ONLY;
        long modelledDims = 0;
        boolean uniformDims = true;
        Iterator<Raster> it = windows.iterator();
        int done = 0;
        while (it.hasNext()) {
            checkCancelled(cancelled);
            List<Raster> batch = new ArrayList<>(options.batchSize());
            while (it.hasNext() && batch.size() < options.batchSize()) {
                batch.add(checked(it.next(), done + batch.size()));
            }
            List<Mask> batchMasks = null;
            if (masks != null) {
                batchMasks = new ArrayList<>(batch.size());
                for (int i = 0; i < batch.size(); i++) {
                    batchMasks.add(checkedMask(done + i));
                }
            }
            for (int i = 0; i < batch.size(); i++) {
                long dims = wholeImage ? config.modelledDims()
                        : (long) hole(batchMasks, i).area() * config.channels();
                uniformDims &= dims == config.modelledDims();
                modelledDims += dims;
            }
            LikelihoodPass.Result r = likelihood.run(batch, batchMasks, done);
            double[] iw = r.iwBound();
            for (int i = 0; i < batch.size(); i++) {
                sums.nelbo += r.nelbo()[i];
                if (iw != null) {
                    sums.iw -= iw[i];
                }
                for (int l = 1; l <= units.length; l++) {
                    active.add(l, r.posteriorMeans()[l - 1][i]);
                }
            }
            for (int i = 0; i < batch.size(); i++) {
                checkCancelled(cancelled);
                score(batch.get(i), batchMasks == null ? null : batchMasks.get(i), done, sums, cancelled);
                done++;
                progress.accept(new EvalProgress(done, total));
            }
        }
        if (done == 0) {
            throw new IllegalArgumentException("no images to evaluate");
        }
        // every image modelling the same sub-pixels keeps the formula (and the bits) of the single-hole evaluation
        double toBits = uniformDims ? 1.0 / (config.modelledDims() * Math.log(2.0) * done)
                : 1.0 / (modelledDims * Math.log(2.0));
        Map<Baseline, Quality> baselines = new EnumMap<>(Baseline.class);
        for (Map.Entry<Baseline, double[]> e : sums.baselines.entrySet()) {
            baselines.put(e.getKey(), new Quality(e.getValue()[0] / done, e.getValue()[1] / done));
        }
        return new EvalReport(config.name(), done, options.samples(), options.iwSamples(), options.seed(),
                sums.nelbo * toBits, options.iwSamples() > 0 ? sums.iw * toBits : Double.NaN,
                new Quality(sums.psnrMean / done, sums.ssimMean / done),
                new Quality(sums.psnrBest / done, sums.ssimBest / done), sums.diversity / done, active.result(),
                baselines, config.conditioning() == org.lacuna.config.Conditioning.TOP_ONLY ? EvalReport.WHOLE_IMAGE
                        : EvalReport.HOLE, options.temperatures(), masksLabel);
    }

    private Mask hole(List<Mask> batchMasks, int i) {
        return batchMasks == null ? modelHole : batchMasks.get(i);
    }

    /** The completions and baselines of one window (its hole: {@code mask}, null for the model's), added up. */
    private void score(Raster truth, Mask mask, int index, Sums sums, BooleanSupplier cancelled) {
        Mask hole = mask == null ? modelHole : mask;
        int levels = model.config().levelCount();
        long seed = org.lacuna.data.Seeds.mix(options.seed(), 0xC0_4F1E7EL, index);
        Raster mean = inpainter.sample(truth, mask, SampleConfig.mean(levels), d -> { }, cancelled)
                .leaves().get(0).image();
        double psnrMean = Metrics.psnr(mean, truth, hole);
        sums.psnrMean += psnrMean;
        sums.ssimMean += Ssim.ssim(mean, truth, hole);

        int[] branching = new int[levels];
        java.util.Arrays.fill(branching, 1);
        branching[0] = options.samples();
        List<Raster> samples = inpainter.sample(truth, mask, new SampleConfig(branching, options.temperatures(), seed),
                        d -> { }, cancelled)
                .leaves().stream().map(Completion::image).toList();
        Raster best = null;
        double bestMse = Double.POSITIVE_INFINITY;
        for (Raster s : samples) {
            double mse = Metrics.mse(s, truth, hole);
            if (mse < bestMse) {
                bestMse = mse;
                best = s;
            }
        }
        double psnrBest = Metrics.psnrOfMse(bestMse);
        sums.psnrBest += psnrBest;
        sums.ssimBest += Ssim.ssim(best, truth, hole);
        sums.diversity += Metrics.diversity(samples, hole);

        Map<Baseline, Raster> fills = new EnumMap<>(Baseline.class);
        Map<Baseline, Double> psnrFills = new EnumMap<>(Baseline.class);
        for (Baseline b : sums.baselines.keySet()) {
            Raster fill = b.fill(truth, hole);
            double[] s = sums.baselines.get(b);
            double psnr = Metrics.psnr(fill, truth, hole);
            s[0] += psnr;
            s[1] += Ssim.ssim(fill, truth, hole);
            fills.put(b, fill);
            psnrFills.put(b, psnr);
        }
        scores.accept(new ImageScore(index, truth, mean, best, fills, psnrMean, psnrBest, psnrFills));
    }

    private Raster checked(Raster window, int index) {
        ModelConfig config = model.config();
        if (window == null) {
            throw new IllegalArgumentException("image " + index + " is missing");
        }
        if (window.width() != config.imageSize() || window.height() != config.imageSize()
                || window.channels() != config.channels()) {
            throw new IllegalArgumentException("image " + index + " is " + window.width() + "x" + window.height() + "x"
                    + window.channels() + "; the model takes " + config.imageSize() + "x" + config.imageSize() + "x"
                    + config.channels());
        }
        return window;
    }

    private Mask checkedMask(int index) {
        int side = model.config().imageSize();
        if (index >= masks.size() || masks.get(index) == null) {
            throw new IllegalArgumentException("image " + index + " has no mask");
        }
        Mask m = masks.get(index);
        if (m.width() != side || m.height() != side) {
            throw new IllegalArgumentException("the mask of image " + index + " is " + m.width() + "x" + m.height()
                    + "; the model takes " + side + "x" + side);
        }
        if (m.isEmpty()) {
            throw new IllegalArgumentException("the mask of image " + index + " is empty: there is no hole to score");
        }
        return m;
    }

    private static void checkCancelled(BooleanSupplier cancelled) {
        if (cancelled.getAsBoolean()) {
            throw new CancellationException("evaluation cancelled");
        }
    }
}
