package org.lacuna.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.lacuna.config.ModelConfig;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The training step of a float32 {@link Hvae} on oneDNN's primitives called directly ({@link TrainingPlan}), instead
 * of SameDiff's executor: the loss terms of a batch and the gradient of the loss with respect to every parameter,
 * with the weights and the gradients each in one flat float32 vector in the design's order and layout
 * ({@link Hvae#parameterNames()}, weights [out, in, 3, 3]). The plans of a few batch sizes are kept; their memory is
 * allocated once. Equal to {@link Hvae#gradients} within float rounding (DirectTrainingTest). Not thread-safe.
 */
public final class DirectTraining implements AutoCloseable {

    /** Set to false to train through SameDiff's executor instead. */
    public static final String PROPERTY = "lacuna.direct.training";
    private static final int MAX_PLANS = 3;

    private final ModelConfig config;
    private final Map<String, Long> offsets = new LinkedHashMap<>();
    private final Map<String, long[]> shapes = new LinkedHashMap<>();
    private final INDArray params;
    private final INDArray grads;
    private final Map<Integer, TrainingPlan> plans = new LinkedHashMap<>(8, 0.75f, true);
    private final Precision.Choice precision;

    /** A direct step for {@code model}, starting from a copy of its weights, in the precision the setting picks. */
    public DirectTraining(Hvae model) {
        this(model, Precision.resolveTraining());
    }

    /** A direct step for {@code model} in the given precision of its convs (float32 master weights either way). */
    public DirectTraining(Hvae model, Precision precision) {
        this(model, new Precision.Choice(precision, "chosen by the caller"));
    }

    private DirectTraining(Hvae model, Precision.Choice precision) {
        this.precision = precision;
        this.config = model.config();
        long n = 0;
        for (ConvSpec c : model.convs()) {
            offsets.put(c.weightName(), n);
            shapes.put(c.weightName(), c.weightShape());
            n += (long) c.out() * c.in() * 9;
            offsets.put(c.biasName(), n);
            shapes.put(c.biasName(), new long[]{c.out()});
            n += c.out();
        }
        params = Nd4j.create(DataType.FLOAT, n);
        grads = Nd4j.create(DataType.FLOAT, n);
        readFrom(model);
    }

    /**
     * Whether training {@code model} can take the direct path: float32, oneDNN's natives load, and not switched off
     * with {@value #PROPERTY}=false.
     */
    public static boolean availableFor(Hvae model) {
        return model.dataType() == DataType.FLOAT && Boolean.parseBoolean(System.getProperty(PROPERTY, "true"))
                && DirectSampler.available(new String[1]);
    }

    public ModelConfig config() {
        return config;
    }

    /** The convs' number format, and why. */
    public Precision.Choice precision() {
        return precision;
    }

    /** The live flat weights: change them in place (an optimizer's update), the next step reads them. */
    public INDArray parameters() {
        return params;
    }

    /** The live flat gradients of the last {@link #step}. */
    public INDArray gradients() {
        return grads;
    }

    /** Views of a flat vector of this layout (the weights, the gradients, an optimizer's moments), by design name. */
    public Map<String, INDArray> views(INDArray flat) {
        Map<String, INDArray> m = new LinkedHashMap<>();
        for (Map.Entry<String, Long> e : offsets.entrySet()) {
            long[] shape = shapes.get(e.getKey());
            long length = 1;
            for (long s : shape) {
                length *= s;
            }
            m.put(e.getKey(), flat.get(NDArrayIndex.interval(e.getValue(), e.getValue() + length)).reshape('c', shape));
        }
        return Collections.unmodifiableMap(m);
    }

    /** A flat vector of this layout from arrays by design name, in the design's layout. */
    public INDArray flatten(Map<String, INDArray> designLayout) {
        INDArray flat = Nd4j.create(DataType.FLOAT, params.length());
        Map<String, INDArray> v = views(flat);
        for (Map.Entry<String, INDArray> e : v.entrySet()) {
            INDArray value = designLayout.get(e.getKey());
            if (value == null) {
                throw new IllegalArgumentException("no value for " + e.getKey());
            }
            e.getValue().assign(value.castTo(DataType.FLOAT));
        }
        return flat;
    }

    /** Copies the model's weights into the flat weights. */
    public void readFrom(Hvae model) {
        params.assign(flatten(model.parameters()));
    }

    /** Copies the flat weights into the model's. */
    public void writeTo(Hvae model) {
        model.setParameters(views(params));
    }

    /**
     * One forward and backward pass: the loss terms of the batch x [B, C, H, W] in [-1, 1] with noise eps (level l at
     * l - 1) and KL weight beta; the gradient of the loss in {@link #gradients()}.
     */
    public LossTerms step(INDArray x, INDArray[] eps, double beta) {
        return step(x, null, eps, beta);
    }

    /** {@link #step(INDArray, INDArray[], double)} with each image's hole ([B, 1, H, W]; null: the model's own). */
    public LossTerms step(INDArray x, INDArray masks, INDArray[] eps, double beta) {
        return plan(x).step(floats(x), maskFloats(masks, x.size(0)), noise(eps), beta);
    }

    /** The loss terms of a batch without gradients. */
    public LossTerms evaluate(INDArray x, INDArray[] eps, double beta) {
        return evaluate(x, null, eps, beta);
    }

    /** The loss terms of a batch with its holes (null: the model's own) without gradients. */
    public LossTerms evaluate(INDArray x, INDArray masks, INDArray[] eps, double beta) {
        return plan(x).evaluate(floats(x), maskFloats(masks, x.size(0)), noise(eps), beta);
    }

    /**
     * The loss terms of a batch for another model's weights of the same configuration (an EMA's, for validation),
     * on this instance's plans: its own weights are put back afterwards.
     */
    public LossTerms evaluate(Hvae weights, INDArray x, INDArray[] eps, double beta) {
        return evaluate(weights, x, null, eps, beta);
    }

    /** {@link #evaluate(Hvae, INDArray, INDArray[], double)} with each image's hole (null: the model's own). */
    public LossTerms evaluate(Hvae weights, INDArray x, INDArray masks, INDArray[] eps, double beta) {
        if (!weights.config().equals(config)) {
            throw new IllegalArgumentException("weights of another configuration");
        }
        INDArray saved = params.dup();
        try {
            readFrom(weights);
            return evaluate(x, masks, eps, beta);
        } finally {
            params.assign(saved);
        }
    }

    /** The primitives oneDNN chose for each batch size built so far. */
    public Map<Integer, List<String>> implementations() {
        Map<Integer, List<String>> m = new LinkedHashMap<>();
        plans.forEach((n, p) -> m.put(n, List.copyOf(p.implementations())));
        return m;
    }

    private TrainingPlan plan(INDArray x) {
        int n = Math.toIntExact(x.size(0));
        TrainingPlan plan = plans.get(n);
        if (plan == null) {
            plan = new TrainingPlan(config, n, offsets, params.data().addressPointer(), grads.data().addressPointer(),
                    precision.precision());
            plans.put(n, plan);
            if (plans.size() > MAX_PLANS) {
                Integer eldest = plans.keySet().iterator().next();
                plans.remove(eldest).close();
            }
        }
        return plan;
    }

    private float[][] noise(INDArray[] eps) {
        if (eps.length != config.levelCount()) {
            throw new IllegalArgumentException("need noise for " + config.levelCount() + " levels, got " + eps.length);
        }
        float[][] f = new float[eps.length][];
        for (int i = 0; i < eps.length; i++) {
            f[i] = floats(eps[i]);
        }
        return f;
    }

    /** The model's own hole for every image of a batch size, made once per size (the centre-hole runs' every step). */
    private final Map<Long, float[]> ownHoles = new java.util.HashMap<>();

    private float[] maskFloats(INDArray masks, long batch) {
        if (masks == null) {
            return ownHoles.computeIfAbsent(batch, b -> floats(HvaeGraph.holeMask(config).repeat(0, b)));
        }
        return floats(masks);
    }

    private static float[] floats(INDArray a) {
        return a.castTo(DataType.FLOAT).dup('c').data().asFloat();
    }

    @Override
    public void close() {
        plans.values().forEach(TrainingPlan::close);
        plans.clear();
    }
}
