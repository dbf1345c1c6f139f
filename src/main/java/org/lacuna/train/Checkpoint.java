package org.lacuna.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.lacuna.config.Json;
import org.lacuna.config.ModelConfig;
import org.lacuna.config.TrainConfig;
import org.lacuna.model.Hvae;
import org.lacuna.model.ModelFiles;
import org.lacuna.store.ModelFile;

/**
 * A training checkpoint: a model file ({@link ModelFile}) whose groups hold the weights ({@code params}), their EMA
 * ({@code ema}) and Adam's moments ({@code adam_m}, {@code adam_v}), with the trainer's counters and the training
 * config as header sections. Sampling code reads it as a plain model file.
 */
public final class Checkpoint {

    public static final String ADAM_M = "adam_m";
    public static final String ADAM_V = "adam_v";
    public static final String TRAINER_SECTION = "trainer";
    public static final String TRAIN_SECTION = ModelFile.TRAIN_SECTION;

    /** What a checkpoint restores. */
    public record Restored(Hvae model, Hvae ema, Optimizer optimizer, TrainerState state, TrainConfig train) {
    }

    private Checkpoint() {
    }

    public static void save(Path file, Hvae model, Hvae ema, Optimizer optimizer, TrainerState state, TrainConfig train)
            throws IOException {
        Map<String, String> sections = new LinkedHashMap<>();
        sections.put(TRAINER_SECTION, Json.write(state));
        sections.put(TRAIN_SECTION, Json.write(train));
        Map<String, Map<String, org.nd4j.linalg.api.ndarray.INDArray>> groups = new LinkedHashMap<>();
        groups.put(ModelFile.PARAMS, model.parameters());
        groups.put(ModelFile.EMA, ema.parameters());
        groups.put(ADAM_M, optimizer.firstMoments());
        groups.put(ADAM_V, optimizer.secondMoments());
        ModelFile.write(file, new ModelFile.Header(ModelFile.FORMAT, ModelFile.VERSION, model.config(), state.step(),
                sections), groups);
    }

    /**
     * Restores everything a run needs to continue as if never stopped. The checkpoint must be of {@code expected}
     * (the run's model config); anything else is an IOException that names the file and the difference.
     */
    public static Restored load(Path file, ModelConfig expected, TrainConfig train) throws IOException {
        ModelFile.Content content = ModelFile.read(file);
        ModelConfig config = content.header().config();
        if (!config.equals(expected)) {
            throw new IOException(file + " is a checkpoint of another model (" + config.name() + ", "
                    + config.conditioning() + ", " + config.imageSize() + "px) than this run's (" + expected.name()
                    + ", " + expected.conditioning() + ", " + expected.imageSize() + "px)");
        }
        String trainer = content.header().sections().get(TRAINER_SECTION);
        if (trainer == null || content.group(ModelFile.EMA).isEmpty() || content.group(ADAM_M).isEmpty()) {
            throw new IOException(file + " holds a model but not a training state (no trainer section, EMA or Adam"
                    + " moments): it cannot resume a run");
        }
        TrainerState state;
        try {
            state = Json.read(withDefaults(trainer), TrainerState.class);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": unreadable trainer state: " + e.getMessage(), e);
        }
        Hvae model = ModelFiles.fromGroup(content, ModelFile.PARAMS, file.toString());
        Hvae ema = ModelFiles.fromGroup(content, ModelFile.EMA, file.toString());
        Optimizer optimizer = new Optimizer(model, Trainer.adamSettings(train, config));
        try {
            optimizer.restore(content.group(ADAM_M), content.group(ADAM_V),
                    state.updates(), state.skips());
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
        return new Restored(model, ema, optimizer, state, train);
    }

    /** A trainer section written before warm starts were counted has no stepsBefore: its runs had none (0). */
    private static String withDefaults(String trainer) {
        try {
            var tree = Json.mapper().readTree(trainer);
            if (tree instanceof com.fasterxml.jackson.databind.node.ObjectNode o && !o.has("stepsBefore")) {
                o.put("stepsBefore", 0);
                return Json.mapper().writeValueAsString(o);
            }
            return trainer;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(Json.describe(e), e);
        }
    }
}
