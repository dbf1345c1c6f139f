package org.lacuna.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.lacuna.config.Conditioning;
import org.lacuna.config.ModelConfig;
import org.lacuna.data.Raster;
import org.lacuna.data.SyntheticImages;
import org.lacuna.data.Tensors;
import org.lacuna.model.Hvae;
import org.lacuna.model.HvaeGraph;
import org.lacuna.model.TinyConfigs;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The graph's log-likelihood and log p(z) - log q(z) outputs, and the bounds built on them. */
class LikelihoodPassTest {

    private static final double LOG_2PI = Math.log(2 * Math.PI);

    static List<Raster> photos(int n, int side, int channels) {
        List<Raster> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            list.add(SyntheticImages.photo(side, side, channels, 100 + i));
        }
        return list;
    }

    static INDArray[] randomEps(ModelConfig config, int rows, long seed) {
        Nd4j.getRandom().setSeed(seed);
        INDArray[] eps = new INDArray[config.levelCount()];
        for (int l = 1; l <= config.levelCount(); l++) {
            long[] s = config.latentShape(l);
            eps[l - 1] = Nd4j.randn(DataType.DOUBLE, rows, s[0], s[1], s[2]);
        }
        return eps;
    }

    /** Sets every prior and posterior head to a constant Gaussian: weights 0, biases (mean, log-variance) per level. */
    static void constantHeads(Hvae model, double[] qMean, double[] qLogVar, double[] pMean, double[] pLogVar) {
        for (int l = 1; l <= model.config().levelCount(); l++) {
            int k = model.config().level(l).channels();
            model.variable("q" + l + ".weight").assign(0);
            model.variable("p" + l + ".weight").assign(0);
            INDArray qb = model.variable("q" + l + ".bias"), pb = model.variable("p" + l + ".bias");
            for (int c = 0; c < k; c++) {
                qb.putScalar(c, qMean[l - 1]);
                qb.putScalar(k + c, qLogVar[l - 1]);
                pb.putScalar(c, pMean[l - 1]);
                pb.putScalar(k + c, pLogVar[l - 1]);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Conditioning.class)
    void logWeightsMatchAHandComputationWhenEveryLatentDistributionIsKnown(Conditioning conditioning) {
        ModelConfig config = TinyConfigs.tiny(conditioning);
        Hvae model = Hvae.create(config, DataType.DOUBLE, 4);
        double[] qm = {0.3, -0.6}, qv = {-0.5, 0.2}, pm = {-0.2, 0.1}, pv = {0.4, -0.3};
        constantHeads(model, qm, qv, pm, pv);
        int rows = 3;
        INDArray x = Tensors.batch(photos(rows, 8, 1).toArray(Raster[]::new));
        INDArray[] eps = randomEps(config, rows, 8);
        Map<String, INDArray> out = model.outputs(x, eps, HvaeGraph.NELBO, HvaeGraph.LOGLIK,
                HvaeGraph.LOGPZ_MINUS_LOGQZ);
        for (int b = 0; b < rows; b++) {
            double ratio = 0, kl = 0;
            for (int l = 1; l <= config.levelCount(); l++) {
                double[] e = eps[l - 1].get(org.nd4j.linalg.indexing.NDArrayIndex.point(b)).dup().reshape(-1).toDoubleVector();
                double m = qm[l - 1], v = qv[l - 1], pMean = pm[l - 1], pVar = pv[l - 1];
                for (double n : e) {
                    double z = m + Math.exp(v / 2) * n;
                    double logP = -0.5 * (LOG_2PI + pVar + (z - pMean) * (z - pMean) / Math.exp(pVar));
                    double logQ = -0.5 * (LOG_2PI + v + (z - m) * (z - m) / Math.exp(v));
                    ratio += logP - logQ;
                    kl += 0.5 * (pVar - v + (Math.exp(v) + (m - pMean) * (m - pMean)) / Math.exp(pVar) - 1);
                }
            }
            assertEquals(ratio, out.get(HvaeGraph.LOGPZ_MINUS_LOGQZ).getDouble(b), 1e-9);
            assertEquals(out.get(HvaeGraph.NELBO).getDouble(b), -out.get(HvaeGraph.LOGLIK).getDouble(b) + kl, 1e-9);
        }
    }

    /** The Monte Carlo KL, log q - log p at the sampled z, averages to the closed-form KL of the same rows. */
    @Test
    void theMonteCarloKlAveragesToTheClosedForm() {
        ModelConfig config = TinyConfigs.tiny(Conditioning.EVERY_LEVEL);
        Hvae model = Hvae.create(config, DataType.DOUBLE, 6);
        int rows = 1000;
        Raster image = SyntheticImages.photo(8, 8, 1, 3);
        INDArray x = Tensors.batch(java.util.Collections.nCopies(rows, image).toArray(Raster[]::new));
        Map<String, INDArray> out = model.outputs(x, randomEps(config, rows, 17), HvaeGraph.NELBO, HvaeGraph.LOGLIK,
                HvaeGraph.LOGPZ_MINUS_LOGQZ);
        double[] diff = new double[rows];
        double meanKl = 0;
        for (int b = 0; b < rows; b++) {
            double closedForm = out.get(HvaeGraph.NELBO).getDouble(b) + out.get(HvaeGraph.LOGLIK).getDouble(b);
            diff[b] = -out.get(HvaeGraph.LOGPZ_MINUS_LOGQZ).getDouble(b) - closedForm;
            meanKl += closedForm / rows;
        }
        double mean = java.util.Arrays.stream(diff).average().orElseThrow();
        double sd = Math.sqrt(java.util.Arrays.stream(diff).map(d -> (d - mean) * (d - mean)).sum() / (rows - 1));
        assertTrue(meanKl > 0.3, "the untrained posterior should differ from the prior: KL " + meanKl);
        assertTrue(Math.abs(mean) < 4 * sd / Math.sqrt(rows), "MC KL - KL = " + mean + " +- " + sd / Math.sqrt(rows));
    }

    /** With q = p at every level both KL forms are 0, so the bound with one sample is the ELBO of the same noise. */
    @Test
    void withOneImportanceSampleTheBoundIsTheElboOfTheSameNoise() {
        ModelConfig config = TinyConfigs.tiny(Conditioning.EVERY_LEVEL);
        Hvae model = Hvae.create(config, DataType.DOUBLE, 2);
        constantHeads(model, new double[]{0.1, -0.2}, new double[]{0.3, -0.1}, new double[]{0.1, -0.2},
                new double[]{0.3, -0.1});
        List<Raster> images = photos(3, 8, 1);
        LikelihoodPass.Result r = new LikelihoodPass(model, new EvalOptions(2, 1, 9, 2)).run(images, 0);
        double[] bound = r.iwBound();
        for (int i = 0; i < images.size(); i++) {
            assertEquals(-r.nelbo()[i], bound[i], 1e-9);
            assertEquals(r.logWeights()[i][0], bound[i], 0);
        }
        // and end to end: bits/dim of the bound = bits/dim of the ELBO
        EvalReport report = Evaluator.evaluate(model, images, new EvalOptions(2, 1, 9, 2));
        assertEquals(report.bpd(), report.bpdIw(), 1e-9);
    }

    @Test
    void theNoiseOfEachDrawDependsOnlyOnTheSeedTheImageAndTheDraw() {
        Hvae model = Hvae.create(TinyConfigs.tiny(Conditioning.EVERY_LEVEL), DataType.DOUBLE, 3);
        List<Raster> images = photos(6, 8, 1);
        LikelihoodPass.Result one = new LikelihoodPass(model, new EvalOptions(2, 1, 5, 1)).run(images, 0);
        LikelihoodPass.Result eight = new LikelihoodPass(model, new EvalOptions(2, 8, 5, 16)).run(images, 0);
        LikelihoodPass.Result none = new LikelihoodPass(model, new EvalOptions(2, 0, 5, 4)).run(images, 0);
        assertArrayEquals(one.nelbo(), eight.nelbo(), 1e-9);
        assertArrayEquals(one.nelbo(), none.nelbo(), 1e-9);
        for (int i = 0; i < images.size(); i++) {
            assertEquals(one.logWeights()[i][0], eight.logWeights()[i][0], 1e-9);
            assertArrayEquals(none.posteriorMeans()[1][i], eight.posteriorMeans()[1][i], 1e-12);
        }
        // the last three images scored alone, as the second half of the data, get the same draws
        LikelihoodPass.Result tail = new LikelihoodPass(model, new EvalOptions(2, 8, 5, 16))
                .run(images.subList(3, 6), 3);
        assertEquals(eight.logWeights()[4][5], tail.logWeights()[1][5], 1e-9);
        // another seed, other draws
        LikelihoodPass.Result other = new LikelihoodPass(model, new EvalOptions(2, 1, 6, 1)).run(images, 0);
        assertTrue(Math.abs(other.nelbo()[0] - one.nelbo()[0]) > 1e-6);
    }

    @Test
    void eightImportanceSamplesGiveATighterBoundOnAverage() {
        Hvae model = Hvae.create(TinyConfigs.tiny(Conditioning.EVERY_LEVEL), 12);
        List<Raster> images = photos(16, 8, 1);
        LikelihoodPass.Result one = new LikelihoodPass(model, new EvalOptions(2, 1, 1, 32)).run(images, 0);
        LikelihoodPass.Result eight = new LikelihoodPass(model, new EvalOptions(2, 8, 1, 32)).run(images, 0);
        double elbo = 0, iw1 = 0, iw8 = 0;
        for (int i = 0; i < images.size(); i++) {
            elbo -= one.nelbo()[i];
            iw1 += one.iwBound()[i];
            iw8 += eight.iwBound()[i];
        }
        assertTrue(iw8 > elbo, "IW bound " + iw8 + " should be above the ELBO " + elbo);
        assertTrue(iw8 > iw1, "IW bound with K=8 " + iw8 + " should be above K=1 " + iw1);
    }

    @Test
    void logMeanExpIsStable() {
        assertEquals(3.0, LikelihoodPass.logMeanExp(new double[]{3.0}), 0);
        assertEquals(Math.log((Math.exp(1) + Math.exp(2)) / 2), LikelihoodPass.logMeanExp(new double[]{1, 2}), 1e-12);
        assertEquals(-1000 + Math.log((1 + Math.exp(-1)) / 2), LikelihoodPass.logMeanExp(new double[]{-1000, -1001}),
                1e-9);
    }
}
