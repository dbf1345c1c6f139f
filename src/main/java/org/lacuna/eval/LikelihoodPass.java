package org.lacuna.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.lacuna.config.Mask;
import org.lacuna.config.ModelConfig;
import org.lacuna.data.Raster;
import org.lacuna.data.Tensors;
import org.lacuna.model.Hvae;
import org.lacuna.model.HvaeGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The likelihood side of an evaluation, on the training path of the graph (beta = 1):
 * <ul>
 *   <li>the negative ELBO of each image for one draw of the posterior noise (the training loss's form: the
 *       reconstruction at one z and the KLs in closed form);</li>
 *   <li>with K > 0, the importance-weighted bound (Burda et al. 2016)
 *       log p(x) >= logmeanexp_k [log p(x|z_k) + log p(z_k) - log q(z_k|x)], z_k ~ q(z|x), from the graph's
 *       {@link HvaeGraph#LOGLIK} and {@link HvaeGraph#LOGPZ_MINUS_LOGQZ};</li>
 *   <li>the posterior means of every level, for the active units.</li>
 * </ul>
 * The noise of draw k of image i depends only on the seed, i and k, so results do not depend on the batching, and
 * Each window has its hole (a {@link Mask}; null: the model's own), and the likelihood is over that hole's
 * sub-pixels (the whole image's for a top-only model).
 * draw 0 is the ELBO's draw: with K = 1 the bound is the single-sample ELBO of that same z, with the KL estimated
 * by log q - log p at z instead of in closed form (the two agree in expectation, not draw by draw).
 */
final class LikelihoodPass {

    /**
     * Results for a batch of images.
     *
     * @param nelbo          negative ELBO of each image, nats
     * @param logWeights     [image][k] log p(x|z_k) + log p(z_k) - log q(z_k|x), nats; null when K = 0
     * @param posteriorMeans [level - 1][image] the flattened posterior mean of each level
     */
    record Result(double[] nelbo, double[][] logWeights, double[][][] posteriorMeans) {

        /** The importance-weighted bound on log p(x) of each image, nats; null when K = 0. */
        double[] iwBound() {
            if (logWeights == null) {
                return null;
            }
            double[] bound = new double[logWeights.length];
            for (int i = 0; i < bound.length; i++) {
                bound[i] = logMeanExp(logWeights[i]);
            }
            return bound;
        }
    }

    private final Hvae model;
    private final EvalOptions options;

    LikelihoodPass(Hvae model, EvalOptions options) {
        this.model = model;
        this.options = options;
    }

    /** Scores a batch of windows at the model's size; {@code firstIndex} is the first one's index in the data. */
    Result run(List<Raster> windows, int firstIndex) {
        return run(windows, null, firstIndex);
    }

    /**
     * Scores a batch of windows with their holes ({@code masks}, one per window, of the model's size; null: the
     * model's own hole for every window).
     */
    Result run(List<Raster> windows, List<Mask> masks, int firstIndex) {
        int n = windows.size();
        int levels = model.config().levelCount();
        int k = options.iwSamples();
        double[] nelbo = new double[n];
        double[][] logWeights = k > 0 ? new double[n][] : null;
        double[][][] means = new double[levels][n][];
        int perCall = k > 0 ? Math.max(1, options.batchSize() / k) : Math.max(1, options.batchSize());
        int draws = Math.max(1, k);
        for (int start = 0; start < n; start += perCall) {
            int count = Math.min(perCall, n - start);
            Raster[] rows = new Raster[count * draws];
            for (int i = 0; i < count; i++) {
                for (int d = 0; d < draws; d++) {
                    rows[i * draws + d] = windows.get(start + i);
                }
            }
            INDArray[] eps = noise(firstIndex + start, count, draws);
            List<String> names = new ArrayList<>(List.of(HvaeGraph.NELBO));
            if (k > 0) {
                names.add(HvaeGraph.LOGLIK);
                names.add(HvaeGraph.LOGPZ_MINUS_LOGQZ);
            }
            for (int l = 1; l <= levels; l++) {
                names.add(HvaeGraph.posteriorMean(l));
            }
            INDArray maskBatch = null;
            if (masks != null) {
                int side = model.config().imageSize();
                int plane = side * side;
                float[] values = new float[count * draws * plane];
                for (int i = 0; i < count; i++) {
                    float[] one = masks.get(start + i).toFloats();
                    for (int d = 0; d < draws; d++) {
                        System.arraycopy(one, 0, values, (i * draws + d) * plane, plane);
                    }
                }
                maskBatch = Nd4j.create(values, new long[]{(long) count * draws, 1, side, side}, 'c');
            }
            Map<String, INDArray> out = model.outputs(Tensors.batch(rows), maskBatch, eps,
                    names.toArray(String[]::new));
            double[] rowNelbo = vector(out.get(HvaeGraph.NELBO));
            double[] logLik = k > 0 ? vector(out.get(HvaeGraph.LOGLIK)) : null;
            double[] logRatio = k > 0 ? vector(out.get(HvaeGraph.LOGPZ_MINUS_LOGQZ)) : null;
            for (int i = 0; i < count; i++) {
                nelbo[start + i] = rowNelbo[i * draws];
                if (k > 0) {
                    double[] w = new double[k];
                    for (int d = 0; d < k; d++) {
                        w[d] = logLik[i * draws + d] + logRatio[i * draws + d];
                    }
                    logWeights[start + i] = w;
                }
            }
            for (int l = 1; l <= levels; l++) {
                INDArray m = out.get(HvaeGraph.posteriorMean(l));
                INDArray flat = m.castTo(DataType.DOUBLE).reshape('c', m.size(0), m.length() / m.size(0));
                for (int i = 0; i < count; i++) {
                    means[l - 1][start + i] = flat.getRow((long) i * draws).dup().toDoubleVector();
                }
            }
        }
        return new Result(nelbo, logWeights, means);
    }

    /** Posterior noise for images first..first+count-1, draws rows each (image-major), one array per level. */
    private INDArray[] noise(int first, int count, int draws) {
        ModelConfig config = model.config();
        INDArray[] eps = new INDArray[config.levelCount()];
        for (int l = 1; l <= config.levelCount(); l++) {
            long[] s = config.latentShape(l);
            int size = (int) (s[0] * s[1] * s[2]);
            float[] values = new float[count * draws * size];
            for (int i = 0; i < count; i++) {
                for (int d = 0; d < draws; d++) {
                    SplittableRandom rng = new SplittableRandom(noiseKey(options.seed(), first + i, d, l));
                    int base = (i * draws + d) * size;
                    for (int u = 0; u < size; u++) {
                        values[base + u] = (float) rng.nextGaussian();
                    }
                }
            }
            eps[l - 1] = Nd4j.create(values, new long[]{(long) count * draws, s[0], s[1], s[2]}, 'c');
        }
        return eps;
    }

    /** The seed of draw d of image i at level l. */
    static long noiseKey(long seed, int image, int draw, int level) {
        return org.lacuna.data.Seeds.mix(seed, 0x5EED_E7A1L, image, draw, level);
    }

    /** log((1/K) sum_k exp(w_k)), computed stably around the largest w. */
    static double logMeanExp(double[] w) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : w) {
            max = Math.max(max, v);
        }
        if (max == Double.NEGATIVE_INFINITY || Double.isNaN(max)) {
            return max;
        }
        double sum = 0;
        for (double v : w) {
            sum += Math.exp(v - max);
        }
        return max + Math.log(sum / w.length);
    }

    private static double[] vector(INDArray a) {
        return a.castTo(DataType.DOUBLE).reshape(a.length()).toDoubleVector();
    }
}
