package org.lacuna.model;

import java.util.List;
import java.util.Map;

import org.bytedeco.dnnl.memory;
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

    private final ModelConfig config;
    private final int batch;
    private final DnnlKit kit;
    private final PlanOps graph;
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
    private final PlanOps.T[] z;
    private final float[][] zValues;
    private final float[][] dzValues;
    private final float[][] eps;
    private Head out;

    private double beta;
    private LossTerms terms;
    private double[] nelbo;

    /** A head read by Java: the conv's output, its plain copy, and the plain gradient Java writes for it. */
    private final class Head implements PlanOps.Op {
        final PlanOps.T tensor;
        final memory plain;
        final float[] values;
        final memory plainDiff;
        final float[] diffValues;

        Head(PlanOps.T tensor) {
            this.tensor = tensor;
            plain = kit.memory(DnnlKit.plainDesc(tensor.dims));
            kit.reorderStep(tensor.value, plain);
            int n = Math.toIntExact(tensor.dims[0] * tensor.dims[1] * tensor.dims[2] * tensor.dims[3]);
            values = new float[n];
            plainDiff = kit.memory(DnnlKit.plainDesc(tensor.dims));
            diffValues = new float[n];
            graph.add(this);
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
        this.graph = new PlanOps(kit, offsets, params, grads);
        this.config = config;
        this.batch = batch;
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
        z = new PlanOps.T[levels + 1];
        zValues = new float[levels + 1][];
        dzValues = new float[levels + 1][];
        eps = new float[levels + 1][];

        // the recognition trunk and heads, then z for every level from them and the noise
        List<PlanOps.T> e = Network.trunk(config, "E", List.of(graph.tensor(xMem, xDims, false)), network);
        List<PlanOps.T> heads = Network.posteriorHeads(config, e, network);
        for (int l = 1; l <= levels; l++) {
            int k = config.level(l).channels();
            q[l] = new Head(heads.get(l - 1));
            long[] zd = {batch, k, q[l].tensor.dims[2], q[l].tensor.dims[3]};
            z[l] = graph.tensor(kit.memory(DnnlKit.plainDesc(zd)), zd, true);
            zValues[l] = new float[Math.toIntExact(zd[0] * zd[1] * zd[2] * zd[3])];
            dzValues[l] = new float[zValues[l].length];
        }
        kit.javaStep(this::drawZ);
        graph.add(() -> kit.javaStep(this::reparameteriseBackward));
        List<PlanOps.T> c = Network.trunk(config, "C", List.of(graph.tensor(cMem, cDims, false)), network);
        out = new Head(Network.topDown(config, c, network));
        kit.javaStep(this::lossAndHeadGradients);
        forwardEnd = kit.mark();
        graph.layBackward();
    }

    // ---------------------------------------------------------------- the graph

    /**
     * The network's operations on this plan (Network walks them): a conv over parts, upsampling, and z of a level
     * (drawn from the posterior before the top-down path; its prior head is kept for the KL).
     */
    private final Network.Ops<PlanOps.T> network = new Network.Ops<>() {
        @Override
        public PlanOps.T conv(String name, List<PlanOps.T> parts, int out, int stride, boolean elu) {
            return graph.conv(name, parts, out, stride, elu);
        }

        @Override
        public PlanOps.T upsample(PlanOps.T h) {
            return graph.upsample(h);
        }

        @Override
        public PlanOps.T latent(int level, PlanOps.T priorHead) {
            p[level] = new Head(priorHead);
            return z[level];
        }
    };

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

    /** The implementations oneDNN chose, per primitive ("h8 bwd-d jit:avx512_common", ...). */
    List<String> implementations() {
        return graph.implementations;
    }

    int batch() {
        return batch;
    }

    @Override
    public void close() {
        kit.close();
    }
}
