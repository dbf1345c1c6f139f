package org.lacuna.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.lacuna.config.ModelConfig;
import org.lacuna.runtime.Quiet;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * One conditional hierarchical VAE: its config and its graph (see {@link HvaeGraph}). Holds no training loop and
 * does no I/O. Not thread-safe: one thread uses an instance at a time; another thread samples from a {@link #copy()}.
 */
public final class Hvae {

    private final ModelConfig config;
    private final DataType dataType;
    private final SameDiff sd;
    private final List<ConvSpec> convs;
    private final List<String> parameterNames;
    private final java.util.Set<String> parameterSet;
    /** {@link #sampleMeans} on oneDNN directly, from a snapshot of the weights; null until used or when stale. */
    private DirectSampler direct;
    private boolean directFailed;

    /** Set to false to sample through SameDiff's executor instead of oneDNN's primitives called directly. */
    public static final String DIRECT_SAMPLING_PROPERTY = "lacuna.direct.sampling";
    private static volatile Boolean directAvailable;

    private Hvae(ModelConfig config, DataType dataType, HvaeGraph.Built built) {
        this.config = config;
        this.dataType = dataType;
        this.sd = built.graph();
        this.convs = built.convs();
        List<String> names = new ArrayList<>(convs.size() * 2);
        for (ConvSpec c : convs) {
            names.add(c.weightName());
            names.add(c.biasName());
        }
        this.parameterNames = List.copyOf(names);
        this.parameterSet = java.util.Set.copyOf(names);
    }

    /** A float32 model with freshly initialised weights. */
    public static Hvae create(ModelConfig config, long seed) {
        return create(config, DataType.FLOAT, seed);
    }

    public static Hvae create(ModelConfig config, DataType dataType, long seed) {
        return new Hvae(config, dataType, HvaeGraph.build(config, dataType, seed));
    }

    public ModelConfig config() {
        return config;
    }

    public DataType dataType() {
        return dataType;
    }

    /** The graph, for the trainer; callers must respect the one-thread rule. */
    public SameDiff graph() {
        dropDirect();
        return sd;
    }

    /** The convolutions in the design's order. */
    public List<ConvSpec> convs() {
        return convs;
    }

    /** Every parameter's design name ({@code NAME.weight}, {@code NAME.bias}) in the design's order. */
    public List<String> parameterNames() {
        return parameterNames;
    }

    public long parameterCount() {
        return convs.stream().mapToLong(ConvSpec::parameterCount).sum();
    }

    /**
     * The live array of a parameter inside the graph, for the optimiser and the EMA: biases are [out], but weights
     * are in the graph's layout [kH, kW, in, out], not the design's. Gradients come in the same layout. The caller
     * may change it: the direct sampling path (a snapshot of the weights) is dropped, and rebuilt when next used;
     * so get the array again after a {@link #sampleMeans} rather than keep it.
     */
    public INDArray variable(String name) {
        dropDirect();
        return live(name);
    }

    private INDArray live(String name) {
        if (!isParameter(name)) {
            throw new IllegalArgumentException("no parameter named " + name);
        }
        return sd.getArrForVarName(name);
    }

    private boolean isParameter(String name) {
        return parameterSet.contains(name) && sd.hasVariable(name);
    }

    /** A copy of a parameter in the design's layout: weights [out, in, 3, 3], biases [out]. */
    public INDArray parameter(String name) {
        INDArray live = live(name);
        return isWeight(name) ? HvaeGraph.toDesign(live) : live.dup();
    }

    private static boolean isWeight(String name) {
        return name.endsWith(".weight");
    }

    /** Copies of every parameter by design name, in design order and layout. */
    public Map<String, INDArray> parameters() {
        Map<String, INDArray> map = new LinkedHashMap<>();
        for (String name : parameterNames()) {
            map.put(name, parameter(name));
        }
        return Collections.unmodifiableMap(map);
    }

    /** Converts an array of a parameter's graph layout (a gradient, an optimiser moment) to the design's layout. */
    public INDArray toDesignLayout(String name, INDArray graphLayout) {
        return isWeight(name) ? HvaeGraph.toDesign(graphLayout) : graphLayout.dup();
    }

    /** Converts an array in the design's layout to a parameter's graph layout. */
    public INDArray toGraphLayout(String name, INDArray designLayout) {
        return isWeight(name) ? HvaeGraph.toInternal(designLayout) : designLayout.dup();
    }

    /**
     * Copies values, in the design's layout, into the parameters. Every name must be a parameter with the same
     * shape; the values are converted to the model's data type.
     */
    public void setParameters(Map<String, INDArray> values) {
        for (Map.Entry<String, INDArray> e : values.entrySet()) {
            INDArray target = live(e.getKey());
            INDArray value = e.getValue();
            long[] t = target.shape();
            long[] expected = isWeight(e.getKey()) ? new long[]{t[3], t[2], t[0], t[1]} : t;
            if (!java.util.Arrays.equals(expected, value.shape())) {
                throw new IllegalArgumentException(e.getKey() + " has shape " + java.util.Arrays.toString(value.shape())
                        + ", expected " + java.util.Arrays.toString(expected));
            }
            // a permuted view, assigned in place: no copy of the weights per call (the direct training path sets
            // them after every update)
            INDArray v = value.dataType() == dataType ? value : value.castTo(dataType);
            target.assign(isWeight(e.getKey()) ? v.permute(2, 3, 1, 0) : v);
        }
        dropDirect();
    }

    /**
     * Gradients of the training loss with respect to every parameter, and the named outputs, for one batch.
     * The gradient graph is built on the first call.
     */
    public org.nd4j.autodiff.samediff.api.OutAndGrad gradients(Map<String, INDArray> inputs, List<String> outputs) {
        if (sd.getFunction("grad") == null) {
            Quiet.run(sd::createGradFunction);
        }
        return sd.calculateGradientsAndOutputs(inputs, outputs, parameterNames());
    }

    /** A new model with the same config and a copy of the current weights (for sampling while this one trains). */
    public Hvae copy() {
        Hvae copy = create(config, dataType, 0);
        copy.setParameters(parameters());
        return copy;
    }

    /** Placeholders of the training path for a batch of images x [B, C, H, W] in [-1, 1] and its noise. */
    public Map<String, INDArray> trainingInputs(INDArray x, INDArray[] eps, double beta) {
        return trainingInputs(x, null, eps, beta);
    }

    /**
     * Placeholders of the training path for a batch of images x [B, C, H, W] in [-1, 1], their holes
     * ([B, 1, H, W], 1 inside; null: the model's own hole for every image) and the noise.
     */
    public Map<String, INDArray> trainingInputs(INDArray x, INDArray masks, INDArray[] eps, double beta) {
        if (eps.length != config.levelCount()) {
            throw new IllegalArgumentException("need noise for " + config.levelCount() + " levels, got " + eps.length);
        }
        Map<String, INDArray> ph = new HashMap<>();
        ph.put(HvaeGraph.X, x.castTo(dataType));
        ph.put(HvaeGraph.M, masks(masks, x.size(0)).castTo(dataType));
        ph.put(HvaeGraph.BETA, org.nd4j.linalg.factory.Nd4j.scalar(dataType, beta));
        for (int l = 1; l <= config.levelCount(); l++) {
            ph.put(HvaeGraph.eps(l), eps[l - 1].castTo(dataType));
        }
        return ph;
    }

    /** The names of the loss-term outputs, in {@link LossTerms} order. */
    public List<String> lossOutputs() {
        List<String> names = new ArrayList<>(List.of(HvaeGraph.LOSS, HvaeGraph.RECON, HvaeGraph.BPD));
        for (int l = 1; l <= config.levelCount(); l++) {
            names.add(HvaeGraph.kl(l));
        }
        return names;
    }

    /** Reads the loss terms out of a map of graph outputs. */
    public LossTerms lossTerms(Map<String, INDArray> outputs) {
        double[] kl = new double[config.levelCount()];
        for (int l = 1; l <= kl.length; l++) {
            kl[l - 1] = outputs.get(HvaeGraph.kl(l)).getDouble(0);
        }
        return new LossTerms(outputs.get(HvaeGraph.LOSS).getDouble(0), outputs.get(HvaeGraph.RECON).getDouble(0),
                kl, outputs.get(HvaeGraph.BPD).getDouble(0));
    }

    /** The loss terms of a batch for given noise (no training), on the model's own hole. */
    public LossTerms evaluate(INDArray x, INDArray[] eps, double beta) {
        return evaluate(x, null, eps, beta);
    }

    /** The loss terms of a batch with its holes (null: the model's own) for given noise (no training). */
    public LossTerms evaluate(INDArray x, INDArray masks, INDArray[] eps, double beta) {
        return lossTerms(sd.output(trainingInputs(x, masks, eps, beta), lossOutputs()));
    }

    /**
     * The holes of a batch of {@code batch} images: {@code masks} itself ([B, 1, H, W], checked), or the model's own
     * hole for every image when it is null.
     */
    public INDArray masks(INDArray masks, long batch) {
        int n = config.imageSize();
        if (masks == null) {
            INDArray one = HvaeGraph.holeMask(config);
            return batch == 1 ? one : one.repeat(0, batch);
        }
        long[] shape = masks.shape();
        if (shape.length != 4 || shape[0] != batch || shape[1] != 1 || shape[2] != n || shape[3] != n) {
            throw new IllegalArgumentException("masks must be [" + batch + ", 1, " + n + ", " + n + "], not "
                    + java.util.Arrays.toString(shape));
        }
        return masks;
    }

    /**
     * Any outputs of the training path at beta = 1, for evaluation code (per-image NELBO, log-likelihood and
     * log p(z) - log q(z); posterior means).
     */
    public Map<String, INDArray> outputs(INDArray x, INDArray[] eps, String... names) {
        return outputs(x, null, eps, names);
    }

    /** {@link #outputs(INDArray, INDArray[], String...)} with each image's hole (null: the model's own). */
    public Map<String, INDArray> outputs(INDArray x, INDArray masks, INDArray[] eps, String... names) {
        return sd.output(trainingInputs(x, masks, eps, 1.0), names);
    }

    /**
     * Completions of one image: {@code border} [1, C, H, W] in [-1, 1] (the hole's content is ignored) and the
     * prior noise of each level, eps[l-1] of shape [N, k_l, r_l, r_l], already scaled by the temperature.
     * Returns the N logistic means, clamped to [-1, 1], over the whole image ([N, C, H, W]).
     */
    public INDArray sampleMeans(INDArray border, INDArray[] eps) {
        return sampleMeans(border, null, eps);
    }

    /**
     * {@link #sampleMeans(INDArray, INDArray[])} for a hole of any shape: {@code mask} [1, 1, H, W], 1 inside the
     * hole (null: the model's own hole).
     */
    public INDArray sampleMeans(INDArray border, INDArray mask, INDArray[] eps) {
        return sample(border, mask, eps, false);
    }

    /**
     * The decoder's whole distribution for each completion: [N, 2C, H, W], the C logistic means (clamped to
     * [-1, 1]) then the C raw log-scales (MODEL.md: a sample of a sub-pixel is mean + exp(max(logScale, -7)) *
     * logistic noise). For drawing the photo's own grain at full resolution.
     */
    public INDArray sampleDistributions(INDArray border, INDArray mask, INDArray[] eps) {
        return sample(border, mask, eps, true);
    }

    private INDArray sample(INDArray border, INDArray mask, INDArray[] eps, boolean scales) {
        mask = masks(mask, 1);
        DirectSampler d = directSampler();
        if (d != null) {
            try {
                return scales ? d.sampleDistributions(border, mask, eps) : d.sampleMeans(border, mask, eps);
            } catch (RuntimeException e) {
                directFailed = true;
                dropDirect();
                warnOnce("direct sampling path failed, using SameDiff: " + e);
            }
        }
        if (!scales) {
            return sampleMeansSameDiff(border, mask, eps);
        }
        INDArray out = sameDiffSampling(border, mask, eps, HvaeGraph.S_OUT).dup();
        var all = org.nd4j.linalg.indexing.NDArrayIndex.all();
        INDArray means = out.get(all, org.nd4j.linalg.indexing.NDArrayIndex.interval(0, config.channels()), all, all);
        means.assign(Transforms.min(Transforms.max(means, -1.0, true), 1.0, true));
        return out;
    }

    /** {@link #sampleMeans} through SameDiff's executor, whatever the direct path's state. */
    INDArray sampleMeansSameDiff(INDArray border, INDArray mask, INDArray[] eps) {
        return sameDiffSampling(border, mask, eps, HvaeGraph.S_MEAN);
    }

    private INDArray sameDiffSampling(INDArray border, INDArray mask, INDArray[] eps, String output) {
        Map<String, INDArray> ph = new HashMap<>();
        ph.put(HvaeGraph.S_BORDER, border.castTo(dataType));
        ph.put(HvaeGraph.S_MASK, masks(mask, 1).castTo(dataType));
        for (int l = 1; l <= config.levelCount(); l++) {
            ph.put(HvaeGraph.sampleEps(l), eps[l - 1].castTo(dataType));
        }
        return sd.output(ph, output).get(output);
    }

    /**
     * Whether {@link #sampleMeans} runs on oneDNN's primitives called directly (float32, natives loaded, not
     * switched off with {@value #DIRECT_SAMPLING_PROPERTY}=false) rather than through SameDiff. Takes the direct
     * path's snapshot of the weights if it has none.
     */
    public boolean samplesDirectly() {
        return directSampler() != null;
    }

    /** The direct path for float32 models when oneDNN's natives load and it is not switched off; else null. */
    DirectSampler directSampler() {
        if (direct != null) {
            return direct;
        }
        if (directFailed || dataType != DataType.FLOAT || !directEnabled()) {
            return null;
        }
        try {
            direct = new DirectSampler(config, parameters());
        } catch (RuntimeException | LinkageError e) {
            directFailed = true;
            warnOnce("direct sampling path unavailable, using SameDiff: " + e);
        }
        return direct;
    }

    private static boolean directEnabled() {
        if (!Boolean.parseBoolean(System.getProperty(DIRECT_SAMPLING_PROPERTY, "true"))) {
            return false;
        }
        Boolean available = directAvailable;
        if (available == null) {
            String[] why = new String[1];
            available = DirectSampler.available(why);
            directAvailable = available;
            if (!available) {
                warnOnce("oneDNN's natives did not load (" + why[0] + "); sampling through SameDiff");
            }
        }
        return available;
    }

    private static final java.util.concurrent.atomic.AtomicBoolean WARNED =
            new java.util.concurrent.atomic.AtomicBoolean();

    /** The direct path's one log line per process. */
    private static void warnOnce(String message) {
        if (WARNED.compareAndSet(false, true)) {
            org.slf4j.LoggerFactory.getLogger(Hvae.class).warn(message);
        }
    }

    /**
     * Frees the native memory of the direct sampling path's plans now (they are made again if this model samples
     * later). For an owner that replaces a model: otherwise they go when the collector finds the model.
     */
    public void releaseSamplingPlans() {
        dropDirect();
    }

    /** Whether the direct sampling path's plans are held (made by a sampling, freed by a change of weights). */
    public boolean holdsSamplingPlans() {
        return direct != null;
    }

    private void dropDirect() {
        if (direct != null) {
            direct.close();
            direct = null;
        }
    }
}
