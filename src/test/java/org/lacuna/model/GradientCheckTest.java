package org.lacuna.model;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.lacuna.config.Conditioning;
import org.lacuna.config.ModelConfig;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Central-difference check of the graph's gradients for every parameter of a tiny double-precision model
 * (SameDiff's GradCheckUtil cannot handle placeholders).
 */
class GradientCheckTest {

    private static final double H = 1e-5;
    /** The loss is a sum of about a hundred nats: its double rounding puts a floor of about 1e-7 under the numeric slopes. */
    private static final double ABSOLUTE_TOLERANCE = 1e-6;
    private static final double RELATIVE_TOLERANCE = 1e-4;

    @ParameterizedTest
    @EnumSource(Conditioning.class)
    void analyticGradientsMatchCentralDifferences(Conditioning conditioning) {
        ModelConfig config = TinyConfigs.tiny(conditioning);
        Hvae model = Hvae.create(config, DataType.DOUBLE, 11);
        SplittableRandom rng = new SplittableRandom(5);
        int batch = 2;
        INDArray x = Nd4j.create(DataType.DOUBLE, batch, 1, 8, 8);
        for (long i = 0; i < x.length(); i++) {
            x.putScalar(i, rng.nextInt(256) / 127.5 - 1.0); // on the pixel grid, edge bins included
        }
        INDArray[] eps = new INDArray[config.levelCount()];
        for (int l = 1; l <= config.levelCount(); l++) {
            long[] s = config.latentShape(l);
            eps[l - 1] = Nd4j.create(DataType.DOUBLE, batch, s[0], s[1], s[2]);
            for (long i = 0; i < eps[l - 1].length(); i++) {
                eps[l - 1].putScalar(i, gaussian(rng));
            }
        }
        Map<String, INDArray> inputs = model.trainingInputs(x, eps, 0.7);
        List<String> names = model.parameterNames();
        Map<String, INDArray> grads = model.gradients(inputs, List.of(HvaeGraph.LOSS)).getGradients();

        List<String> failures = new ArrayList<>();
        int checked = 0;
        for (String name : names) {
            INDArray param = model.variable(name);
            INDArray grad = grads.get(name);
            long n = param.length();
            int probes = (int) Math.min(n, 4);
            for (int p = 0; p < probes; p++) {
                long i = p == 0 ? 0 : rng.nextLong(n);
                double original = param.getDouble(i);
                param.putScalar(i, original + H);
                double plus = loss(model, inputs);
                param.putScalar(i, original - H);
                double minus = loss(model, inputs);
                param.putScalar(i, original);
                double numeric = (plus - minus) / (2 * H);
                double analytic = grad.getDouble(i);
                double difference = Math.abs(numeric - analytic);
                if (difference > ABSOLUTE_TOLERANCE + RELATIVE_TOLERANCE * Math.abs(numeric)) {
                    failures.add(name + "[" + i + "] analytic " + analytic + " numeric " + numeric);
                }
                checked++;
            }
        }
        assertTrue(checked > 4 * names.size() / 2, "checked " + checked);
        assertTrue(failures.isEmpty(), failures.size() + " of " + checked + " gradients differ: " + failures);
    }

    private static double loss(Hvae model, Map<String, INDArray> inputs) {
        return model.graph().output(inputs, HvaeGraph.LOSS).get(HvaeGraph.LOSS).getDouble(0);
    }

    private static double gaussian(SplittableRandom rng) {
        double u1 = rng.nextDouble(), u2 = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
    }
}
