package org.lacuna.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.lacuna.config.Conditioning;
import org.lacuna.config.ModelConfig;
import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.enums.WeightsFormat;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The pure factory of the model's SameDiff graph (MODEL.md). One graph holds two paths over the same weights:
 * <ul>
 *   <li>training / evaluation: placeholders {@link #X} (images in [-1, 1], NCHW), {@link #M} (each image's hole,
 *       [B, 1, H, W], 1 inside), {@link #BETA} and the reparameterisation noise {@code eps1..epsL}; outputs the loss
 *       terms by name (the likelihood counts the hole's sub-pixels, or the whole image with top-only
 *       conditioning);</li>
 *   <li>sampling: placeholders {@link #S_BORDER} (one image, batch 1; the hole's content is ignored), its hole
 *       {@link #S_MASK} [1, 1, H, W] and the prior noise {@code s_eps1..s_epsL} (batch N, already scaled by the temperature); output {@link #S_MEAN},
 *       the N completions' logistic means clamped to [-1, 1]. The border trunk runs once, at batch 1, and each
 *       conv over concat(h, C) is computed as conv_h(h) + conv_C(C), with the border half broadcast.</li>
 * </ul>
 * The graph stores each conv weight in ND4J's native layout [kH, kW, in, out] (YXIO) under its design name: a conv
 * reads contiguous YXIO weights 4x faster than a permuted view of [out, in, kH, kW], and ND4J 1.0.0-M2.1's conv2d_bp
 * rejects the OIYX format. {@link Hvae} converts to and from the design's layout at its boundary.
 */
public final class HvaeGraph {

    public static final String X = "x";
    /** The holes of a training batch: [B, 1, H, W], 1 inside the hole. */
    public static final String M = "m";
    public static final String BETA = "beta";
    public static final String LOSS = "loss";
    public static final String RECON = "recon";
    public static final String BPD = "bpd";
    /** Negative ELBO of each image of the batch (beta = 1), in nats: shape [B]. */
    public static final String NELBO = "nelbo";
    /** log p(x_modelled | z_1, x_outer) of each image for the posterior's z (eps given), in nats: shape [B]. */
    public static final String LOGLIK = "loglik";
    /**
     * sum over levels of log p(z_l | z_{l+1}, x_outer) - log q(z_l | x) at the posterior's z (eps given), in nats:
     * shape [B]. LOGLIK + this is the single-sample ELBO with a Monte Carlo KL, the log-weight of importance sampling.
     */
    public static final String LOGPZ_MINUS_LOGQZ = "logpz_minus_logqz";
    /** The decoder's logistic means over the whole image for the posterior's z, clamped to [-1, 1]: [B, C, H, W]. */
    public static final String X_MEAN = "x_mean";
    public static final String S_BORDER = "s_border";
    /** The hole of the sampled image: [1, 1, H, W], 1 inside the hole. */
    public static final String S_MASK = "s_mask";
    public static final String S_MEAN = "s_mean";
    /** The sampling path's whole decoder output: [N, 2C, H, W], C means (not clamped) then C raw log-scales. */
    public static final String S_OUT = "s_out";

    public static String eps(int level) {
        return "eps" + level;
    }

    public static String kl(int level) {
        return "kl" + level;
    }

    /** Posterior mean of level l, [B, k, r, r]. */
    public static String posteriorMean(int level) {
        return "q" + level + "_mean";
    }

    public static String sampleEps(int level) {
        return "s_eps" + level;
    }

    private final ModelConfig config;
    private final DataType dataType;
    private final SameDiff sd;
    private final SplittableRandom init;
    private final Map<String, ConvSpec> convs = new LinkedHashMap<>();
    private final Map<String, SDVariable[]> params = new LinkedHashMap<>();

    /** A feature map and its channel count; {@code shared} marks a batch-1 map broadcast over the batch. */
    private record Feat(SDVariable v, int channels, boolean shared) {
    }

    /** Where a level's z comes from, given the prior's mean and log-variance. */
    private interface LatentSource {
        Feat draw(int level, SDVariable priorMean, SDVariable priorLogVar, boolean priorShared);
    }

    private HvaeGraph(ModelConfig config, DataType dataType, long seed) {
        this.config = config;
        this.dataType = dataType;
        this.sd = SameDiff.create();
        this.init = new SplittableRandom(seed);
    }

    /** Builds the graph with freshly initialised weights (PyTorch's default conv init, from the seed). */
    public static Built build(ModelConfig config, DataType dataType, long seed) {
        HvaeGraph g = new HvaeGraph(config, dataType, seed);
        g.buildTraining();
        g.buildSampling();
        g.sd.setLossVariables(LOSS);
        return new Built(g.sd, List.copyOf(g.convs.values()));
    }

    /** The built graph and its convolutions in the design's order. */
    public record Built(SameDiff graph, List<ConvSpec> convs) {
    }

    /** 1 inside the hole, 0 outside: [1, 1, H, W]. */
    public static INDArray holeMask(ModelConfig config) {
        int n = config.imageSize();
        INDArray m = Nd4j.zeros(DataType.FLOAT, 1, 1, n, n);
        var h = config.hole();
        m.get(org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.all(),
                org.nd4j.linalg.indexing.NDArrayIndex.interval(h.top(), h.top() + h.height()),
                org.nd4j.linalg.indexing.NDArrayIndex.interval(h.left(), h.left() + h.width())).assign(1);
        return m;
    }

    // ---------------------------------------------------------------- training path

    private void buildTraining() {
        int channels = config.channels();
        int n = config.imageSize();
        SDVariable x = sd.placeHolder(X, dataType, -1, channels, n, n);
        SDVariable mask = sd.placeHolder(M, dataType, -1, 1, n, n);
        SDVariable beta = sd.placeHolder(BETA, dataType);
        SDVariable[] eps = new SDVariable[config.levelCount() + 1];
        for (int l = 1; l <= config.levelCount(); l++) {
            long[] s = config.latentShape(l);
            eps[l] = sd.placeHolder(eps(l), dataType, -1, s[0], s[1], s[2]);
        }

        SDVariable[] qMean = new SDVariable[config.levelCount() + 1];
        SDVariable[] qLogVar = new SDVariable[config.levelCount() + 1];
        SDVariable[] klPerImage = new SDVariable[config.levelCount() + 1];
        SDVariable[] logRatioPerImage = new SDVariable[config.levelCount() + 1];
        GraphOps ops = new GraphOps((l, pMean, pLogVar, shared) -> {
            SDVariable z = Distributions.reparameterise(qMean[l], qLogVar[l], eps[l]);
            klPerImage[l] = Distributions.gaussianKl(qMean[l], qLogVar[l], pMean, pLogVar).sum(1, 2, 3);
            // evaluation only (not on the loss's path): log p(z_l | parents) - log q(z_l | x) at the same z
            logRatioPerImage[l] = Distributions.gaussianLogDensity(z, pMean, pLogVar)
                    .sub(Distributions.gaussianLogDensityOfNoise(eps[l], qLogVar[l])).sum(1, 2, 3);
            return new Feat(z, config.level(l).channels(), false);
        });
        List<Feat> e = Network.trunk(config, "E", List.of(new Feat(x, channels, false)), ops);
        List<Feat> c = Network.trunk(config, "C", borderInput(x, mask, false), ops);
        List<Feat> q = Network.posteriorHeads(config, e, ops);
        for (int l = 1; l <= config.levelCount(); l++) {
            int k = config.level(l).channels();
            qMean[l] = sd.identity(posteriorMean(l), half(q.get(l - 1).v(), k, 0));
            qLogVar[l] = half(q.get(l - 1).v(), k, 1);
        }
        SDVariable out = Network.topDown(config, c, ops).v();
        SDVariable mean = sliceChannels(out, 0, channels);
        SDVariable logScale = sliceChannels(out, channels, 2 * channels);
        sd.math().clipByValue(X_MEAN, mean, -1.0, 1.0);
        SDVariable logp = Distributions.discretisedLogisticLogProb(x, mean, logScale);
        boolean wholeImage = config.conditioning() == Conditioning.TOP_ONLY;
        SDVariable logLikPerImage = (wholeImage ? logp : logp.mul(mask)).sum(1, 2, 3);
        // the modelled sub-pixels of the batch: the holes' (channels each), or every image's
        SDVariable dims = (wholeImage ? sd.onesLike(mask) : mask).sum().mul(channels);
        SDVariable reconPerImage = logLikPerImage.neg();
        sd.identity(LOGLIK, logLikPerImage);

        SDVariable klTotal = null;
        SDVariable logRatio = null;
        for (int l = 1; l <= config.levelCount(); l++) {
            sd.identity(kl(l), klPerImage[l].mean(0));
            klTotal = klTotal == null ? klPerImage[l] : klTotal.add(klPerImage[l]);
            logRatio = logRatio == null ? logRatioPerImage[l] : logRatio.add(logRatioPerImage[l]);
        }
        sd.identity(LOGPZ_MINUS_LOGQZ, logRatio);
        SDVariable nelbo = sd.identity(NELBO, reconPerImage.add(klTotal));
        SDVariable recon = sd.identity(RECON, reconPerImage.mean(0));
        SDVariable klMean = klTotal.mean(0);
        sd.identity(LOSS, recon.add(klMean.mul(beta)));
        sd.identity(BPD, nelbo.sum(0).div(dims.mul(Math.log(2.0))));
    }

    // ---------------------------------------------------------------- sampling path

    private void buildSampling() {
        int n = config.imageSize();
        SDVariable border = sd.placeHolder(S_BORDER, dataType, 1, config.channels(), n, n);
        SDVariable mask = sd.placeHolder(S_MASK, dataType, 1, 1, n, n);
        SDVariable[] eps = new SDVariable[config.levelCount() + 1];
        for (int l = 1; l <= config.levelCount(); l++) {
            long[] s = config.latentShape(l);
            eps[l] = sd.placeHolder(sampleEps(l), dataType, -1, s[0], s[1], s[2]);
        }
        GraphOps ops = new GraphOps((l, pMean, pLogVar, shared) -> new Feat(
                Distributions.reparameterise(pMean, pLogVar, eps[l]), config.level(l).channels(), false));
        List<Feat> c = Network.trunk(config, "C", borderInput(border, mask, true), ops);
        SDVariable out = Network.topDown(config, c, ops).v();
        sd.identity(S_OUT, out);
        sd.math().clipByValue(S_MEAN, sliceChannels(out, 0, config.channels()), -1.0, 1.0);
    }

    // ---------------------------------------------------------------- shared pieces

    /** c = concat(x * (1 - M), M), both of the batch of x (or both batch-1 maps, broadcast, when shared). */
    private List<Feat> borderInput(SDVariable x, SDVariable mask, boolean shared) {
        SDVariable outer = x.mul(mask.rsub(1.0));
        return List.of(new Feat(outer, config.channels(), shared), new Feat(mask, 1, shared));
    }

    /** The network's operations on this graph: a feature map is shared when all the parts it is made of are. */
    private final class GraphOps implements Network.Ops<Feat> {
        private final LatentSource latents;

        GraphOps(LatentSource latents) {
            this.latents = latents;
        }

        @Override
        public Feat conv(String name, List<Feat> parts, int out, int stride, boolean elu) {
            SDVariable y = convParts(name, parts, out, stride);
            return new Feat(elu ? act(y) : y, out, parts.stream().allMatch(Feat::shared));
        }

        @Override
        public Feat upsample(Feat h) {
            return new Feat(sd.cnn().upsampling2d(h.v(), 2, 2, true), h.channels(), h.shared());
        }

        @Override
        public Feat latent(int level, Feat priorHead) {
            int k = config.level(level).channels();
            return latents.draw(level, half(priorHead.v(), k, 0), half(priorHead.v(), k, 1), priorHead.shared());
        }
    }

    /** First (part 0) or second (part 1) half of a head's channels: means, then log-variances. */
    private static SDVariable half(SDVariable head, int k, int part) {
        return sliceChannels(head, part * k, (part + 1) * k);
    }

    private static SDVariable sliceChannels(SDVariable v, int from, int to) {
        return v.get(SDIndex.all(), SDIndex.interval(from, to), SDIndex.all(), SDIndex.all());
    }

    private SDVariable act(SDVariable v) {
        return sd.nn().elu(v);
    }

    /**
     * A 3x3 conv over concat(parts). When some parts are batch-1 maps broadcast over the batch and others are
     * not, the conv is computed part by part on slices of the weight (conv is linear in its input channels),
     * so the shared parts are computed once.
     */
    private SDVariable convParts(String name, List<Feat> parts, int out, int stride) {
        int in = parts.stream().mapToInt(Feat::channels).sum();
        SDVariable[] wb = params(name, in, out);
        Conv2DConfig cc = Conv2DConfig.builder().kH(3).kW(3).sH(stride).sW(stride).pH(1).pW(1)
                .paddingMode(PaddingMode.VALID).dataFormat(Conv2DConfig.NCHW).weightsFormat(WeightsFormat.YXIO).build();
        boolean mixed = parts.stream().anyMatch(Feat::shared) && !parts.stream().allMatch(Feat::shared);
        if (!mixed) {
            SDVariable input = parts.size() == 1 ? parts.get(0).v()
                    : sd.concat(1, parts.stream().map(Feat::v).toArray(SDVariable[]::new));
            return sd.cnn().conv2d(input, wb[0], wb[1], cc);
        }
        SDVariable sum = null;
        int offset = 0;
        boolean biasAdded = false;
        for (Feat part : parts) {
            SDVariable w = wb[0].get(SDIndex.all(), SDIndex.all(), SDIndex.interval(offset, offset + part.channels()),
                    SDIndex.all());
            boolean withBias = part.shared() && !biasAdded;
            biasAdded |= withBias;
            SDVariable y = withBias ? sd.cnn().conv2d(part.v(), w, wb[1], cc) : sd.cnn().conv2d(part.v(), w, cc);
            sum = sum == null ? y : (part.shared() ? y.add(sum) : sum.add(y));
            offset += part.channels();
        }
        return sum;
    }

    /** The weight and bias of a named conv, created (and registered in design order) on first use. */
    private SDVariable[] params(String name, int in, int out) {
        SDVariable[] existing = params.get(name);
        if (existing != null) {
            ConvSpec spec = convs.get(name);
            if (spec.in() != in || spec.out() != out) {
                throw new IllegalStateException("conv " + name + " reused with another shape");
            }
            return existing;
        }
        ConvSpec spec = new ConvSpec(name, in, out);
        double bound = 1.0 / Math.sqrt(in * ConvSpec.KERNEL * ConvSpec.KERNEL);
        SDVariable w = sd.var(spec.weightName(), toInternal(uniform(bound, spec.weightShape())));
        SDVariable b = sd.var(spec.biasName(), uniform(bound, out));
        convs.put(name, spec);
        SDVariable[] wb = {w, b};
        params.put(name, wb);
        return wb;
    }

    /** Design layout [out, in, kH, kW] to the graph's [kH, kW, in, out], as a new contiguous array. */
    public static INDArray toInternal(INDArray oiyx) {
        return oiyx.permute(2, 3, 1, 0).dup('c');
    }

    /** The graph's [kH, kW, in, out] to the design layout [out, in, kH, kW], as a new contiguous array. */
    public static INDArray toDesign(INDArray yxio) {
        return yxio.permute(3, 2, 0, 1).dup('c');
    }

    private INDArray uniform(double bound, long... shape) {
        long n = 1;
        for (long s : shape) {
            n *= s;
        }
        double[] values = new double[Math.toIntExact(n)];
        for (int i = 0; i < values.length; i++) {
            values[i] = (init.nextDouble() * 2 - 1) * bound;
        }
        return Nd4j.create(values, shape, DataType.DOUBLE).castTo(dataType);
    }
}
