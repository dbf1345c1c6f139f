package org.lacuna.model;

import org.lacuna.config.Conditioning;
import org.lacuna.config.ModelConfig;

/**
 * The loss of {@link HvaeGraph}'s training path and its gradients, in plain Java over plain NCHW float arrays, for
 * {@link DirectTraining}: the discretised logistic likelihood of the modelled sub-pixels (MODEL.md, "Loss"; the same
 * branches as {@link Distributions#discretisedLogisticLogProb}), the reparameterisation z = mu + exp(logVar / 2) eps
 * and the closed-form KL between the posterior and the prior of each level. Sums are taken in double precision.
 *
 * <p>Layouts: the decoder's output {@code out} is [B, 2C, S, S] (C means, then C log-scales); a head {@code q} or
 * {@code p} of level l is [B, 2k, r, r] (k means, then k log-variances); z and its noise are [B, k, r, r].
 */
final class LossHeads {

    private final int batch;
    private final int channels;
    private final int size;
    private final boolean wholeImage;

    LossHeads(ModelConfig config, int batch) {
        this.batch = batch;
        this.channels = config.channels();
        this.size = config.imageSize();
        this.wholeImage = config.conditioning() == Conditioning.TOP_ONLY;
    }

    /**
     * log p(x | out) of each image, summed over its modelled sub-pixels (those of its hole, {@code mask} [B, 1, S, S]
     * being 1 inside; every sub-pixel with top-only conditioning), into {@code logLik}, and their number into
     * {@code dims}; into {@code dOut} the gradient of {@code scale * -sum log p} with respect to {@code out} (zero
     * for the sub-pixels that are not modelled).
     */
    void likelihood(float[] x, float[] mask, float[] out, double[] logLik, double[] dims, float[] dOut,
            double scale) {
        int plane = size * size;
        double[] g = new double[2];
        for (int b = 0; b < batch; b++) {
            double sum = 0;
            long count = 0;
            int maskBase = b * plane;
            for (int c = 0; c < channels; c++) {
                int xBase = (b * channels + c) * plane;
                int mBase = (b * 2 * channels + c) * plane;
                int sBase = (b * 2 * channels + channels + c) * plane;
                for (int i = 0; i < plane; i++) {
                    if (wholeImage || mask[maskBase + i] > 0.5f) {
                        sum += Distributions.logisticLogProb(x[xBase + i], out[mBase + i], out[sBase + i], g);
                        dOut[mBase + i] = (float) (-scale * g[0]);
                        dOut[sBase + i] = (float) (-scale * g[1]);
                        count++;
                    } else {
                        dOut[mBase + i] = 0f;
                        dOut[sBase + i] = 0f;
                    }
                }
            }
            logLik[b] = sum;
            dims[b] = count;
        }
    }

    /** z = mu_q + exp(logVar_q / 2) * eps for one level. */
    static void reparameterise(float[] q, float[] eps, float[] z, int batch, int perImage) {
        for (int b = 0; b < batch; b++) {
            int qBase = 2 * b * perImage;
            int zBase = b * perImage;
            for (int j = 0; j < perImage; j++) {
                z[zBase + j] = q[qBase + j] + (float) Math.exp(q[qBase + perImage + j] * 0.5f) * eps[zBase + j];
            }
        }
    }

    /**
     * KL(q || p) of one level per image into {@code kl}; and the gradients of {@code scale * sum KL} with respect to
     * q (into {@code dq}, overwritten) and p (into {@code dp}, overwritten).
     */
    static void kl(float[] q, float[] p, int batch, int perImage, double[] kl, float[] dq, float[] dp,
            double scale) {
        for (int b = 0; b < batch; b++) {
            int base = 2 * b * perImage;
            double sum = 0;
            for (int j = 0; j < perImage; j++) {
                int mi = base + j;
                int vi = base + perImage + j;
                double mq = q[mi], lq = q[vi], mp = p[mi], lp = p[vi];
                double diff = mq - mp;
                double invVarP = Math.exp(-lp);
                double varQ = Math.exp(lq);
                sum += 0.5 * (lp - lq + (varQ + diff * diff) * invVarP - 1);
                double dMean = diff * invVarP;
                dq[mi] = (float) (scale * dMean);
                dp[mi] = (float) (-scale * dMean);
                dq[vi] = (float) (scale * 0.5 * (varQ * invVarP - 1));
                dp[vi] = (float) (scale * 0.5 * (1 - (varQ + diff * diff) * invVarP));
            }
            kl[b] = sum;
        }
    }

    /** Adds z's gradient to q's through the reparameterisation: dmu += dz, dlogVar += dz eps exp(logVar / 2) / 2. */
    static void reparameteriseBackward(float[] q, float[] eps, float[] dz, float[] dq, int batch, int perImage) {
        for (int b = 0; b < batch; b++) {
            int qBase = 2 * b * perImage;
            int zBase = b * perImage;
            for (int j = 0; j < perImage; j++) {
                float g = dz[zBase + j];
                dq[qBase + j] += g;
                dq[qBase + perImage + j] += g * eps[zBase + j] * 0.5f * (float) Math.exp(q[qBase + perImage + j] * 0.5f);
            }
        }
    }
}
