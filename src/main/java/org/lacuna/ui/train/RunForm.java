package org.lacuna.ui.train;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Executor;
import java.util.function.Function;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import org.lacuna.ui.common.PhotoSource;
import org.lacuna.config.Conditioning;
import org.lacuna.config.ModelConfig;
import org.lacuna.config.RunConfig;
import org.lacuna.config.ExampleMode;
import org.lacuna.config.Presets;
import org.lacuna.config.TrainConfig;
import org.lacuna.service.DataCheck;
import org.lacuna.service.DataPreview;
import org.lacuna.service.Failures;
import org.lacuna.service.Picture;
import org.lacuna.service.TrainingService;

/**
 * The new-run form's view model: the data source (checked off the FX thread, with a count of usable and skipped
 * files and a few example windows), the preset and conditioning, the hyperparameters (each validated as typed, with
 * the reason) and the run folder. No nodes; usable without a running JavaFX toolkit. The inputs the view binds are
 * writable properties; what the form works out (the data check, each field's reason) is read-only.
 */
final class RunForm {

    /** Where the examples come from. */
    /** The data check's state. */
    enum DataState { NONE, CHECKING, READY, FAILED }

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final TrainingService training;
    private final Executor fx;
    private final TrainConfig defaults = TrainConfig.defaults("-");

    private final StringProperty recipe = new SimpleStringProperty(this, "recipe", "reference");
    private final ObjectProperty<PhotoSource> source = new SimpleObjectProperty<>(this, "source", PhotoSource.FOLDER);
    private final StringProperty folder = new SimpleStringProperty(this, "folder", "");
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
    private final StringProperty runFolder = new SimpleStringProperty(this, "runFolder", "");
    /** Start from the shipped model's weights (fine-tuning) rather than random ones. */
    private final javafx.beans.property.BooleanProperty fromShipped =
            new javafx.beans.property.SimpleBooleanProperty(this, "fromShipped");
    private final javafx.beans.property.ReadOnlyLongWrapper trainingExamples =
            new javafx.beans.property.ReadOnlyLongWrapper(this, "trainingExamples", -1);
    private StringBinding warning;

    private final ReadOnlyObjectWrapper<DataState> dataState = new ReadOnlyObjectWrapper<>(this, "dataState",
            DataState.NONE);
    private final ReadOnlyStringWrapper dataText = new ReadOnlyStringWrapper(this, "dataText",
            "Choose a folder of photos, or Fashion-MNIST.");
    private final ReadOnlyStringWrapper dataDetails = new ReadOnlyStringWrapper(this, "dataDetails", "");
    private final ObservableList<Picture> examples = FXCollections.observableArrayList();
    private final ObservableList<Picture> examplesView = FXCollections.unmodifiableObservableList(examples);
    private final ReadOnlyBooleanWrapper fashionAvailable = new ReadOnlyBooleanWrapper(this, "fashionAvailable");

    private final StringBinding batchError;
    private final StringBinding learningRateError;
    private final StringBinding stepsError;
    private final StringBinding klWarmupError;
    private final StringBinding checkpointEveryError;
    private final StringBinding validateEveryError;
    private final StringBinding runFolderError;
    private final StringBinding dataError;
    private final StringBinding problem;
    private final BooleanBinding valid;

    private DataCheck check;
    private String checkedKey;
    private String autoRunFolder = "";

    RunForm(TrainingService training, Executor fx) {
        this.training = training;
        this.fx = fx;
        List<ModelConfig> presets = training.presets();
        preset.set(presets.get(0));
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
        fashionAvailable.set(training.fashionMnist().isPresent());
        // fine-tuning the shipped model: its preset and conditioning, the recipe made for a small folder
        fromShipped.addListener((o, was, now) -> {
            if (now) {
                training.presets().stream().filter(m -> m.name().equals(Presets.COCO64.name())).findFirst()
                        .ifPresent(preset::set);
                conditioning.set(Presets.COCO64.conditioning());
                recipe.set("fine-tune");
                steps.set(Long.toString(Presets.FINE_TUNE.steps()));
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
        runFolderError = error(runFolder, t -> {
            if (t.isBlank()) {
                return "Run folder: choose where the run's files go";
            }
            try {
                Path.of(t.strip());
                return "";
            } catch (InvalidPathException e) {
                return "Run folder: not a valid path (" + e.getReason() + ")";
            }
        });
        dataError = Bindings.createStringBinding(() -> switch (dataState.get()) {
            case READY -> "";
            case CHECKING -> "Data: still being read\u2026";
            case FAILED -> "Data: " + dataText.get();
            case NONE -> "Data: choose a folder of photos, or Fashion-MNIST";
        }, dataState, dataText);
        problem = Bindings.createStringBinding(() -> {
            for (StringBinding e : List.of(dataError, batchError, learningRateError, stepsError, klWarmupError,
                    checkpointEveryError, validateEveryError, runFolderError)) {
                if (!e.get().isEmpty()) {
                    return e.get();
                }
            }
            return "";
        }, dataError, batchError, learningRateError, stepsError, klWarmupError, checkpointEveryError,
                validateEveryError, runFolderError);
        valid = Bindings.createBooleanBinding(() -> problem.get().isEmpty(), problem);
        warning = Bindings.createStringBinding(this::warnings, trainingExamples, batch, klWarmup, steps);

        newRunFolder();
        runFolder.addListener((o, was, now) -> {
            if (!now.equals(autoRunFolder)) {
                autoRunFolder = null; // the user chose one: keep it
            }
        });
        preset.addListener((o, was, now) -> {
            if (autoRunFolder != null) {
                newRunFolder();
            }
            checkData();
        });
        mode.addListener((o, was, now) -> checkData());
        source.addListener((o, was, now) -> {
            ModelConfig before = preset.get();
            presetNamed(now == PhotoSource.FASHION_MNIST ? "fashion32" : "coco64");
            if (preset.get() == before) {
                checkData(); // else the preset's change did
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

    /** A fresh default run folder under the runs directory: PRESET-yyyyMMdd-HHmmss. */
    void newRunFolder() {
        String name = preset.get().name() + "-" + LocalDateTime.now().format(STAMP);
        autoRunFolder = training.runsRoot().resolve(name).toString();
        runFolder.set(autoRunFolder);
    }

    /** The data source the form points at, or null when none is chosen. */
    Path dataPath() {
        if (source.get() == PhotoSource.FASHION_MNIST) {
            return training.fashionMnist().orElse(null);
        }
        String text = folder.get() == null ? "" : folder.get().strip();
        if (text.isEmpty()) {
            return null;
        }
        try {
            return Path.of(text);
        } catch (InvalidPathException e) {
            return null;
        }
    }

    /** Reads the chosen data source again even when it is unchanged (the user asked: Enter, Browse). */
    void recheckData() {
        checkedKey = null;
        checkData();
    }

    /**
     * Opens the chosen data source off the FX thread (the previous check is cancelled); nothing to do when the same
     * choice is already read or being read.
     */
    void checkData() {
        Path chosen = dataPath();
        String key = chosen + "|" + mode.get().label() + "|" + preset.get().imageSize() + "|" + preset.get().channels();
        if (key.equals(checkedKey) && (dataState.get() == DataState.READY || dataState.get() == DataState.CHECKING)) {
            return; // the same choice is read or being read: a big photo folder takes a while
        }
        checkedKey = key;
        if (check != null) {
            check.cancel();
            check = null;
        }
        examples.clear();
        dataDetails.set("");
        Path path = dataPath();
        if (path == null) {
            dataState.set(DataState.NONE);
            dataText.set(source.get() == PhotoSource.FASHION_MNIST ? "Fashion-MNIST is not installed."
                    : "Choose a folder of photos, or Fashion-MNIST.");
            return;
        }
        dataState.set(DataState.CHECKING);
        dataText.set("Reading " + path + " \u2026");
        DataCheck current = training.inspectData(path, model(), mode.get());
        check = current;
        current.result().whenCompleteAsync((preview, error) -> {
            if (check != current) {
                return; // a later choice replaced this one
            }
            check = null;
            if (error != null) {
                if (Failures.cause(error) instanceof CancellationException) {
                    return;
                }
                dataState.set(DataState.FAILED);
                dataText.set(Failures.message(error));
                return;
            }
            show(preview);
        }, fx);
    }

    private void show(DataPreview p) {
        examples.setAll(p.examples());
        dataText.set(String.format(Locale.ROOT, "%,d usable file%s, %,d skipped; %,d training and %,d validation"
                        + " examples", p.usableFiles(), p.usableFiles() == 1 ? "" : "s", p.skippedFiles(),
                p.trainingExamples(), p.validationExamples()));
        StringBuilder details = new StringBuilder();
        p.notes().forEach(n -> details.append(n).append('\n'));
        if (!p.skipped().isEmpty()) {
            details.append("Skipped:\n");
            p.skipped().stream().limit(20).forEach(s -> details.append("  ").append(s).append('\n'));
            if (p.skipped().size() > 20) {
                details.append("  \u2026 and ").append(p.skipped().size() - 20).append(" more\n");
            }
        }
        dataDetails.set(details.toString().strip());
        trainingExamples.set(p.trainingExamples());
        dataState.set(DataState.READY);
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
        long examples = trainingExamples.get();
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

    /** Warnings about valid but unwise settings (a folder smaller than a batch, ...); empty when there are none. */
    public StringBinding warningProperty() {
        return warning;
    }

    /** Whether the run starts from the shipped model's weights (fine-tuning); setting it chooses its recipe. */
    public javafx.beans.property.BooleanProperty fromShippedProperty() {
        return fromShipped;
    }

    /** The run this form describes; call only when {@link #validProperty() valid}. */
    RunConfig config() {
        Path data = dataPath().toAbsolutePath();
        long every = parseWhole(validateEvery.get());
        TrainConfig t = Presets.recipe(recipe.get(), data.toString()).toBuilder().mode(mode.get())
                .batchSize((int) parseWhole(batch.get())).learningRate(number(learningRate.get()))
                .klWarmupSteps(parseWhole(klWarmup.get())).checkpointEvery(parseWhole(checkpointEvery.get()))
                .validateEvery(every).steps(parseWhole(steps.get())).build();
        return new RunConfig(model(), t);
    }

    Path runFolderPath() {
        return Path.of(runFolder.get().strip());
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

    /** Photos from a folder, or Fashion-MNIST. */
    public ObjectProperty<PhotoSource> sourceProperty() {
        return source;
    }

    /** The folder of photos, as typed. */
    public StringProperty folderProperty() {
        return folder;
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
        return runFolder;
    }

    // ---------------------------------------------------------------- what the form works out

    public ReadOnlyObjectProperty<DataState> dataStateProperty() {
        return dataState.getReadOnlyProperty();
    }

    /** The data check in one line: counts of usable and skipped files, or the reason it failed. */
    public ReadOnlyStringProperty dataTextProperty() {
        return dataText.getReadOnlyProperty();
    }

    /** The data check's notes and the skipped files, for a tooltip. */
    public ReadOnlyStringProperty dataDetailsProperty() {
        return dataDetails.getReadOnlyProperty();
    }

    /** A few example windows of the checked data (read-only). */
    public ObservableList<Picture> examples() {
        return examplesView;
    }

    public ReadOnlyBooleanProperty fashionAvailableProperty() {
        return fashionAvailable.getReadOnlyProperty();
    }

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
        return runFolderError;
    }

    /** The first reason the form cannot start a run, or "" when it can. */
    public StringBinding problemProperty() {
        return problem;
    }

    public BooleanBinding validProperty() {
        return valid;
    }
}
