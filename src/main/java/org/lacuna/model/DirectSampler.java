package org.lacuna.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bytedeco.dnnl.memory;
import org.lacuna.config.ModelConfig;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link Hvae#sampleMeans} on oneDNN's primitives called directly, without SameDiff's executor: the same
 * computation as {@link HvaeGraph}'s sampling path (border trunk C once at batch 1; every conv over concat(h, C)
 * as conv_h(h) + [conv_C(C) + bias] with the border term broadcast, then ELU; z = mu + exp(logvar / 2) * eps; the
 * {@code out} conv's first C channels clamped to [-1, 1]). Activations stay in oneDNN's chosen layouts; the sums
 * are the convs' "sum" post-op on a destination that already holds the other term, and ELU is a post-op too.
 *
 * <p>Built from a snapshot of the weights (design layout). The primitives and memories of one batch size N are
 * made on the first call with that N and kept (a few sizes); weights are reordered into each primitive's layout
 * then. Not thread-safe, like {@link Hvae}.
 */
final class DirectSampler implements AutoCloseable {

    private static final int MAX_PLANS = 4;

    private final ModelConfig config;
    private final Map<String, float[]> weights;
    private final Map<Integer, Plan> plans = new LinkedHashMap<>(8, 0.75f, true);
    private final Precision precision;

    /** @param parameters every parameter by design name, in the design's layout (float32 copies are taken) */
    DirectSampler(ModelConfig config, Map<String, INDArray> parameters) {
        this(config, parameters, Precision.current());
    }

    /**
     * @param precision the convs' number format (with bfloat16 the prior heads and the output are still written as
     *                  float32)
     */
    DirectSampler(ModelConfig config, Map<String, INDArray> parameters, Precision precision) {
        this.precision = precision;
        this.config = config;
        this.weights = new LinkedHashMap<>();
        for (Map.Entry<String, INDArray> e : parameters.entrySet()) {
            weights.put(e.getKey(), e.getValue().castTo(DataType.FLOAT).dup('c').data().asFloat());
        }
    }

    /** Loads oneDNN's natives; false (with the reason in {@code why[0]}) when they cannot be loaded here. */
    static boolean available(String[] why) {
        try {
            org.bytedeco.javacpp.Loader.load(org.bytedeco.dnnl.global.dnnl.class);
            return true;
        } catch (Throwable t) {
            why[0] = t.toString();
            return false;
        }
    }

    /** @param mask the hole, [1, 1, H, W], 1 inside */
    INDArray sampleMeans(INDArray border, INDArray mask, INDArray[] eps) {
        return run(border, mask, eps, false);
    }

    /**
     * The means (clamped to [-1, 1]) and the raw log-scales of the logistic of every completion: [N, 2C, H, W], the
     * C means first.
     */
    INDArray sampleDistributions(INDArray border, INDArray mask, INDArray[] eps) {
        return run(border, mask, eps, true);
    }

    private INDArray run(INDArray border, INDArray mask, INDArray[] eps, boolean scales) {
        int n = (int) eps[0].size(0);
        int key = 2 * n + (scales ? 1 : 0);
        Plan plan = plans.get(key);
        if (plan == null) {
            plan = new Plan(n, scales);
            plans.put(key, plan);
            if (plans.size() > MAX_PLANS) {
                Integer eldest = plans.keySet().iterator().next();
                plans.remove(eldest).kit.close();
            }
        }
        return plan.run(border, mask, eps);
    }

    /** The conv implementations oneDNN chose, per batch size made so far (for the means alone). */
    Map<Integer, List<String>> implementations() {
        Map<Integer, List<String>> m = new LinkedHashMap<>();
        plans.forEach((key, p) -> {
            if (!p.scales) {
                m.put(p.n, List.copyOf(p.kit.implementations));
            }
        });
        return m;
    }

    @Override
    public void close() {
        for (Plan p : plans.values()) {
            p.kit.close();
        }
        plans.clear();
    }

    // ---------------------------------------------------------------- weights

    private float[] w(String conv) {
        return weights.get(conv + ".weight");
    }

    private float[] b(String conv) {
        return weights.get(conv + ".bias");
    }

    /** Input channels [from, to) of a design-layout weight [out, in, 3, 3]. */
    private static float[] inSlice(float[] w, int out, int in, int from, int to) {
        int k = 9;
        float[] s = new float[out * (to - from) * k];
        for (int o = 0; o < out; o++) {
            System.arraycopy(w, (o * in + from) * k, s, o * (to - from) * k, (to - from) * k);
        }
        return s;
    }

    /** The first {@code out} output channels of a weight ({@code perOut} = in * 9) or a bias (1). */
    private static float[] outSlice(float[] w, int out, int perOut) {
        float[] s = new float[out * perOut];
        System.arraycopy(w, 0, s, 0, s.length);
        return s;
    }

    // ---------------------------------------------------------------- one batch size

    /** A feature map: its memory and dims. */
    private record Map4(memory mem, long[] dims) {
        int channels() {
            return (int) dims[1];
        }
    }

    /** The primitives, memories and steps for one batch size. */
    private final class Plan {
        final int n;
        /** Whether the plan computes the log-scales too (the out conv's second C channels). */
        final boolean scales;
        final int outChannels;
        final DnnlKit kit = new DnnlKit(precision);
        final memory input;
        final float[] inputValues;
        final memory output;
        final float[] outputValues;
        final List<Latent> latents = new ArrayList<>();
        /** The noise of the call being run, per level (level l at l - 1). */
        private float[][] currentEps;

        /** A level's prior head read out plainly, its noise and z written plainly. */
        record Latent(int level, memory prior, float[] priorValues, int priorBatch, memory z, float[] zValues) {
        }

        Plan(int n, boolean scales) {
            this.n = n;
            this.scales = scales;
            this.outChannels = scales ? 2 * config.channels() : config.channels();
            int size = config.imageSize();
            long[] inDims = {1, config.borderChannels(), size, size};
            inputValues = new float[(int) (inDims[1] * size * size)];
            input = kit.memory(DnnlKit.plainDesc(inDims));
            List<Map4> c = Network.trunk(config, "C", List.of(new Map4(input, inDims)), ops);
            Map4 h = Network.topDown(config, c, ops);
            long[] outDims = {n, outChannels, size, size};
            output = kit.memory(DnnlKit.plainDesc(outDims));
            kit.reorderStep(h.mem(), output);
            outputValues = new float[n * outChannels * size * size];
        }

        private static long[] d(long[] src, int out, int stride) {
            return new long[]{src[0], out, src[2] / stride, src[3] / stride};
        }

        private Map4 conv(String name, Map4 src, int out, int stride, boolean elu) {
            float[] wt = w(name);
            float[] bias = b(name);
            int in = src.channels();
            if (bias.length != out) {
                wt = outSlice(wt, out, in * 9);
                bias = outSlice(bias, out, 1);
            }
            // the heads (no ELU: the priors and the output) are written as float32 in either precision
            var pd = kit.convDesc(src.dims(), out, stride, true, kit.attr(false, elu),
                    elu ? null : kit.keep(DnnlKit.anyDesc(d(src.dims(), out, stride))));
            memory y = kit.conv(pd, src.mem(), src.dims(), wt, bias, out, null);
            long[] d = src.dims();
            return new Map4(y, new long[]{d[0], out, d[2] / stride, d[3] / stride});
        }

        /**
         * ELU(conv over concat(a, b)) as conv_a(a) + [conv_b(b) + bias]: the second term is computed first into
         * the destination (broadcast over the batch when b is a batch-1 map), then conv_a adds to it (sum post-op).
         */
        private Map4 convPair(String name, Map4 a, Map4 b, int out) {
            int in = a.channels() + b.channels();
            float[] wt = w(name);
            float[] wa = inSlice(wt, out, in, 0, a.channels());
            float[] wb = inSlice(wt, out, in, a.channels(), in);
            long batch = a.dims()[0];
            long[] dims = {batch, out, a.dims()[2], a.dims()[3]};
            // the conv over a fixes the destination's layout; its step goes in after b's
            var pdA = kit.convDesc(a.dims(), out, 1, false, kit.attr(true, true), null);
            memory y = kit.memory(pdA.dst_desc());
            if (b.dims()[0] == batch) {
                var pdB = kit.convDesc(b.dims(), out, 1, true, kit.attr(false, false), y.get_desc());
                kit.conv(pdB, b.mem(), b.dims(), wb, b(name), out, y);
            } else {
                memory term = kit.memory(kit.batchOne(y.get_desc(), batch));
                var pdB = kit.convDesc(b.dims(), out, 1, true, kit.attr(false, false), null);
                memory raw = kit.conv(pdB, b.mem(), b.dims(), wb, b(name), out, null);
                kit.reorderStep(raw, term);
                kit.broadcastStep(term, y, batch);
            }
            kit.conv(pdA, a.mem(), a.dims(), wa, null, out, y);
            return new Map4(y, dims);
        }

        /** The network's operations on this plan (Network walks them): convs, pairs of convs, upsampling, z. */
        private final Network.Ops<Map4> ops = new Network.Ops<>() {
            @Override
            public Map4 conv(String name, List<Map4> parts, int out, int stride, boolean elu) {
                if (parts.size() == 2) {
                    return convPair(name, parts.get(0), parts.get(1), out);
                }
                // the out head: the means alone, or the means and the log-scales
                return Plan.this.conv(name, parts.get(0), name.equals("out") ? outChannels : out, stride, elu);
            }

            @Override
            public Map4 upsample(Map4 h) {
                long[] d = h.dims();
                return new Map4(kit.upsample(h.mem(), d), new long[]{d[0], d[1], d[2] * 2, d[3] * 2});
            }

            @Override
            public Map4 latent(int level, Map4 priorHead) {
                return Plan.this.latent(level, priorHead);
            }
        };

        /** Reads a prior head out plainly and makes z's plain memory (filled in {@link #run}). */
        private Map4 latent(int level, Map4 prior) {
            long[] pd = prior.dims();
            memory plainPrior = kit.memory(DnnlKit.plainDesc(pd));
            kit.reorderStep(prior.mem(), plainPrior);
            int k = config.level(level).channels();
            long[] zd = {n, k, pd[2], pd[3]};
            memory z = kit.memory(DnnlKit.plainDesc(zd));
            Latent lat = new Latent(level, plainPrior, new float[(int) (pd[0] * pd[1] * pd[2] * pd[3])], (int) pd[0],
                    z, new float[(int) (n * k * pd[2] * pd[3])]);
            latents.add(lat);
            kit.javaStep(() -> drawZ(lat, currentEps[level - 1]));
            return new Map4(z, zd);
        }

        private void drawZ(Latent lat, float[] eps) {
            DnnlKit.read(lat.prior(), lat.priorValues());
            float[] p = lat.priorValues();
            float[] z = lat.zValues();
            int per = z.length / n;
            for (int i = 0; i < n; i++) {
                int pBase = lat.priorBatch() == 1 ? 0 : 2 * i * per;
                for (int j = 0; j < per; j++) {
                    float mu = p[pBase + j];
                    float logVar = p[pBase + per + j];
                    z[i * per + j] = mu + (float) Math.exp(logVar * 0.5f) * eps[i * per + j];
                }
            }
            DnnlKit.write(lat.z(), z);
        }

        INDArray run(INDArray border, INDArray hole, INDArray[] eps) {
            float[] x = border.castTo(DataType.FLOAT).dup('c').data().asFloat();
            float[] mask = hole.castTo(DataType.FLOAT).dup('c').data().asFloat();
            int ch = config.channels();
            int pixels = config.imageSize() * config.imageSize();
            for (int c = 0; c < ch; c++) {
                for (int i = 0; i < pixels; i++) {
                    inputValues[c * pixels + i] = x[c * pixels + i] * (1f - mask[i]);
                }
            }
            System.arraycopy(mask, 0, inputValues, ch * pixels, pixels);
            DnnlKit.write(input, inputValues);
            currentEps = new float[eps.length][];
            for (int l = 0; l < eps.length; l++) {
                currentEps[l] = eps[l].castTo(DataType.FLOAT).dup('c').data().asFloat();
            }
            kit.run();
            DnnlKit.read(output, outputValues);
            int size = config.imageSize();
            int plane = size * size;
            for (int i = 0; i < n; i++) {
                int base = i * outChannels * plane;
                for (int j = base; j < base + ch * plane; j++) {
                    outputValues[j] = Math.max(-1f, Math.min(1f, outputValues[j]));
                }
            }
            return Nd4j.create(outputValues, new long[]{n, outChannels, size, size}, 'c');
        }
    }
}
