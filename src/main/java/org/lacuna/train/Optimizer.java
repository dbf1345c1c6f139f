package org.lacuna.train;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.lacuna.model.DirectTraining;
import org.lacuna.model.Hvae;
import org.lacuna.model.LossTerms;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.updaters.AdamUpdater;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One model's defensive training step: gradients of the loss, their global norm, clipping, and an Adam update
 * that is skipped (and counted) when the loss or the norm is NaN/inf or above the skip threshold.
 * Owns the Adam state (first and second moments per parameter).
 *
 * <p>A float32 model trains on oneDNN's primitives called directly ({@link DirectTraining}) unless that path is
 * switched off ({@code -Dlacuna.direct.training=false}) or its natives do not load: the weights, gradients and
 * moments are then flat vectors, Adam is one native op over all of them, and the model's own weights are brought up
 * to date after every update. Otherwise (float64 models, the fallback) the step runs through SameDiff's graph.
 */
public final class Optimizer implements AutoCloseable {

    /** What one step did. */
    public record Step(LossTerms terms, double gradNorm, boolean skipped) {
    }

    private final Hvae model;
    private final AdamSettings settings;
    /** The direct path, or null for SameDiff's. */
    private final DirectTraining direct;
    /** SameDiff's path: the moments per parameter, in the graph's layout. */
    private final Map<String, INDArray> m = new LinkedHashMap<>();
    private final Map<String, INDArray> v = new LinkedHashMap<>();
    /** The direct path: the moments as flat vectors of {@link DirectTraining}'s layout. */
    private final INDArray flatM;
    private final INDArray flatV;
    private long updates;
    private long skips;
    /** Sees (and may change) each step's gradients before their norm: a seam for fault injection in tests. */
    private java.util.function.Consumer<Map<String, INDArray>> gradientProbe;

    public Optimizer(Hvae model, AdamSettings settings) {
        this.model = model;
        this.settings = settings;
        this.direct = DirectTraining.availableFor(model) ? new DirectTraining(model) : null;
        if (direct != null) {
            flatM = Nd4j.zeros(DataType.FLOAT, direct.parameters().length());
            flatV = Nd4j.zeros(DataType.FLOAT, direct.parameters().length());
        } else {
            flatM = null;
            flatV = null;
            for (String name : model.parameterNames()) {
                INDArray p = model.variable(name);
                m.put(name, Nd4j.zeros(p.dataType(), p.shape()));
                v.put(name, Nd4j.zeros(p.dataType(), p.shape()));
            }
        }
    }

    /** Whether steps run on oneDNN's primitives called directly rather than through SameDiff. */
    public boolean direct() {
        return direct != null;
    }

    /** A step at the settings' learning rate. */
    public Step step(INDArray x, INDArray[] eps, double beta) {
        return step(x, eps, beta, settings.learningRate());
    }

    /** A step at learning rate {@code lr} (a schedule's value for this step). */
    public Step step(INDArray x, INDArray[] eps, double beta, double lr) {
        return step(x, null, eps, beta, lr);
    }

    /** A step on images with their holes ([B, 1, H, W], 1 inside; null: the model's own hole). */
    public Step step(INDArray x, INDArray masks, INDArray[] eps, double beta, double lr) {
        return direct != null ? directStep(x, masks, eps, beta, lr) : sameDiffStep(x, masks, eps, beta, lr);
    }

    private Step directStep(INDArray x, INDArray masks, INDArray[] eps, double beta, double lr) {
        LossTerms terms = direct.step(x, masks, eps, beta);
        INDArray g = direct.gradients();
        if (gradientProbe != null) {
            gradientProbe.accept(direct.views(g));
        }
        double norm = g.norm2Number().doubleValue();
        if (!Double.isFinite(terms.loss()) || !Double.isFinite(norm) || norm > settings.skipNorm()) {
            skips++;
            return new Step(terms, norm, true);
        }
        if (norm > settings.clipNorm()) {
            g.muli(settings.clipNorm() / norm);
        }
        Nd4j.exec(new AdamUpdater(g, flatV, flatM, lr, settings.beta1(), settings.beta2(), settings.epsilon(),
                Math.toIntExact(updates)));
        direct.parameters().subi(g);
        direct.writeTo(model);
        updates++;
        return new Step(terms, norm, false);
    }

    private Step sameDiffStep(INDArray x, INDArray masks, INDArray[] eps, double beta, double lr) {
        List<String> outputs = model.lossOutputs();
        OutAndGrad result = model.gradients(model.trainingInputs(x, masks, eps, beta), outputs);
        LossTerms terms = model.lossTerms(result.getOutputs());
        Map<String, INDArray> grads = result.getGradients();
        if (gradientProbe != null) {
            gradientProbe.accept(grads);
        }
        double sumSquares = 0;
        for (INDArray g : grads.values()) {
            double norm = g.norm2Number().doubleValue();
            sumSquares += norm * norm;
        }
        double norm = Math.sqrt(sumSquares);
        if (!Double.isFinite(terms.loss()) || !Double.isFinite(norm) || norm > settings.skipNorm()) {
            skips++;
            return new Step(terms, norm, true);
        }
        double scale = norm > settings.clipNorm() ? settings.clipNorm() / norm : 1.0;
        for (String name : model.parameterNames()) {
            INDArray g = grads.get(name);
            if (scale != 1.0) {
                g.muli(scale);
            }
            Nd4j.exec(new AdamUpdater(g, v.get(name), m.get(name), lr, settings.beta1(),
                    settings.beta2(), settings.epsilon(), Math.toIntExact(updates)));
            model.variable(name).subi(g);
        }
        updates++;
        return new Step(terms, norm, false);
    }

    /**
     * The loss terms of a batch for {@code weights} (this model's EMA, say; same configuration), without training:
     * on the direct path's plans when steps take it (no second set of activations), else through SameDiff.
     */
    public LossTerms evaluate(Hvae weights, INDArray x, INDArray[] eps, double beta) {
        return evaluate(weights, x, null, eps, beta);
    }

    /** {@link #evaluate(Hvae, INDArray, INDArray[], double)} with each image's hole (null: the model's own). */
    public LossTerms evaluate(Hvae weights, INDArray x, INDArray masks, INDArray[] eps, double beta) {
        return direct != null ? direct.evaluate(weights, x, masks, eps, beta)
                : weights.evaluate(x, masks, eps, beta);
    }

    /**
     * For tests: a probe that sees each step's gradients, by parameter name, before the norm is taken (live arrays:
     * what the probe writes is what the step uses).
     */
    void setGradientProbe(java.util.function.Consumer<Map<String, INDArray>> probe) {
        this.gradientProbe = probe;
    }

    /** Updates applied so far (Adam's bias correction counts these). */
    public long updates() {
        return updates;
    }

    public long skips() {
        return skips;
    }

    public AdamSettings settings() {
        return settings;
    }

    /** Copies of the first moments by parameter name, in the design's layout. */
    public Map<String, INDArray> firstMoments() {
        return designLayout(m, flatM);
    }

    /** Copies of the second moments by parameter name, in the design's layout. */
    public Map<String, INDArray> secondMoments() {
        return designLayout(v, flatV);
    }

    private Map<String, INDArray> designLayout(Map<String, INDArray> graphLayout, INDArray flat) {
        Map<String, INDArray> out = new LinkedHashMap<>();
        if (direct != null) {
            direct.views(flat).forEach((name, a) -> out.put(name, a.dup()));
        } else {
            graphLayout.forEach((name, a) -> out.put(name, model.toDesignLayout(name, a)));
        }
        return out;
    }

    /** Restores the state saved from another optimizer of the same model shape (moments in the design's layout). */
    public void restore(Map<String, INDArray> first, Map<String, INDArray> second, long updateCount, long skipCount) {
        copyInto(m, flatM, first, "first moment");
        copyInto(v, flatV, second, "second moment");
        this.updates = updateCount;
        this.skips = skipCount;
    }

    /** Releases the direct path's native memory (its plans); the optimizer cannot step afterwards. */
    @Override
    public void close() {
        if (direct != null) {
            direct.close();
        }
    }

    private static void checkShape(Map<String, INDArray> source, String name, long[] shape, String what) {
        if (!java.util.Arrays.equals(source.get(name).shape(), shape)) {
            throw new IllegalArgumentException("optimizer " + what + " of " + name + " has the wrong shape");
        }
    }

    private void copyInto(Map<String, INDArray> graphLayout, INDArray flat, Map<String, INDArray> source, String what) {
        if (!new java.util.HashSet<>(model.parameterNames()).equals(source.keySet())) {
            throw new IllegalArgumentException("optimizer " + what + " names do not match the model's parameters");
        }
        for (org.lacuna.model.ConvSpec c : model.convs()) {
            checkShape(source, c.weightName(), c.weightShape(), what);
            checkShape(source, c.biasName(), new long[]{c.out()}, what);
        }
        if (direct != null) {
            flat.assign(direct.flatten(source));
        } else {
            source.forEach((name, value) -> graphLayout.get(name).assign(model.toGraphLayout(name, value)));
        }
    }
}
