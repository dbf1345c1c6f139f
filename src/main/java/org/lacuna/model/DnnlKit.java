package org.lacuna.model;

import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_BIAS;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_FROM;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_TO;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_WEIGHTS;

import java.util.ArrayList;
import java.util.List;

import org.bytedeco.dnnl.IntMemoryMap;
import org.bytedeco.dnnl.convolution_forward;
import org.bytedeco.dnnl.engine;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.post_ops;
import org.bytedeco.dnnl.primitive;
import org.bytedeco.dnnl.primitive_attr;
import org.bytedeco.dnnl.reorder;
import org.bytedeco.dnnl.resampling_forward;
import org.bytedeco.dnnl.stream;
import org.bytedeco.dnnl.global.dnnl.algorithm;
import org.bytedeco.dnnl.global.dnnl.prop_kind;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;

/**
 * Small helpers over oneDNN's primitives (JavaCPP presets) for {@link DirectSampler} and {@link TrainingPlan}: one
 * engine and stream, a list of steps run in order, and the native objects kept alive (and released) with it.
 * Activations and conv weights are in the kit's {@link Precision} ({@link #actAny}); biases, buffers Java reads
 * or writes ({@link #plainDesc}) and weight gradients stay float32 (reorders convert between the two).
 */
final class DnnlKit implements AutoCloseable {

    private final engine eng;
    private final stream strm;
    private final List<Runnable> steps = new ArrayList<>();
    private final List<Pointer> owned = new ArrayList<>();

    private final memory.data_type act;

    DnnlKit() {
        this(Precision.FLOAT32);
    }

    DnnlKit(Precision precision) {
        act = precision == Precision.BFLOAT16 ? memory.data_type.bf16 : memory.data_type.f32;
        eng = keep(new engine(engine.kind.cpu, 0));
        strm = keep(new stream(eng));
    }

    <T extends Pointer> T keep(T p) {
        owned.add(p);
        return p;
    }

    /** Runs every step in order and waits for the stream. */
    void run() {
        run(0, steps.size());
    }

    /** Runs steps [from, to) in order and waits for the stream. */
    void run(int from, int to) {
        for (int i = from; i < to; i++) {
            steps.get(i).run();
        }
        strm._wait();
    }

    /** The number of steps so far: where the next step goes (to run a part of the list). */
    int mark() {
        return steps.size();
    }

    engine engine() {
        return eng;
    }

    /**
     * A memory over a buffer owned elsewhere ({@code base}, a flat float array's address), starting {@code floats}
     * floats in; the caller keeps the buffer alive as long as this kit.
     */
    memory view(memory.desc d, Pointer base, long floats) {
        keep(d);
        BytePointer p = keep(new BytePointer(base));
        p.position(p.position() + floats * Float.BYTES);
        return keep(new memory(d, eng, p));
    }

    /** A step adding {@code addend} to {@code acc} in place (oneDNN's binary add; same dims, any layouts). */
    void addStep(memory acc, memory addend) {
        org.bytedeco.dnnl.binary.desc d = keep(new org.bytedeco.dnnl.binary.desc(algorithm.binary_add, acc.get_desc(),
                addend.get_desc(), acc.get_desc()));
        org.bytedeco.dnnl.binary.primitive_desc pd = keep(new org.bytedeco.dnnl.binary.primitive_desc(d, eng));
        primitiveStep(new org.bytedeco.dnnl.binary(pd), args(org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC_0, acc,
                org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC_1, addend, DNNL_ARG_DST, acc));
    }

    /** A step of plain Java between primitives: the stream is drained first, so memories can be read. */
    void javaStep(Runnable r) {
        steps.add(() -> {
            strm._wait();
            r.run();
        });
    }

    void primitiveStep(primitive p, IntMemoryMap args) {
        keep(p);
        keep(args);
        steps.add(() -> p.execute(strm, args));
    }

    static memory.desc plainDesc(long... dims) {
        memory.format_tag tag = switch (dims.length) {
            case 1 -> memory.format_tag.x;
            case 4 -> memory.format_tag.nchw;
            default -> throw new IllegalArgumentException("rank " + dims.length);
        };
        return new memory.desc(dims, memory.data_type.f32, tag);
    }

    static memory.desc anyDesc(long... dims) {
        return new memory.desc(dims, memory.data_type.f32, memory.format_tag.any);
    }

    /** Any layout in the kit's activation type (bf16 or f32): conv sources, weights and destinations. */
    memory.desc actAny(long... dims) {
        return new memory.desc(dims, act, memory.format_tag.any);
    }

    boolean bf16() {
        return act == memory.data_type.bf16;
    }

    /**
     * A memory whose buffer JavaCPP allocates (64-byte aligned), not oneDNN: JavaCPP counts it, so its ceiling on
     * native memory (runtime.NativeMemory) runs the collector for samplers that were dropped without a close.
     */
    memory memory(memory.desc d) {
        keep(d);
        long bytes = d.get_size();
        BytePointer buffer = keep(new BytePointer(bytes + ALIGNMENT));
        long misalignment = buffer.address() % ALIGNMENT;
        buffer.position(misalignment == 0 ? 0 : ALIGNMENT - misalignment);
        return keep(new memory(d, eng, buffer));
    }

    private static final int ALIGNMENT = 64;

    /** A plain nchw (or x) memory filled once from a Java array. */
    memory constant(float[] values, long... dims) {
        memory m = memory(plainDesc(dims));
        write(m, values);
        return m;
    }

    static void write(memory m, float[] values) {
        new FloatPointer(m.get_data_handle()).put(values, 0, values.length);
    }

    static void read(memory m, float[] into) {
        new FloatPointer(m.get_data_handle()).get(into, 0, into.length);
    }

    /** Reorders a memory into a new one of the given layout, now (for weights). */
    memory reorderedNow(memory from, memory.desc to) {
        memory m = memory(to);
        reorder r = new reorder(from, m);
        r.execute(strm, args(DNNL_ARG_FROM, from, DNNL_ARG_TO, m));
        strm._wait();
        r.close();
        return m;
    }

    /** {@code from} itself when it already has the layout, else a new memory filled by a reorder step. */
    memory inLayout(memory from, memory.desc wanted) {
        if (from.get_desc().equals(wanted)) {
            return from;
        }
        memory m = memory(wanted);
        reorderStep(from, m);
        return m;
    }

    void reorderStep(memory from, memory to) {
        primitiveStep(new reorder(from, to), args(DNNL_ARG_FROM, from, DNNL_ARG_TO, to));
    }

    static IntMemoryMap args(Object... kv) {
        IntMemoryMap m = new IntMemoryMap();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((Integer) kv[i], (memory) kv[i + 1]);
        }
        return m;
    }

    /** Post-ops: the destination's old content added (sum), then ELU; either may be left out. */
    primitive_attr attr(boolean sum, boolean elu) {
        primitive_attr attr = keep(new primitive_attr());
        post_ops po = keep(new post_ops());
        if (sum) {
            po.append_sum();
        }
        if (elu) {
            po.append_eltwise(1f, algorithm.eltwise_elu, 1f, 0f);
        }
        attr.set_post_ops(po);
        return attr;
    }

    /**
     * The primitive descriptor of a 3x3 conv (padding 1): the layouts of source, weights and destination are
     * oneDNN's choice unless {@code dst} is given.
     */
    convolution_forward.primitive_desc convDesc(long[] srcDims, int out, int stride, boolean bias, primitive_attr attr,
            memory.desc dst) {
        int in = (int) srcDims[1];
        long side = srcDims[2] / stride;
        long[] dstDims = {srcDims[0], out, side, side};
        long[] st = {stride, stride};
        long[] pad = {1, 1};
        memory.desc wAny = keep(actAny(out, in, 3, 3));
        memory.desc dstDesc = dst == null ? keep(actAny(dstDims)) : dst;
        convolution_forward.desc d = bias
                ? new convolution_forward.desc(prop_kind.forward_inference, algorithm.convolution_direct,
                        keep(actAny(srcDims)), wAny, keep(plainDesc(out)), dstDesc, st, pad, pad)
                : new convolution_forward.desc(prop_kind.forward_inference, algorithm.convolution_direct,
                        keep(actAny(srcDims)), wAny, dstDesc, st, pad, pad);
        keep(d);
        return keep(new convolution_forward.primitive_desc(d, attr, eng));
    }

    /**
     * Adds the steps of a conv made by {@link #convDesc} (a reorder of the source when needed, the conv) with
     * weights in the design's layout [out, in, 3, 3], reordered now into the primitive's layout.
     */
    memory conv(convolution_forward.primitive_desc pd, memory src, long[] srcDims, float[] weights, float[] bias,
            int out, memory dst) {
        memory s = inLayout(src, pd.src_desc());
        memory w = reorderedNow(constant(weights, out, srcDims[1], 3, 3), pd.weights_desc());
        memory y = dst == null ? memory(pd.dst_desc()) : dst;
        IntMemoryMap a = bias == null ? args(DNNL_ARG_SRC, s, DNNL_ARG_WEIGHTS, w, DNNL_ARG_DST, y)
                : args(DNNL_ARG_SRC, s, DNNL_ARG_WEIGHTS, w, DNNL_ARG_BIAS, constant(bias, out), DNNL_ARG_DST, y);
        primitiveStep(new convolution_forward(pd), a);
        implementations.add(pd.impl_info_str().getString());
        return y;
    }

    /** The implementations oneDNN chose for the convs, in order (jit:avx512_core, ref, ...). */
    final List<String> implementations = new ArrayList<>();

    /** Nearest-neighbour upsampling by 2 in the source's layout. */
    memory upsample(memory src, long[] srcDims) {
        long[] dstDims = {srcDims[0], srcDims[1], srcDims[2] * 2, srcDims[3] * 2};
        resampling_forward.desc d = keep(new resampling_forward.desc(prop_kind.forward_inference,
                algorithm.resampling_nearest, src.get_desc(), keep(actAny(dstDims))));
        resampling_forward.primitive_desc pd = keep(new resampling_forward.primitive_desc(d, eng));
        memory s = inLayout(src, pd.src_desc());
        memory y = memory(pd.dst_desc());
        primitiveStep(new resampling_forward(pd), args(DNNL_ARG_SRC, s, DNNL_ARG_DST, y));
        return y;
    }

    /**
     * The layout of {@code batched} (batch N) at batch 1; each image of a batch-N memory of that layout is then one
     * contiguous copy of it (checked: the batch must be the outermost dimension).
     */
    memory.desc batchOne(memory.desc batched, long n) {
        memory.desc one = keep(new memory.desc(batched.data()));
        one.data().dims().put(0, 1);
        one.data().padded_dims().put(0, 1);
        if (one.get_size() * n != batched.get_size()) {
            throw new IllegalStateException("batch is not the outermost dimension of oneDNN's layout");
        }
        return one;
    }

    /** A step copying a batch-1 memory into each of the n images of a batch-n memory of the same layout. */
    void broadcastStep(memory one, memory batched, long n) {
        long bytes = one.get_desc().get_size();
        steps.add(() -> {
            strm._wait();
            BytePointer from = new BytePointer(one.get_data_handle());
            BytePointer to = new BytePointer(batched.get_data_handle());
            for (long i = 0; i < n; i++) {
                Pointer.memcpy(to.position(i * bytes), from, bytes);
            }
        });
    }

    @Override
    public void close() {
        for (int i = owned.size() - 1; i >= 0; i--) {
            owned.get(i).close();
        }
        owned.clear();
        steps.clear();
    }
}
