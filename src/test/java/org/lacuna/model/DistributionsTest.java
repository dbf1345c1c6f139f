package org.lacuna.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class DistributionsTest {

    /** The 256 bin centres x_k = k / 127.5 - 1. */
    private static INDArray binCentres() {
        double[] x = new double[256];
        for (int k = 0; k < 256; k++) {
            x[k] = k / 127.5 - 1.0;
        }
        return Nd4j.create(x, new long[]{256}, DataType.DOUBLE);
    }

    @ParameterizedTest
    @CsvSource({"0.0,0.0", "0.0,-3.0", "-1.0,-2.0", "1.0,-5.0", "0.3,-7.0", "0.3017,-9.0", "-0.95,1.0",
            "0.5,-4.5", "2.0,-1.0", "-0.2,2.5"})
    void discretisedLogisticSumsToOneOverTheBins(double mean, double logScale) {
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.constant(binCentres());
        SDVariable m = sd.constant(Nd4j.valueArrayOf(new long[]{256}, mean, DataType.DOUBLE));
        SDVariable s = sd.constant(Nd4j.valueArrayOf(new long[]{256}, logScale, DataType.DOUBLE));
        SDVariable logp = Distributions.discretisedLogisticLogProb(x, m, s);
        double total = Nd4j.math().exp(logp.eval()).sumNumber().doubleValue();
        assertEquals(1.0, total, 1e-4);
    }

    @ParameterizedTest
    @CsvSource({"0.0,0.0,0.0,0.0", "0.5,-1.0,0.0,0.0", "-1.0,0.7,2.0,-0.5", "0.3,-2.0,-0.4,1.2"})
    void gaussianKlMatchesMonteCarlo(double muQ, double logVarQ, double muP, double logVarP) {
        SameDiff sd = SameDiff.create();
        SDVariable kl = Distributions.gaussianKl(sd.constant(Nd4j.scalar(muQ)), sd.constant(Nd4j.scalar(logVarQ)),
                sd.constant(Nd4j.scalar(muP)), sd.constant(Nd4j.scalar(logVarP)));
        double closedForm = kl.eval().getDouble(0);

        SplittableRandom rng = new SplittableRandom(42);
        int n = 400_000;
        double sum = 0, sumSq = 0;
        double sq = Math.exp(0.5 * logVarQ), sp = Math.exp(0.5 * logVarP);
        for (int i = 0; i < n; i++) {
            double z = muQ + sq * rng.nextGaussian();
            double d = logNormal(z, muQ, sq) - logNormal(z, muP, sp);
            sum += d;
            sumSq += d * d;
        }
        double mc = sum / n;
        double standardError = Math.sqrt((sumSq / n - mc * mc) / n);
        assertEquals(mc, closedForm, 4 * standardError + 1e-9);
    }

    private static double logNormal(double z, double mu, double sigma) {
        double u = (z - mu) / sigma;
        return -0.5 * u * u - Math.log(sigma) - 0.5 * Math.log(2 * Math.PI);
    }
}
