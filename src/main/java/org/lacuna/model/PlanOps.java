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

/**
 * The oneDNN steps of a {@link TrainingPlan}'s graph: tensors with the gradient of the loss summed over their
 * readers, convs over the parts of a concatenation (forward, and the backward to the weights, the bias and the
 * inputs) and nearest-neighbour upsampling. Each forward step queues its backward; {@link #layBackward} adds the
 * queued backward steps in reverse order. Weights are read from, and their gradients written to, the flat buffers
 * in the design's order and layout.
 */
final class PlanOps {

    private static final long[] ONE = {1, 1};
    private static final long[] TWO = {2, 2};

    /** Something in the step's graph whose backward steps are added in reverse order of the forward ones. */
    interface Op {
        void backward();
    }

    private final DnnlKit kit;
    private final Map<String, Long> offsets;
    private final Pointer params;
    private final Pointer grads;
    private final List<Op> ops = new ArrayList<>();

    PlanOps(DnnlKit kit, Map<String, Long> offsets, Pointer params, Pointer grads) {
        this.kit = kit;
        this.offsets = offsets;
        this.params = params;
        this.grads = grads;
    }

    /** Queues a step's backward. */
    void add(Op op) {
        ops.add(op);
    }

    /** Adds every queued backward step, the last forward step's first. */
    void layBackward() {
        for (int i = ops.size() - 1; i >= 0; i--) {
            ops.get(i).backward();
        }
    }

    /** A tensor over a memory (its gradient is made when first needed). */
    T tensor(memory value, long[] dims, boolean needsGrad) {
        return new T(value, dims, needsGrad);
    }

    /** A tensor of the step: its value, and the gradient of the loss with respect to it, summed over its readers. */
    final class T {
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


    /** Nearest-neighbour upsampling by 2, and its backward (the sum over each 2 x 2 block). */
    T upsample(T src) {
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
    T conv(String name, List<T> parts, int outChannels, int stride, boolean elu) {
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
}
