package org.lacuna.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lacuna.config.Conditioning;
import org.lacuna.config.ModelConfig;
import org.lacuna.train.TestBatches;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.internal.SameDiffOp;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Golden checks of MODEL.md's "Weight names and layout" without any other framework: weights set by a formula,
 * one conv of the built graph evaluated, and the same cross-correlation computed by a plain Java loop over the
 * weights in their exported layout [out, in, kH, kW] (padding 1, the conv's stride). Also the channel order of a
 * concatenation (z before C) and nearest-neighbour x2 upsampling.
 *
 * <p>The graph does not name its intermediate variables, so they are found by structure: a parameter's weight is
 * read directly (ND4J's [kH, kW, in, out] layout inside the graph), or through a channel slice in split convs, by a conv2d op.
 * The first such conv2d in the graph's op order belongs to the training path (built before the sampling path).
 */
class WeightLayoutTest {

    private static final double TOL = 1e-9;

    private final ModelConfig config = TinyConfigs.tiny(Conditioning.EVERY_LEVEL);
    private Hvae model;
    private INDArray x;
    private INDArray[] eps;

    @BeforeEach
    void setUp() {
        model = Hvae.create(config, DataType.DOUBLE, 5);
        // every weight by the formula, damped by its fan-in so the whole graph stays finite
        for (ConvSpec c : model.convs()) {
            setByFormula(c, 1.0 / (c.in() * 9));
        }
        x = TestBatches.images(config, 2, 11).castTo(DataType.DOUBLE);
        eps = TestBatches.noise(config, 2, 12);
    }

    @Test
    void theFirstConvOfTheTrunkIsTheLoopOverTheExportedLayout() {
        ConvSpec c = spec("E.c8");
        setByFormula(c, 1.0);
        SameDiffOp conv = firstConvReading("E.c8.weight");
        assertEquals(1, stride(conv));
        Map<String, INDArray> out = eval(conv.getInputsToOp().get(0), conv.getOutputsOfOp().get(0));
        assertEquals(x, out.get(conv.getInputsToOp().get(0)), "the first conv of E reads the image itself");
        INDArray expected = crossCorrelation(x, model.parameter("E.c8.weight"), model.parameter("E.c8.bias"), 1);
        assertClose(expected, out.get(conv.getOutputsOfOp().get(0)));
    }

    @Test
    void aDownConvHasStrideTwoAndPaddingOne() {
        setByFormula(spec("E.d4"), 1.0);
        SameDiffOp conv = firstConvReading("E.d4.weight");
        assertEquals(2, stride(conv));
        String in = conv.getInputsToOp().get(0), y = conv.getOutputsOfOp().get(0);
        Map<String, INDArray> out = eval(in, y);
        assertArrayEquals(new long[]{2, 4, 4, 4}, out.get(y).shape());
        assertClose(crossCorrelation(out.get(in), model.parameter("E.d4.weight"), model.parameter("E.d4.bias"), 2),
                out.get(y));
    }

    @Test
    void theTopConvReadsZFirstThenC() {
        // q2 zeroed: z2 = 0 + exp(0) * eps2 = eps2 exactly, so z2 depends on the noise alone
        model.variable("q2.weight").assign(0);
        model.variable("q2.bias").assign(0);
        setByFormula(spec("h2"), 1.0);
        SameDiffOp conv = firstConvReading("h2.weight");
        String c2 = activationAfter(firstConvReading("C.c2.weight"));
        String y = conv.getOutputsOfOp().get(0);
        Map<String, INDArray> out = eval(c2, y);
        INDArray z2 = eps[1].castTo(DataType.DOUBLE);
        INDArray concat = Nd4j.concat(1, z2, out.get(c2));
        assertClose(crossCorrelation(concat, model.parameter("h2.weight"), model.parameter("h2.bias"), 1), out.get(y));

        // weights only on the first 3 input channels (z2's): the conv follows the noise and ignores the border
        assertEquals(7, spec("h2").in());
        INDArray zOnly = model.parameter("h2.weight");
        zOnly.get(all(), org.nd4j.linalg.indexing.NDArrayIndex.interval(3, 7), all(), all()).assign(0);
        model.setParameters(Map.of("h2.weight", zOnly));
        INDArray base = eval(y).get(y);
        INDArray otherImage = TestBatches.images(config, 2, 99).castTo(DataType.DOUBLE);
        INDArray withOtherBorder = model.graph().output(model.trainingInputs(otherImage, eps, 1.0), y).get(y);
        assertClose(base, withOtherBorder);
        INDArray[] otherNoise = TestBatches.noise(config, 2, 98);
        INDArray withOtherZ = model.graph().output(model.trainingInputs(x, otherNoise, 1.0), y).get(y);
        assertTrue(base.sub(withOtherZ).amaxNumber().doubleValue() > 1e-3, "the z channels are read");
    }

    @Test
    void upsamplingRepeatsEachPixelTwoByTwoBeforeTheUConv() {
        setByFormula(spec("u4"), 1.0);
        SameDiffOp conv = firstConvReading("u4.weight");
        String previous = activationAfter(firstConvReading("h2.weight"));
        String up = conv.getInputsToOp().get(0), y = conv.getOutputsOfOp().get(0);
        Map<String, INDArray> out = eval(previous, up, y);
        INDArray h = out.get(previous);
        INDArray repeated = Nd4j.create(DataType.DOUBLE, 2, h.size(1), 4, 4);
        for (int b = 0; b < 2; b++) {
            for (int ch = 0; ch < h.size(1); ch++) {
                for (int r = 0; r < 4; r++) {
                    for (int col = 0; col < 4; col++) {
                        repeated.putScalar(new long[]{b, ch, r, col}, h.getDouble(b, ch, r / 2, col / 2));
                    }
                }
            }
        }
        assertClose(repeated, out.get(up));
        assertClose(crossCorrelation(repeated, model.parameter("u4.weight"), model.parameter("u4.bias"), 1),
                out.get(y));
    }

    // ---------------------------------------------------------------- helpers

    private static org.nd4j.linalg.indexing.INDArrayIndex all() {
        return org.nd4j.linalg.indexing.NDArrayIndex.all();
    }

    private ConvSpec spec(String name) {
        return model.convs().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    /** w[o][i][r][c] = sin(o + 2i + 3r + 5c) * scale, bias[o] = 0.1 * o. */
    private void setByFormula(ConvSpec c, double scale) {
        INDArray w = Nd4j.create(DataType.DOUBLE, c.weightShape());
        for (int o = 0; o < c.out(); o++) {
            for (int i = 0; i < c.in(); i++) {
                for (int r = 0; r < 3; r++) {
                    for (int col = 0; col < 3; col++) {
                        w.putScalar(new long[]{o, i, r, col}, Math.sin(o + 2 * i + 3 * r + 5 * col) * scale);
                    }
                }
            }
        }
        INDArray b = Nd4j.create(DataType.DOUBLE, c.out());
        for (int o = 0; o < c.out(); o++) {
            b.putScalar(o, 0.1 * o);
        }
        model.setParameters(Map.of(c.weightName(), w, c.biasName(), b));
    }

    /** out[b][o][y][x] = bias[o] + sum_{i,r,c} w[o][i][r][c] * in[b][i][y*s + r - 1][x*s + c - 1], zero padded. */
    static INDArray crossCorrelation(INDArray in, INDArray w, INDArray bias, int stride) {
        long batch = in.size(0), channels = in.size(1), n = in.size(2), outs = w.size(0);
        assertEquals(channels, w.size(1));
        long m = (n + 2 - 3) / stride + 1;
        INDArray out = Nd4j.create(DataType.DOUBLE, batch, outs, m, m);
        for (long b = 0; b < batch; b++) {
            for (long o = 0; o < outs; o++) {
                for (long y = 0; y < m; y++) {
                    for (long xx = 0; xx < m; xx++) {
                        double sum = bias.getDouble(o);
                        for (long i = 0; i < channels; i++) {
                            for (int r = 0; r < 3; r++) {
                                for (int c = 0; c < 3; c++) {
                                    long yy = y * stride + r - 1, xc = xx * stride + c - 1;
                                    if (yy >= 0 && yy < n && xc >= 0 && xc < n) {
                                        sum += w.getDouble(o, i, r, c) * in.getDouble(b, i, yy, xc);
                                    }
                                }
                            }
                        }
                        out.putScalar(new long[]{b, o, y, xx}, sum);
                    }
                }
            }
        }
        return out;
    }

    /** The conv2d ops that read a weight (directly, or through a channel slice in split convs), in op order. */
    static List<SameDiffOp> convsReading(SameDiff sd, String weight) {
        List<SameDiffOp> convs = new ArrayList<>();
        List<String> frontier = new ArrayList<>(List.of(weight));
        for (int depth = 0; depth < 3 && !frontier.isEmpty(); depth++) {
            List<String> next = new ArrayList<>();
            for (SameDiffOp op : sd.getOps().values()) {
                if (op.getInputsToOp() == null || op.getInputsToOp().stream().noneMatch(frontier::contains)) {
                    continue;
                }
                String kind = op.getOp().opName();
                if (kind.equals("conv2d")) {
                    convs.add(op);
                } else if (kind.equals("permute") || kind.equals("strided_slice")) {
                    next.addAll(op.getOutputsOfOp());
                }
            }
            frontier = next;
        }
        List<SameDiffOp> ordered = new ArrayList<>(sd.getOps().values());
        ordered.retainAll(convs);
        return ordered;
    }

    private SameDiffOp firstConvReading(String weight) {
        List<SameDiffOp> convs = convsReading(model.graph(), weight);
        assertTrue(!convs.isEmpty(), "no conv2d reads " + weight);
        return convs.get(0);
    }

    /** The output of the ELU applied to a conv's output. */
    private String activationAfter(SameDiffOp conv) {
        String y = conv.getOutputsOfOp().get(0);
        for (SameDiffOp op : model.graph().getOps().values()) {
            if (op.getOp().opName().equals("elu") && op.getInputsToOp().contains(y)) {
                return op.getOutputsOfOp().get(0);
            }
        }
        throw new AssertionError("no ELU after " + y);
    }

    private static int stride(SameDiffOp conv) {
        var cfg = ((org.nd4j.linalg.api.ops.impl.layers.convolution.Conv2D) conv.getOp()).getConfig();
        assertEquals(cfg.getSH(), cfg.getSW());
        assertEquals(1, cfg.getPH());
        assertEquals(3, cfg.getKH());
        return (int) cfg.getSH();
    }

    private Map<String, INDArray> eval(String... names) {
        return model.graph().output(model.trainingInputs(x, eps, 1.0), names);
    }

    private static void assertClose(INDArray expected, INDArray actual) {
        assertArrayEquals(expected.shape(), actual.shape());
        double diff = expected.castTo(DataType.DOUBLE).sub(actual.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
        assertTrue(diff < TOL, "max difference " + diff);
    }
}
