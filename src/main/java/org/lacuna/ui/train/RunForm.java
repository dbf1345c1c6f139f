package org.lacuna.ui.train;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executor;
import java.util.function.Function;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import org.lacuna.config.Conditioning;
import org.lacuna.config.ExampleMode;
import org.lacuna.config.ModelConfig;
import org.lacuna.config.Presets;
import org.lacuna.config.RunConfig;
import org.lacuna.config.TrainConfig;
import org.lacuna.service.TrainingService;
import org.lacuna.ui.common.DataSource;
import org.lacuna.ui.common.PhotoSource;

/**
 * The new-run form's view model: the data source and its check ({@link DataSource}, {@link DataCheckModel}), the
 * preset and conditioning, the recipe and the hyperparameters (each validated as typed, with the reason) and the run
 * folder ({@link RunFolder}). No nodes; usable without a running JavaFX toolkit. The inputs the view binds are
 * writable properties; what the form works out (the data check, each field's reason) is read-only.
 */
final class RunForm {

    private final TrainingService training;
    private final TrainConfig defaults = TrainConfig.defaults("-");

    private final StringProperty recipe = new SimpleStringProperty(this, "recipe", "reference");
    private final ObjectProperty<ExampleMode> mode = new SimpleObjectProperty<>(this, "mode", ExampleMode.RESIZE);
    private final ObjectProperty<ModelConfig> preset = new SimpleObjectProperty<>(this, "preset");
    private final ObjectProperty<Conditioning> conditioning = new SimpleObjectProperty<>(this, "conditioning",
            Conditioning.EVERY_LEVEL);
    private final StringProperty batch = new SimpleStringProperty(this, "batch",
            Integer.toString(defaults.batchSize()));
    private final StringProperty learningRate = new SimpleStringProperty(this, "learningRate", "2e-4");
    private final StringProperty steps = new SimpleStringProperty(this, "steps", Long.toString(defaults.steps()));
    private final StringProperty klWarmup = new SimpleStringProperty(this, "klWarmup",
            Long.toString(defaults.klWarmupSteps()));
    private final StringProperty checkpointEvery = new SimpleStringProperty(this, "checkpointEvery",
            Long.toString(defaults.checkpointEvery()));
    private final StringProperty validateEvery = new SimpleStringProperty(this, "validateEvery",
            Long.toString(defaults.validateEvery()));
    private final StringBinding batchError;
    private final StringBinding learningRateError;
    private final StringBinding stepsError;
    private final StringBinding klWarmupError;
    private final StringBinding checkpointEveryError;
    private final StringBinding validateEveryError;
    private final StringBinding problem;
    private final BooleanBinding valid;
    /** Start from the shipped model's weights (fine-tuning) rather than random ones. */
    private final BooleanProperty fromShipped = new SimpleBooleanProperty(this, "fromShipped");
    private final StringBinding warning;

    private final DataSource data;
    private final DataCheckModel check;
    private final RunFolder runFolder;

    RunForm(TrainingService training, Executor fx) {
        this.training = training;
        preset.set(training.presets().get(0));
        data = new DataSource(training.fashionMnist());
        check = new DataCheckModel(training, fx, data, this::model, mode);
        runFolder = new RunFolder(training.runsRoot(), () -> preset.get().name());
        // fine-tuning the shipped model: its preset and conditioning, the recipe made for a small folder
        fromShipped.addListener((o, was, now) -> {
            if (now) {
                presetNamed(Presets.COCO64.name());
                conditioning.set(Presets.COCO64.conditioning());
                recipe.set("fine-tune");
                steps.set(Long.toString(Presets.FINE_TUNE.steps()));
            }
        });
        // a recipe fills the fields with its settings; the fields may then be changed one by one
        recipe.addListener((o, was, now) -> {
            if (now != null && Presets.recipeNames().contains(now)) {
                TrainConfig r = Presets.recipe(now, "-");
                mode.set(r.mode());
                batch.set(Integer.toString(r.batchSize()));
                learningRate.set(new java.math.BigDecimal(Double.toString(r.learningRate())).stripTrailingZeros()
                        .toPlainString());
                klWarmup.set(Long.toString(r.klWarmupSteps()));
                checkpointEvery.set(Long.toString(r.checkpointEvery()));
                validateEvery.set(Long.toString(r.validateEvery()));
            }
        });

        batchError = error(batch, t -> wholeNumber(t, 1, 1024) ? "" : "Batch size: a whole number from 1 to 1024");
        learningRateError = error(learningRate, t -> {
            Double v = number(t);
            return v != null && v > 0 && v < 1 ? "" : "Learning rate: a number between 0 and 1, such as 2e-4";
        });
        stepsError = error(steps, t -> wholeNumber(t, 1, Long.MAX_VALUE) ? "" : "Steps: a whole number, at least 1");
        klWarmupError = error(klWarmup, t -> wholeNumber(t, 0, Long.MAX_VALUE) ? ""
                : "KL warm-up: a whole number of steps, 0 for none");
        checkpointEveryError = error(checkpointEvery, t -> wholeNumber(t, 1, Long.MAX_VALUE) ? ""
                : "Checkpoint every: a whole number of steps, at least 1");
        validateEveryError = error(validateEvery, t -> wholeNumber(t, 1, Long.MAX_VALUE) ? ""
                : "Validate and preview every: a whole number of steps, at least 1");
        problem = Bindings.createStringBinding(() -> {
            for (StringBinding e : List.of(check.errorProperty(), batchError, learningRateError, stepsError,
                    klWarmupError, checkpointEveryError, validateEveryError, runFolder.errorProperty())) {
                if (!e.get().isEmpty()) {
                    return e.get();
                }
            }
            return "";
        }, check.errorProperty(), batchError, learningRateError, stepsError, klWarmupError, checkpointEveryError,
                validateEveryError, runFolder.errorProperty());
        valid = Bindings.createBooleanBinding(() -> problem.get().isEmpty(), problem);
        warning = Bindings.createStringBinding(this::warnings, check.trainingExamplesProperty(), batch, klWarmup,
                steps);

        preset.addListener((o, was, now) -> {
            runFolder.presetChanged();
            check.check();
        });
        mode.addListener((o, was, now) -> check.check());
        data.sourceProperty().addListener((o, was, now) -> {
            ModelConfig before = preset.get();
            presetNamed(now == PhotoSource.FASHION_MNIST ? "fashion32" : "coco64");
            if (preset.get() == before) {
                check.check(); // else the preset's change did
            }
        });
    }

    private static StringBinding error(StringProperty field, Function<String, String> check) {
        return Bindings.createStringBinding(() -> check.apply(field.get() == null ? "" : field.get().strip()), field);
    }

    static boolean wholeNumber(String text, long min, long max) {
        try {
            long v = Long.parseLong(text.strip().replace("_", "").replace(",", ""));
            return v >= min && v <= max;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    static long parseWhole(String text) {
        return Long.parseLong(text.strip().replace("_", "").replace(",", ""));
    }

    static Double number(String text) {
        try {
            double v = Double.parseDouble(text.strip());
            return Double.isFinite(v) ? v : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    List<ModelConfig> presetsOffered() {
        return training.presets();
    }

    private void presetNamed(String name) {
        training.presets().stream().filter(p -> p.name().equals(name)).findFirst().ifPresent(preset::set);
    }

    /** The model the run would train: the preset with the chosen conditioning. */
    ModelConfig model() {
        return preset.get().withConditioning(conditioning.get());
    }

    /**
     * About 30 images a second: coco64's training speed on one core of the development machine (docs/PERFORMANCE.md),
     * for a rough time to the end before a run starts.
     */
    static final double TYPICAL_IMAGES_PER_SECOND = 30;

    /** What may be unwise in the settings, though they are valid: one line each; empty when nothing is. */
    private String warnings() {
        List<String> lines = new java.util.ArrayList<>();
        Long b = wholeNumber(batch.get(), 1, 1024) ? parseWhole(batch.get()) : null;
        Long s = wholeNumber(steps.get(), 1, Long.MAX_VALUE) ? parseWhole(steps.get()) : null;
        Long k = wholeNumber(klWarmup.get(), 0, Long.MAX_VALUE) ? parseWhole(klWarmup.get()) : null;
        long examples = check.trainingExamplesProperty().get();
        if (b != null && examples >= 0 && examples < b) {
            lines.add(String.format(Locale.ROOT, "The data gives %,d training examples, fewer than a batch of %d:"
                    + " every batch repeats them. Add photos, use crops, or a smaller batch.", examples, b));
        }
        if (k != null && s != null && k > s) {
            lines.add(String.format(Locale.ROOT, "The KL warm-up (%,d steps) is longer than the run (%,d steps):"
                    + " the run ends before the KL has its full weight.", k, s));
        }
        if (b != null && s != null) {
            double hours = s * (double) b / TYPICAL_IMAGES_PER_SECOND / 3600;
            if (hours >= 2) {
                lines.add(String.format(Locale.ROOT, "At about %.0f images a second this run takes some %.0f hours.",
                        TYPICAL_IMAGES_PER_SECOND, hours));
            }
        }
        return String.join("\n", lines);
    }

    /** The run this form describes; call only when {@link #validProperty() valid}. */
    RunConfig config() {
        Path source = data.path().toAbsolutePath();
        long every = parseWhole(validateEvery.get());
        TrainConfig t = Presets.recipe(recipe.get(), source.toString()).toBuilder().mode(mode.get())
                .batchSize((int) parseWhole(batch.get())).learningRate(number(learningRate.get()))
                .klWarmupSteps(parseWhole(klWarmup.get())).checkpointEvery(parseWhole(checkpointEvery.get()))
                .validateEvery(every).steps(parseWhole(steps.get())).build();
        return new RunConfig(model(), t);
    }

    Path runFolderPath() {
        return runFolder.path();
    }

    /** A fresh default run folder (after a start, for the next run). */
    void newRunFolder() {
        runFolder.renew();
    }

    /** The data to train on: a folder of photos, or Fashion-MNIST. */
    DataSource data() {
        return data;
    }

    /** The data check. */
    DataCheckModel check() {
        return check;
    }

    // ---------------------------------------------------------------- the inputs (the view binds them)

    /**
     * The recipe the run starts from (Presets: "reference", MODEL.md's; "photos", the shipped model's: crops with
     * flips, per-image clipping, a learning-rate warm-up); choosing one fills the fields with its settings, and
     * what the form does not show (clipping, flips, warm-up, snapshots) comes from it.
     */
    public StringProperty recipeProperty() {
        return recipe;
    }

    /** The recipes to choose from. */
    public List<String> recipesOffered() {
        return List.copyOf(Presets.recipeNames());
    }

    /** How examples are made from photos: "resize" or "crops". */
    public ObjectProperty<ExampleMode> modeProperty() {
        return mode;
    }

    public ObjectProperty<ModelConfig> presetProperty() {
        return preset;
    }

    public ObjectProperty<Conditioning> conditioningProperty() {
        return conditioning;
    }

    public StringProperty batchProperty() {
        return batch;
    }

    public StringProperty learningRateProperty() {
        return learningRate;
    }

    public StringProperty stepsProperty() {
        return steps;
    }

    public StringProperty klWarmupProperty() {
        return klWarmup;
    }

    public StringProperty checkpointEveryProperty() {
        return checkpointEvery;
    }

    /** Validation and the preview grid come every this many steps. */
    public StringProperty validateEveryProperty() {
        return validateEvery;
    }

    /** Where the run's files go, as typed (a fresh default until the user changes it). */
    public StringProperty runFolderProperty() {
        return runFolder.property();
    }

    // ---------------------------------------------------------------- what the form works out

    /** Each field's reason when it is invalid, or "". */
    public StringBinding batchErrorProperty() {
        return batchError;
    }

    public StringBinding learningRateErrorProperty() {
        return learningRateError;
    }

    public StringBinding stepsErrorProperty() {
        return stepsError;
    }

    public StringBinding klWarmupErrorProperty() {
        return klWarmupError;
    }

    public StringBinding checkpointEveryErrorProperty() {
        return checkpointEveryError;
    }

    public StringBinding validateEveryErrorProperty() {
        return validateEveryError;
    }

    public StringBinding runFolderErrorProperty() {
        return runFolder.errorProperty();
    }

    /** The first reason the form cannot start a run, or "" when it can. */
    public StringBinding problemProperty() {
        return problem;
    }

    public BooleanBinding validProperty() {
        return valid;
    }

    /** Warnings about valid but unwise settings (a folder smaller than a batch, ...); empty when there are none. */
    public StringBinding warningProperty() {
        return warning;
    }

    /** Whether the run starts from the shipped model's weights (fine-tuning); setting it chooses its recipe. */
    public BooleanProperty fromShippedProperty() {
        return fromShipped;
    }
}
