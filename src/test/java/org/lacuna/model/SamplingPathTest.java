package org.lacuna.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.lacuna.config.Conditioning;
import org.lacuna.config.ModelConfig;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The sampling path (border trunk at batch 1, split convs with broadcast border halves) must decode exactly what
 * the training path (one conv over each concatenation) decodes for the same z. With every prior and posterior
 * head zeroed, both draw z = eps, so their outputs must agree.
 */
class SamplingPathTest {

    @ParameterizedTest
    @EnumSource(Conditioning.class)
    void samplingPathDecodesLikeTheTrainingPath(Conditioning conditioning) {
        ModelConfig config = TinyConfigs.small().withConditioning(conditioning);
        Hvae model = Hvae.create(config, DataType.DOUBLE, 21);
        for (int l = 1; l <= config.levelCount(); l++) {
            for (String head : new String[]{"p" + l, "q" + l}) {
                model.variable(head + ".weight").assign(0);
                model.variable(head + ".bias").assign(0);
            }
        }
        Nd4j.getRandom().setSeed(3);
        int n = 5;
        INDArray image = Nd4j.rand(DataType.DOUBLE, 1, 3, 16, 16).muli(2).subi(1);
        INDArray[] eps = new INDArray[config.levelCount()];
        for (int l = 1; l <= config.levelCount(); l++) {
            long[] s = config.latentShape(l);
            eps[l - 1] = Nd4j.randn(DataType.DOUBLE, n, s[0], s[1], s[2]);
        }
        INDArray sampled = model.sampleMeans(image, eps);
        INDArray repeated = Nd4j.concat(0, image, image, image, image, image);
        INDArray trained = model.outputs(repeated, eps, HvaeGraph.X_MEAN).get(HvaeGraph.X_MEAN);
        assertEquals(0.0, sampled.sub(trained).amaxNumber().doubleValue(), 1e-10);

        // and each completion is independent of the others in its batch
        INDArray[] first = new INDArray[eps.length];
        for (int i = 0; i < eps.length; i++) {
            first[i] = eps[i].get(NDArrayIndex.interval(0, 1)).dup();
        }
        INDArray alone = model.sampleMeans(image, first);
        assertEquals(0.0, alone.sub(sampled.get(NDArrayIndex.interval(0, 1))).amaxNumber().doubleValue(), 1e-12);
    }
}
