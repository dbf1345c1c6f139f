package org.lacuna.model;

import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_BIAS;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_BIAS;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_WEIGHTS;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_WEIGHTS;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.bytedeco.dnnl.IntMemoryMap;
import org.bytedeco.dnnl.convolution_backward_data;
import org.bytedeco.dnnl.convolution_backward_weights;
import org.bytedeco.dnnl.convolution_forward;
import org.bytedeco.dnnl.eltwise_backward;
import org.bytedeco.dnnl.eltwise_forward;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.resampling_backward;
import org.bytedeco.dnnl.resampling_forward;
import org.bytedeco.dnnl.global.dnnl.algorithm;
import org.bytedeco.dnnl.global.dnnl.prop_kind;
import org.bytedeco.javacpp.Pointer;
import org.lacuna.config.ModelConfig;

/**
 * One batch size's training step of {@link HvaeGraph}'s training path on oneDNN's primitives: the forward pass,
 * the loss ({@link LossHeads}) and the backward pass to every parameter, built once as a fixed list of steps over
 * memories allocated once. Weights are read from, and their gradients written to, two flat float buffers in the
 * design's order and layout ({@link DirectTraining}): each step starts by reordering the weights into the layouts
 * the primitives chose.
 *
 * <p>The graph is the same as HvaeGraph's: both trunks (the border input c = concat(x (1 - M), M) as one 4-channel
 * input), the heads, the top-down path with its concatenations computed as sums of convs over the parts (conv is
 * linear in its input channels; the bias goes with the part computed first), ELU fused into each conv, nearest
 * upsampling. Activations stay in oneDNN's layouts; a tensor read by several convs gets the sum of their gradients.
 */
final class TrainingPlan implements AutoCloseable {

    private static final long[] ONE = {1, 1};
    private static final long[] TWO = {2, 2};

    private final ModelConfig config;
    private final int batch;
    private final DnnlKit kit;
    private final Map<String, Long> offsets;
    private final Pointer params;
    private final Pointer grads;
    private final List<Op> ops = new ArrayList<>();
    private final LossHeads loss;
    private final int levels;
    private final int forwardEnd;

    private final memory xMem;
    private final memory cMem;
    private final float[] xValues;
    private final float[] cValues;
    private final float[] maskValues;
    private final Head[] q;
    private final Head[] p;
    private final T[] z;
    private final float[][] zValues;
    private final float[][] dzValues;
    private final float[][] eps;
    private Head out;

    private double beta;
    private LossTerms terms;
    private double[] nelbo;

    /** Something in the step's graph whose backward steps are added in reverse order of the forward ones. */
    private interface Op {
        void backward();
    }

    /** A tensor of the step: its value, and the gradient of the loss with respect to it, summed over its readers. */
    private final class T {
        final memory value;
        final long[] dims;
        final boolean needsGrad;
        private memory diff;
        private boolean written;

        T(memory value, long[] dims, boolean needsGrad) {
            this.value = value;
            this.dims = dims;
            this.needsGrad = needsGrad;
        }

        int channels() {
            return (int) dims[1];
        }

        memory diff() {
            if (diff == null) {
                diff = kit.memory(value.get_desc());
            }
            return diff;
        }

        /** Where a gradient of layout {@code d} is to be written: the diff itself when it is the first, else a temp. */
        memory target(memory.desc d) {
            return !written && d.equals(value.get_desc()) ? diff() : kit.memory(d);
        }

        /** Adds the gradient written into {@code m} (by a step just added) to the diff. */
        void commit(memory m) {
            if (m == diff) {
                written = true;
                return;
            }
            if (!written) {
                kit.reorderStep(m, diff());
                written = true;
                return;
            }
            memory addend = m;
            if (!m.get_desc().equals(diff().get_desc())) {
                addend = kit.memory(diff().get_desc());
                kit.reorderStep(m, addend);
            }
            kit.addStep(diff(), addend);
        }
    }

    /** A head read by Java: the conv's output, its plain copy, and the plain gradient Java writes for it. */
    private final class Head implements Op {
        final T tensor;
        final memory plain;
        final float[] values;
        final memory plainDiff;
        final float[] diffValues;

        Head(T tensor) {
            this.tensor = tensor;
            plain = kit.memory(DnnlKit.plainDesc(tensor.dims));
            kit.reorderStep(tensor.value, plain);
            int n = Math.toIntExact(tensor.dims[0] * tensor.dims[1] * tensor.dims[2] * tensor.dims[3]);
            values = new float[n];
            plainDiff = kit.memory(DnnlKit.plainDesc(tensor.dims));
            diffValues = new float[n];
            ops.add(this);
        }

        void read() {
            DnnlKit.read(plain, values);
        }

        @Override
        public void backward() {
            kit.javaStep(() -> DnnlKit.write(plainDiff, diffValues));
            tensor.commit(plainDiff);
        }
    }

    /**
     * @param offsets every parameter's offset (in floats) in the flat buffers, by design name
     * @param params  the flat weights (design order and layout), read at the start of every step
     * @param grads   the flat gradients, every entry written by every {@link #step}
     */
    TrainingPlan(ModelConfig config, int batch, Map<String, Long> offsets, Pointer params, Pointer grads) {
        this(config, batch, offsets, params, grads, Precision.FLOAT32);
    }

    /**
     * @param precision the convs' number format: with bfloat16, activations, their gradients and the convs' weight
     *                  copies are bf16; the heads (q, p, out) are written as float32, and the weight and bias
     *                  gradients are accumulated into float32
     */
    TrainingPlan(ModelConfig config, int batch, Map<String, Long> offsets, Pointer params, Pointer grads,
            Precision precision) {
        this.kit = new DnnlKit(precision);
        this.config = config;
        this.batch = batch;
        this.offsets = offsets;
        this.params = params;
        this.grads = grads;
        this.levels = config.levelCount();
        this.loss = new LossHeads(config, batch);
        int size = config.imageSize();
        this.maskValues = new float[batch * size * size];
        long[] xDims = {batch, config.channels(), size, size};
        long[] cDims = {batch, config.borderChannels(), size, size};
        xMem = kit.memory(DnnlKit.plainDesc(xDims));
        cMem = kit.memory(DnnlKit.plainDesc(cDims));
        xValues = new float[Math.toIntExact(xDims[1] * size * size * batch)];
        cValues = new float[Math.toIntExact(cDims[1] * size * size * batch)];
        q = new Head[levels + 1];
        p = new Head[levels + 1];
        z = new T[levels + 1];
        zValues = new float[levels + 1][];
        dzValues = new float[levels + 1][];
        eps = new float[levels + 1][];

        // the recognition trunk and heads, then z for every level from them and the noise
        List<T> e = Network.trunk(config, "E", List.of(new T(xMem, xDims, false)), network);
        List<T> heads = Network.posteriorHeads(config, e, network);
        for (int l = 1; l <= levels; l++) {
            int k = config.level(l).channels();
            q[l] = new Head(heads.get(l - 1));
            long[] zd = {batch, k, q[l].tensor.dims[2], q[l].tensor.dims[3]};
            z[l] = new T(kit.memory(DnnlKit.plainDesc(zd)), zd, true);
            zValues[l] = new float[Math.toIntExact(zd[0] * zd[1] * zd[2] * zd[3])];
            dzValues[l] = new float[zValues[l].length];
        }
        kit.javaStep(this::drawZ);
        ops.add(() -> kit.javaStep(this::reparameteriseBackward));
        List<T> c = Network.trunk(config, "C", List.of(new T(cMem, cDims, false)), network);
        out = new Head(Network.topDown(config, c, network));
        kit.javaStep(this::lossAndHeadGradients);
        forwardEnd = kit.mark();
        for (int i = ops.size() - 1; i >= 0; i--) {
            ops.get(i).backward();
        }
    }

    // ---------------------------------------------------------------- the graph

    /**
     * The network's operations on this plan (Network walks them): a conv over parts, upsampling, and z of a level
     * (drawn from the posterior before the top-down path; its prior head is kept for the KL).
     */
    private final Network.Ops<T> network = new Network.Ops<>() {
        @Override
        public T conv(String name, List<T> parts, int out, int stride, boolean elu) {
            return TrainingPlan.this.conv(name, parts, out, stride, elu);
        }

        @Override
        public T upsample(T h) {
            return TrainingPlan.this.upsample(h);
        }

        @Override
        public T latent(int level, T priorHead) {
            p[level] = new Head(priorHead);
            return z[level];
        }
    };

    /** Nearest-neighbour upsampling by 2, and its backward (the sum over each 2 x 2 block). */
    private T upsample(T src) {
        long[] d = src.dims;
        long[] dims = {d[0], d[1], d[2] * 2, d[3] * 2};
        resampling_forward.primitive_desc pd = kit.keep(new resampling_forward.primitive_desc(kit.keep(
                new resampling_forward.desc(prop_kind.forward_training, algorithm.resampling_nearest,
                        src.value.get_desc(), kit.keep(kit.actAny(dims)))), kit.engine()));
        T y = new T(kit.memory(pd.dst_desc()), dims, true);
        kit.primitiveStep(new resampling_forward(pd), DnnlKit.args(DNNL_ARG_SRC, src.value, DNNL_ARG_DST, y.value));
        ops.add(() -> {
            resampling_backward.primitive_desc bpd = kit.keep(new resampling_backward.primitive_desc(kit.keep(
                    new resampling_backward.desc(algorithm.resampling_nearest, src.value.get_desc(),
                            y.value.get_desc())), kit.engine(), pd));
            memory m = src.target(bpd.diff_src_desc());
            kit.primitiveStep(new resampling_backward(bpd), DnnlKit.args(DNNL_ARG_DIFF_DST, y.diff(),
                    DNNL_ARG_DIFF_SRC, m));
            src.commit(m);
        });
        return y;
    }

    /** One part of a conv over a concatenation: its input and the input channels of the weight it reads. */
    private record Part(T src, int from, convolution_forward.primitive_desc pd, memory srcMem, memory weights,
                        memory plainWeights, boolean bias) {
    }

    /**
     * [ELU of] the named 3x3 conv (padding 1) over concat(parts): the parts are convolved with their slices of the
     * weight, the last part first (with the bias), each further one added by the sum post-op, ELU on the last.
     */
    private T conv(String name, List<T> parts, int outChannels, int stride, boolean elu) {
        int in = parts.stream().mapToInt(T::channels).sum();
        long wOffset = offsets.get(name + ".weight");
        long bOffset = offsets.get(name + ".bias");
        long[] d0 = parts.get(0).dims;
        long[] dims = {d0[0], outChannels, d0[2] / stride, d0[3] / stride};
        long[] st = stride == 1 ? ONE : TWO;
        memory.desc fullPlain = kit.keep(DnnlKit.plainDesc(outChannels, in, 3, 3));
        memory.desc biasDesc = kit.keep(DnnlKit.plainDesc(outChannels));
        memory bias = kit.view(biasDesc, params, bOffset);
        int n = parts.size();
        Part[] ps = new Part[n];
        memory.desc yDesc = null;
        int from = 0;
        int[] froms = new int[n];
        for (int i = 0; i < n; i++) {
            froms[i] = from;
            from += parts.get(i).channels();
        }
        for (int i = 0; i < n; i++) {
            T src = parts.get(i);
            boolean withBias = i == n - 1;
            var attr = kit.attr(i != n - 1, elu && i == 0);
            long[] sd = src.dims;
            memory.desc wAny = kit.keep(kit.actAny(outChannels, sd[1], 3, 3));
            // the heads (no ELU) are written as float32 in either precision: Java reads them for the loss
            memory.desc dst = yDesc != null ? yDesc
                    : kit.keep(elu ? kit.actAny(dims) : DnnlKit.anyDesc(dims));
            convolution_forward.desc desc = kit.keep(withBias
                    ? new convolution_forward.desc(prop_kind.forward_training, algorithm.convolution_direct,
                            kit.keep(kit.actAny(sd)), wAny, biasDesc, dst, st, ONE, ONE)
                    : new convolution_forward.desc(prop_kind.forward_training, algorithm.convolution_direct,
                            kit.keep(kit.actAny(sd)), wAny, dst, st, ONE, ONE));
            var pd = kit.keep(new convolution_forward.primitive_desc(desc, attr, kit.engine()));
            if (yDesc == null) {
                yDesc = pd.dst_desc();
            }
            memory.desc sub = kit.keep(fullPlain.submemory_desc(new long[]{outChannels, sd[1], 3, 3},
                    new long[]{0, froms[i], 0, 0}));
            memory plainW = kit.view(sub, params, wOffset);
            memory w = kit.memory(pd.weights_desc());
            ps[i] = new Part(src, froms[i], pd, null, w, plainW, withBias);
        }
        T y = new T(kit.memory(yDesc), dims, true);
        for (int i = n - 1; i >= 0; i--) {
            Part part = ps[i];
            kit.reorderStep(part.plainWeights(), part.weights());
            memory s = kit.inLayout(part.src().value, part.pd().src_desc());
            ps[i] = new Part(part.src(), part.from(), part.pd(), s, part.weights(), part.plainWeights(), part.bias());
            IntMemoryMap a = part.bias()
                    ? DnnlKit.args(DNNL_ARG_SRC, s, DNNL_ARG_WEIGHTS, part.weights(), DNNL_ARG_BIAS, bias, DNNL_ARG_DST,
                            y.value)
                    : DnnlKit.args(DNNL_ARG_SRC, s, DNNL_ARG_WEIGHTS, part.weights(), DNNL_ARG_DST, y.value);
            kit.primitiveStep(new convolution_forward(part.pd()), a);
            implementations.add(name + " fwd " + part.pd().impl_info_str().getString());
        }
        ops.add(() -> convBackward(name, y, ps, elu, fullPlain, wOffset, bOffset, biasDesc, st));
        return y;
    }

    private void convBackward(String name, T y, Part[] ps, boolean elu, memory.desc fullPlain, long wOffset,
            long bOffset, memory.desc biasDesc, long[] st) {
        memory dy = y.diff();
        if (elu) {
            memory.desc yd = y.value.get_desc();
            var hint = kit.keep(new eltwise_forward.primitive_desc(kit.keep(new eltwise_forward.desc(
                    prop_kind.forward_training, algorithm.eltwise_elu_use_dst_for_bwd, yd, 1f, 0f)), kit.engine()));
            var bpd = kit.keep(new eltwise_backward.primitive_desc(kit.keep(new eltwise_backward.desc(
                    algorithm.eltwise_elu_use_dst_for_bwd, yd, yd, 1f, 0f)), kit.engine(), hint));
            kit.primitiveStep(new eltwise_backward(bpd), DnnlKit.args(DNNL_ARG_DST, y.value, DNNL_ARG_DIFF_DST, dy,
                    DNNL_ARG_DIFF_SRC, dy));
        }
        for (Part part : ps) {
            long[] sd = part.src().dims;
            long[] yd = y.dims;
            // layouts left to oneDNN (forcing the forward's sends inputs of 4 or 8 channels to reference kernels)
            memory.desc srcAny = kit.keep(kit.actAny(sd));
            memory.desc dyAny = kit.keep(kit.actAny(yd));
            memory.desc wAny = kit.keep(kit.actAny(yd[1], sd[1], 3, 3));
            // weight gradients accumulate in float32 in either precision
            memory.desc dwAny = kit.keep(DnnlKit.anyDesc(yd[1], sd[1], 3, 3));
            convolution_backward_weights.desc wd = kit.keep(part.bias()
                    ? new convolution_backward_weights.desc(algorithm.convolution_direct, srcAny, dwAny, biasDesc,
                            dyAny, st, ONE, ONE)
                    : new convolution_backward_weights.desc(algorithm.convolution_direct, srcAny, dwAny, dyAny, st,
                            ONE, ONE));
            var wpd = kit.keep(new convolution_backward_weights.primitive_desc(wd, kit.engine(), part.pd()));
            memory dw = kit.memory(wpd.diff_weights_desc());
            memory src = kit.inLayout(part.srcMem(), wpd.src_desc());
            IntMemoryMap a = DnnlKit.args(DNNL_ARG_SRC, src, DNNL_ARG_DIFF_DST, kit.inLayout(dy, wpd.diff_dst_desc()),
                    DNNL_ARG_DIFF_WEIGHTS, dw);
            if (part.bias()) {
                if (!wpd.diff_bias_desc().equals(biasDesc)) {
                    throw new IllegalStateException(name + ": oneDNN wants the bias gradient in another layout");
                }
                a.put(DNNL_ARG_DIFF_BIAS, kit.view(biasDesc, grads, bOffset));
            }
            kit.primitiveStep(new convolution_backward_weights(wpd), a);
            implementations.add(name + " bwd-w " + wpd.impl_info_str().getString());
            memory.desc sub = kit.keep(fullPlain.submemory_desc(new long[]{yd[1], sd[1], 3, 3},
                    new long[]{0, part.from(), 0, 0}));
            kit.reorderStep(dw, kit.view(sub, grads, wOffset));
            if (part.src().needsGrad) {
                var dpd = kit.keep(new convolution_backward_data.primitive_desc(kit.keep(
                        new convolution_backward_data.desc(algorithm.convolution_direct, srcAny, wAny, dyAny, st, ONE,
                                ONE)), kit.engine(), part.pd()));
                memory w = part.weights();
                if (!dpd.weights_desc().equals(w.get_desc())) {
                    w = kit.memory(dpd.weights_desc());
                    kit.reorderStep(part.plainWeights(), w);
                }
                T t = part.src();
                memory m = t.target(dpd.diff_src_desc());
                kit.primitiveStep(new convolution_backward_data(dpd), DnnlKit.args(DNNL_ARG_DIFF_DST,
                        kit.inLayout(dy, dpd.diff_dst_desc()), DNNL_ARG_WEIGHTS, w, DNNL_ARG_DIFF_SRC, m));
                implementations.add(name + " bwd-d " + dpd.impl_info_str().getString());
                t.commit(m);
            }
        }
    }

    /** The implementations oneDNN chose, per primitive ("h8 bwd-d jit:avx512_common", ...). */
    final List<String> implementations = new ArrayList<>();

    // ---------------------------------------------------------------- the Java steps

    private void drawZ() {
        for (int l = 1; l <= levels; l++) {
            q[l].read();
            LossHeads.reparameterise(q[l].values, eps[l], zValues[l], batch, perImage(l));
            DnnlKit.write(z[l].value, zValues[l]);
        }
    }

    private int perImage(int l) {
        long[] d = z[l].dims;
        return Math.toIntExact(d[1] * d[2] * d[3]);
    }

    private void lossAndHeadGradients() {
        out.read();
        double[] logLik = new double[batch];
        double[] dims = new double[batch];
        loss.likelihood(xValues, maskValues, out.values, logLik, dims, out.diffValues, 1.0 / batch);
        double[] klSum = new double[batch];
        double[] klMean = new double[levels];
        double[] perLevel = new double[batch];
        for (int l = 1; l <= levels; l++) {
            p[l].read();
            LossHeads.kl(q[l].values, p[l].values, batch, perImage(l), perLevel, q[l].diffValues, p[l].diffValues,
                    beta / batch);
            for (int b = 0; b < batch; b++) {
                klSum[b] += perLevel[b];
                klMean[l - 1] += perLevel[b] / batch;
            }
        }
        double recon = 0;
        double nelboSum = 0;
        double dimsSum = 0;
        nelbo = new double[batch];
        for (int b = 0; b < batch; b++) {
            nelbo[b] = -logLik[b] + klSum[b];
            recon -= logLik[b] / batch;
            nelboSum += nelbo[b];
            dimsSum += dims[b];
        }
        double klTotal = 0;
        for (double k : klMean) {
            klTotal += k;
        }
        terms = new LossTerms(recon + beta * klTotal, recon, klMean, nelboSum / (dimsSum * Math.log(2.0)));
    }

    private void reparameteriseBackward() {
        for (int l = 1; l <= levels; l++) {
            DnnlKit.read(z[l].diff(), dzValues[l]);
            LossHeads.reparameteriseBackward(q[l].values, eps[l], dzValues[l], q[l].diffValues, batch, perImage(l));
        }
    }

    // ---------------------------------------------------------------- running

    /**
     * Sets the step's inputs: images x [B, C, S, S] in [-1, 1] (plain), their holes [B, 1, S, S] (1 inside), the
     * noise per level (level l at l - 1, [B, k, r, r] plain) and beta.
     */
    private void inputs(float[] x, float[] masks, float[][] noise, double b) {
        if (x.length != xValues.length) {
            throw new IllegalArgumentException("expected " + xValues.length + " image values, got " + x.length);
        }
        if (masks.length != maskValues.length) {
            throw new IllegalArgumentException("expected " + maskValues.length + " mask values, got " + masks.length);
        }
        System.arraycopy(x, 0, xValues, 0, x.length);
        System.arraycopy(masks, 0, maskValues, 0, masks.length);
        int ch = config.channels();
        int pixels = config.imageSize() * config.imageSize();
        for (int i = 0; i < batch; i++) {
            for (int c = 0; c < ch; c++) {
                int xb = (i * ch + c) * pixels;
                int cb = (i * (ch + 1) + c) * pixels;
                for (int j = 0; j < pixels; j++) {
                    cValues[cb + j] = xValues[xb + j] * (1f - maskValues[i * pixels + j]);
                }
            }
            System.arraycopy(maskValues, i * pixels, cValues, (i * (ch + 1) + ch) * pixels, pixels);
        }
        DnnlKit.write(xMem, xValues);
        DnnlKit.write(cMem, cValues);
        for (int l = 1; l <= levels; l++) {
            if (noise[l - 1].length != zValues[l].length) {
                throw new IllegalArgumentException("noise of level " + l + " has " + noise[l - 1].length
                        + " values, expected " + zValues[l].length);
            }
            eps[l] = noise[l - 1];
        }
        beta = b;
    }

    /** Forward and backward: the loss terms, and every gradient written into the flat gradient buffer. */
    LossTerms step(float[] x, float[] masks, float[][] noise, double b) {
        inputs(x, masks, noise, b);
        kit.run();
        return terms;
    }

    /** The forward pass alone: the loss terms at {@code b}. */
    LossTerms evaluate(float[] x, float[] masks, float[][] noise, double b) {
        inputs(x, masks, noise, b);
        kit.run(0, forwardEnd);
        return terms;
    }

    /** The negative ELBO (beta = 1) of each image of the last step or evaluation, in nats. */
    double[] nelbo() {
        return nelbo.clone();
    }

    int batch() {
        return batch;
    }

    @Override
    public void close() {
        kit.close();
    }
}
