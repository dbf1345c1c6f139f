package org.lacuna.model;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * The probability pieces of the model as small pure functions on graph variables (MODEL.md, "Loss"):
 * the reparameterised diagonal Gaussian, its closed-form KL, and the discretised logistic likelihood.
 * Each returns element-wise values; the callers sum over the dimensions they model. The discretised logistic has its
 * one home here: the graph's ops, the same log-probability with its gradient in plain Java (for the oneDNN training
 * plan's loss heads), and a draw from it (for a completion's grain).
 */
public final class Distributions {

    /** Lower clamp of the logistic's log-scale. */
    public static final double MIN_LOG_SCALE = -7.0;
    /** Half the width of one of the 256 bins on [-1, 1]. */
    public static final double BIN_HALF_WIDTH = 1.0 / 255.0;
    /** Values beyond these are the edge bins 0 and 255, open to minus and plus infinity. */
    private static final double EDGE = 0.999;
    /** Below this bin probability, the density at the bin centre times the bin width is used instead (float32 safety). */
    private static final double MIN_BIN_PROBABILITY = 1e-5;
    private static final double LOG_BIN_WIDTH = Math.log(2.0 * BIN_HALF_WIDTH);

    private Distributions() {
    }

    /**
     * log(1 + exp(a)) computed as max(a, 0) + log1p(exp(-|a|)), which neither overflows nor loses the small tail.
     * (ND4J's softplus computes log(1 + exp(a)) directly: it overflows to infinity beyond a = 88 in float32.)
     */
    public static SDVariable softplus(SDVariable a) {
        SameDiff sd = a.getSameDiff();
        return sd.nn().relu(a, 0.0).add(sd.math().log1p(sd.math().exp(sd.math().abs(a).neg())));
    }

    /** z = mu + exp(logVar / 2) * eps. */
    public static SDVariable reparameterise(SDVariable mu, SDVariable logVar, SDVariable eps) {
        SameDiff sd = mu.getSameDiff();
        return mu.add(sd.math().exp(logVar.mul(0.5)).mul(eps));
    }

    /**
     * KL( N(muQ, exp(logVarQ)) || N(muP, exp(logVarP)) ) per unit:
     * 0.5 * (logVarP - logVarQ + (exp(logVarQ) + (muQ - muP)^2) / exp(logVarP) - 1).
     */
    public static SDVariable gaussianKl(SDVariable muQ, SDVariable logVarQ, SDVariable muP, SDVariable logVarP) {
        SameDiff sd = muQ.getSameDiff();
        SDVariable diff = muQ.sub(muP);
        SDVariable ratio = sd.math().exp(logVarQ).add(diff.mul(diff)).mul(sd.math().exp(logVarP.neg()));
        return logVarP.sub(logVarQ).add(ratio).sub(1.0).mul(0.5);
    }

    /**
     * log N(z; mu, exp(logVar)) per unit: -0.5 * (log(2 pi) + logVar + (z - mu)^2 / exp(logVar)).
     */
    public static SDVariable gaussianLogDensity(SDVariable z, SDVariable mu, SDVariable logVar) {
        SameDiff sd = z.getSameDiff();
        SDVariable diff = z.sub(mu);
        return diff.mul(diff).mul(sd.math().exp(logVar.neg())).add(logVar).add(Math.log(2.0 * Math.PI)).mul(-0.5);
    }

    /**
     * log N(z; mu, exp(logVar)) per unit for z = mu + exp(logVar / 2) * eps, written with eps: (z - mu)^2 / exp(logVar)
     * is eps^2 exactly, which avoids the rounding of subtracting mu back out.
     */
    public static SDVariable gaussianLogDensityOfNoise(SDVariable eps, SDVariable logVar) {
        return eps.mul(eps).add(logVar).add(Math.log(2.0 * Math.PI)).mul(-0.5);
    }

    /**
     * log P(x) of a discretised logistic per sub-pixel, as in PixelCNN++: x in [-1, 1] on the 256-level grid,
     * mean and log-scale (clamped at {@link #MIN_LOG_SCALE}) predicted; bins of half-width 1/255; the edge bins
     * extend to infinity.
     */
    public static SDVariable discretisedLogisticLogProb(SDVariable x, SDVariable mean, SDVariable rawLogScale) {
        SameDiff sd = x.getSameDiff();
        SDVariable logScale = sd.scalarMax(rawLogScale, MIN_LOG_SCALE);
        SDVariable invScale = sd.math().exp(logScale.neg());
        SDVariable centred = x.sub(mean);
        SDVariable plusIn = centred.add(BIN_HALF_WIDTH).mul(invScale);
        SDVariable minIn = centred.sub(BIN_HALF_WIDTH).mul(invScale);
        SDVariable midIn = centred.mul(invScale);

        // log sigmoid(a) = a - softplus(a); log (1 - sigmoid(b)) = -softplus(b)
        SDVariable logCdfPlus = plusIn.sub(softplus(plusIn));
        SDVariable logOneMinusCdfMin = softplus(minIn).neg();
        SDVariable cdfDelta = sd.nn().sigmoid(plusIn).sub(sd.nn().sigmoid(minIn));
        SDVariable logCdfDelta = sd.math().log(sd.scalarMax(cdfDelta, 1e-12));
        // log density at the centre times the bin width (2/255): midIn - logScale - 2 softplus(midIn) + log(2/255)
        SDVariable logPdfMid = midIn.sub(logScale).sub(softplus(midIn).mul(2.0)).add(LOG_BIN_WIDTH);

        SDVariable useDelta = cdfDelta.gt(MIN_BIN_PROBABILITY).castTo(x.dataType());
        SDVariable interior = logCdfDelta.mul(useDelta).add(logPdfMid.mul(useDelta.rsub(1.0)));
        SDVariable low = x.lt(-EDGE).castTo(x.dataType());
        SDVariable high = x.gt(EDGE).castTo(x.dataType());
        SDVariable middle = low.add(high).rsub(1.0);
        return logCdfPlus.mul(low).add(logOneMinusCdfMin.mul(high)).add(interior.mul(middle));
    }

    // ---------------------------------------------------------------- the same logistic in plain Java

    /**
     * log P(x) of one sub-pixel under the discretised logistic (mean, raw log-scale), and its derivatives with
     * respect to the mean ({@code grad[0]}) and the raw log-scale ({@code grad[1]}).
     */
    static double logisticLogProb(double x, double mean, double rawLogScale, double[] grad) {
        boolean clamped = rawLogScale < MIN_LOG_SCALE;
        double s = clamped ? MIN_LOG_SCALE : rawLogScale;
        double inv = Math.exp(-s);
        double c = x - mean;
        double a = (c + BIN_HALF_WIDTH) * inv;
        double bIn = (c - BIN_HALF_WIDTH) * inv;
        double value;
        double dA = 0;
        double dB = 0;
        double dMid = 0;
        double dS = 0;
        double d = c * inv;
        if (x < -EDGE) {
            value = a - softplus(a);
            dA = sigmoid(-a);
        } else if (x > EDGE) {
            value = -softplus(bIn);
            dB = -sigmoid(bIn);
        } else {
            double sa = sigmoid(a);
            double sb = sigmoid(bIn);
            double delta = sa - sb;
            if (delta > MIN_BIN_PROBABILITY) {
                value = Math.log(delta);
                dA = sa * (1 - sa) / delta;
                dB = -sb * (1 - sb) / delta;
            } else {
                value = d - s - 2 * softplus(d) + LOG_BIN_WIDTH;
                dMid = 1 - 2 * sigmoid(d);
                dS = -1;
            }
        }
        // a, b and the midpoint all move by -inv with the mean and by minus themselves with the log-scale
        grad[0] = -inv * (dA + dB + dMid);
        grad[1] = clamped ? 0 : dS - (dA * a + dB * bIn + dMid * d);
        return value;
    }

    private static double softplus(double a) {
        return Math.max(a, 0) + Math.log1p(Math.exp(-Math.abs(a)));
    }

    private static double sigmoid(double a) {
        return a >= 0 ? 1 / (1 + Math.exp(-a)) : Math.exp(a) / (1 + Math.exp(a));
    }

    /**
     * A draw from the logistic of a sub-pixel (mean, raw log-scale, clamped as the likelihood clamps it) with its
     * scale times {@code temperature}, given a uniform u in (0, 1); clamped to [-1, 1].
     */
    public static double drawLogistic(double mean, double rawLogScale, double u, double temperature) {
        double v = Math.max(1e-5, Math.min(1 - 1e-5, u));
        double scale = Math.exp(Math.max(rawLogScale, MIN_LOG_SCALE));
        return Math.max(-1.0, Math.min(1.0, mean + temperature * scale * Math.log(v / (1 - v))));
    }
}
