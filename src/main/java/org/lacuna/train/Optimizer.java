package org.lacuna.train;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.lacuna.model.Hvae;
import org.lacuna.model.LossTerms;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.updaters.AdamUpdater;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One model's defensive training step: gradients of the loss, their global norm, clipping, and an Adam update
 * that is skipped (and counted) when the loss or the norm is NaN/inf or above the skip threshold.
 * Owns the Adam state (first and second moments per parameter, in the parameters' layout).
 */
public final class Optimizer {

    /** What one step did. */
    public record Step(LossTerms terms, double gradNorm, boolean skipped) {
    }

    private final Hvae model;
    private final AdamSettings settings;
    private final Map<String, INDArray> m = new LinkedHashMap<>();
    private final Map<String, INDArray> v = new LinkedHashMap<>();
    private long updates;
    private long skips;
    /** Sees (and may change) each step's gradients before their norm: a seam for fault injection in tests. */
    private java.util.function.Consumer<Map<String, INDArray>> gradientProbe = g -> { };

    public Optimizer(Hvae model, AdamSettings settings) {
        this.model = model;
        this.settings = settings;
        for (String name : model.parameterNames()) {
            INDArray p = model.variable(name);
            m.put(name, Nd4j.zeros(p.dataType(), p.shape()));
            v.put(name, Nd4j.zeros(p.dataType(), p.shape()));
        }
    }

    /** A step at the settings' learning rate. */
    public Step step(INDArray x, INDArray[] eps, double beta) {
        return step(x, eps, beta, settings.learningRate());
    }

    /** A step at learning rate {@code lr} (a schedule's value for this step). */
    public Step step(INDArray x, INDArray[] eps, double beta, double lr) {
        List<String> outputs = model.lossOutputs();
        OutAndGrad result = model.gradients(model.trainingInputs(x, eps, beta), outputs);
        LossTerms terms = model.lossTerms(result.getOutputs());
        Map<String, INDArray> grads = result.getGradients();
        gradientProbe.accept(grads);
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

    /** For tests: a probe that sees each step's gradients, by parameter name, before the norm is taken. */
    void setGradientProbe(java.util.function.Consumer<Map<String, INDArray>> probe) {
        this.gradientProbe = probe == null ? g -> { } : probe;
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

    /** The live first-moment arrays by parameter name. */
    public Map<String, INDArray> firstMoments() {
        return m;
    }

    /** The live second-moment arrays by parameter name. */
    public Map<String, INDArray> secondMoments() {
        return v;
    }

    /** Restores the state saved from another optimizer of the same model shape. */
    public void restore(Map<String, INDArray> first, Map<String, INDArray> second, long updateCount, long skipCount) {
        copyInto(m, first, "first moment");
        copyInto(v, second, "second moment");
        this.updates = updateCount;
        this.skips = skipCount;
    }

    private static void copyInto(Map<String, INDArray> target, Map<String, INDArray> source, String what) {
        if (!target.keySet().equals(source.keySet())) {
            throw new IllegalArgumentException("optimizer " + what + " names do not match the model's parameters");
        }
        for (Map.Entry<String, INDArray> e : target.entrySet()) {
            INDArray value = source.get(e.getKey());
            if (!java.util.Arrays.equals(value.shape(), e.getValue().shape())) {
                throw new IllegalArgumentException("optimizer " + what + " of " + e.getKey() + " has the wrong shape");
            }
            e.getValue().assign(value);
        }
    }
}
