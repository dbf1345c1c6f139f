package org.lacuna.model;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import org.lacuna.config.MaskDistribution;
import org.lacuna.config.ModelConfig;
import org.lacuna.store.ModelFile;
import org.lacuna.store.NpzWeights;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Models to and from the formats of {@code org.lacuna.store}: the one place that builds an {@link Hvae} from a
 * model file's content ({@link #fromWeights}) or from an {@code .npz}, and saves one. The files themselves are read
 * and written by {@link ModelFile} and {@link NpzWeights}; which weights a file samples with is
 * {@link ModelFile.Content#samplingGroup()}'s rule.
 */
public final class ModelFiles {

    /** What {@link #exportNpz(Path, Path)} wrote: the model-file group it took ("ema" or "params"), counts, config. */
    public record Exported(String group, int names, long parameters, ModelConfig config) {
    }

    private ModelFiles() {
    }

    // ---------------------------------------------------------------- .lacuna

    /** Saves a model's weights with its config and step, as weights of the model's own hole (centre). */
    public static void save(Hvae model, long step, Path file) throws IOException {
        save(model, step, MaskDistribution.CENTRE, file);
    }

    /** Saves a model's weights with its config, step and the holes they were trained on. */
    public static void save(Hvae model, long step, MaskDistribution masks, Path file) throws IOException {
        ModelFile.writeWeights(file, model.config(), step, masks, model.parameters());
    }

    /**
     * Rebuilds the model a file describes, for sampling and evaluation: with the weights it samples with (the EMA
     * of a training checkpoint that has one, else its weights).
     */
    public static Hvae load(Path file) throws IOException {
        return forSampling(ModelFile.read(file), file.toString());
    }

    /** The model of content already read, with the weights it samples with ({@code source} names it in errors). */
    public static Hvae forSampling(ModelFile.Content content, String source) throws IOException {
        return fromGroup(content, content.samplingGroup(), source);
    }

    /** The model of content already read, with the weights of one of its groups. */
    public static Hvae fromGroup(ModelFile.Content content, String group, String source) throws IOException {
        return fromWeights(content.header().config(), content.group(group), source);
    }

    /**
     * A new model of the config with exactly these weights (design names and layout): a missing or unexpected
     * name, or a wrong shape, is an IOException that names {@code source} and the difference.
     */
    public static Hvae fromWeights(ModelConfig config, Map<String, INDArray> weights, String source)
            throws IOException {
        Hvae model = Hvae.create(config, 0);
        var expected = new LinkedHashSet<>(model.parameterNames());
        List<String> missing = new ArrayList<>(expected);
        missing.removeAll(weights.keySet());
        List<String> extra = new ArrayList<>(weights.keySet());
        extra.removeAll(expected);
        if (!missing.isEmpty() || !extra.isEmpty()) {
            throw new IOException(source + " does not match its own config: missing " + missing + ", unexpected "
                    + extra);
        }
        try {
            model.setParameters(weights);
        } catch (IllegalArgumentException e) {
            throw new IOException(source + ": " + e.getMessage(), e);
        }
        return model;
    }

    /**
     * Writes a slim copy of a model file for sampling: the weights it samples with (the EMA of a checkpoint) as
     * its only group, checked against its config, with the same config and step. Returns the step.
     */
    public static long saveForSampling(Path source, Path target) throws IOException {
        return saveForSampling(source, target, 0);
    }

    /**
     * The same, recording the source's step plus {@code stepsBefore}: the steps the weights had before the source's
     * run began (a run warm-started with {@code --init} counts its steps from 0).
     */
    public static long saveForSampling(Path source, Path target, long stepsBefore) throws IOException {
        if (stepsBefore < 0) {
            throw new IllegalArgumentException("steps before the run cannot be negative: " + stepsBefore);
        }
        ModelFile.Content content = ModelFile.read(source);
        Hvae model = forSampling(content, source.toString());
        long step = content.header().step() + stepsBefore;
        ModelFile.writeWeights(target, content.header().config(), step, content.masks(source.toString()),
                model.parameters());
        return step;
    }

    // ---------------------------------------------------------------- .npz

    /** Writes the model's parameters (design names and order) as an .npz, atomically. */
    public static void exportNpz(Hvae model, Path npz) throws IOException {
        NpzWeights.export(model.parameters(), npz);
    }

    /**
     * Exports a model file's weights to an .npz: the weights it samples with (its EMA when it is a training
     * checkpoint that has one, else its weights), checked against the file's own config first.
     */
    public static Exported exportNpz(Path modelFile, Path npz) throws IOException {
        ModelFile.Content content = ModelFile.read(modelFile);
        String group = content.samplingGroup();
        Hvae model = fromGroup(content, group, modelFile.toString());
        exportNpz(model, npz);
        return new Exported(group, model.parameterNames().size(), model.parameterCount(), model.config());
    }

    /** A new model of the config with the file's weights. See {@link #loadNpz}. */
    public static Hvae importNpz(ModelConfig config, Path npz) throws IOException {
        Hvae model = Hvae.create(config, 0);
        loadNpz(model, npz);
        return model;
    }

    /**
     * Loads an .npz into a model's parameters. Every parameter name must be present with its exact shape, as
     * float32, and nothing else may be there; otherwise a {@link org.lacuna.store.WeightsMismatchException} lists
     * every missing, extra, misshapen and non-float32 array, and the model is left untouched.
     */
    public static void loadNpz(Hvae model, Path npz) throws IOException {
        ModelConfig c = model.config();
        model.setParameters(NpzWeights.read(npz, designShapes(model), c.name() + " (" + c.conditioning() + ")"));
    }

    /** Every parameter's shape in the design's layout, in the design's order (no weights copied). */
    private static Map<String, long[]> designShapes(Hvae model) {
        Map<String, long[]> shapes = new LinkedHashMap<>();
        for (ConvSpec conv : model.convs()) {
            shapes.put(conv.weightName(), conv.weightShape());
            shapes.put(conv.biasName(), new long[]{conv.out()});
        }
        return shapes;
    }
}
