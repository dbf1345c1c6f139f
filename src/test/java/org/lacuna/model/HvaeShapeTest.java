package org.lacuna.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.lacuna.config.Conditioning;
import org.lacuna.config.Presets;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class HvaeShapeTest {

    @Test
    void coco64HasTheDesignsParameterCount() {
        assertEquals(2_591_430L, Hvae.create(Presets.COCO64, 1).parameterCount());
    }

    @Test
    void coco64TopOnlyHasTheDesignsParameterCount() {
        Hvae model = Hvae.create(Presets.COCO64.withConditioning(Conditioning.TOP_ONLY), 1);
        assertEquals(2_361_030L, model.parameterCount());
    }

    @Test
    void parameterNamesFollowTheDesignOrder() {
        Hvae model = Hvae.create(Presets.COCO64, 1);
        List<String> convs = model.convs().stream().map(ConvSpec::name).toList();
        assertEquals(List.of("E.c64", "E.d32", "E.d16", "E.c16", "E.d8", "E.c8", "E.d4", "E.c4",
                "C.c64", "C.d32", "C.d16", "C.c16", "C.d8", "C.c8", "C.d4", "C.c4",
                "q1", "q2", "q3", "p3", "h4", "u8", "h8", "p2", "h8z", "u16", "h16", "p1", "h16z",
                "u32", "h32", "u64", "h64", "out"), convs);
        assertArrayEquals(new long[]{128, 160, 3, 3}, model.parameter("h4.weight").shape());
        assertArrayEquals(new long[]{32, 64, 3, 3}, model.parameter("h64.weight").shape());
        assertArrayEquals(new long[]{6}, model.parameter("out.bias").shape());
    }

    @Test
    void forwardPassGivesFiniteLossTerms() {
        Hvae model = Hvae.create(Presets.FASHION32, 3);
        INDArray x = Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 2, 1, 32, 32).muli(2).subi(1);
        INDArray[] eps = new INDArray[3];
        for (int l = 1; l <= 3; l++) {
            long[] s = model.config().latentShape(l);
            eps[l - 1] = Nd4j.randn(org.nd4j.linalg.api.buffer.DataType.FLOAT, 2, s[0], s[1], s[2]);
        }
        LossTerms t = model.evaluate(x, eps, 1.0);
        assertTrue(Double.isFinite(t.loss()) && t.recon() > 0, t.toString());
        assertEquals(t.recon() + t.klTotal(), t.loss(), 1e-3 * Math.abs(t.loss()));
        assertEquals(t.loss() / (16 * 16 * Math.log(2)), t.bpd(), 1e-3 * t.bpd());
        INDArray[] sEps = new INDArray[3];
        for (int l = 1; l <= 3; l++) {
            long[] s = model.config().latentShape(l);
            sEps[l - 1] = Nd4j.randn(org.nd4j.linalg.api.buffer.DataType.FLOAT, 5, s[0], s[1], s[2]);
        }
        INDArray means = model.sampleMeans(x.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 1)), sEps);
        assertArrayEquals(new long[]{5, 1, 32, 32}, means.shape());
    }
}
