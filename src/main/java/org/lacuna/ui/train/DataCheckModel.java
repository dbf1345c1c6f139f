package org.lacuna.ui.train;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import org.lacuna.config.ExampleMode;
import org.lacuna.config.ModelConfig;
import org.lacuna.service.DataCheck;
import org.lacuna.service.DataPreview;
import org.lacuna.service.Failures;
import org.lacuna.service.Picture;
import org.lacuna.service.TrainingService;
import org.lacuna.ui.common.BackgroundTask;
import org.lacuna.ui.common.DataSource;
import org.lacuna.ui.common.PhotoSource;

/**
 * The new-run form's data check: the chosen source opened off the FX thread as a run of the chosen model would open
 * it, with a count of usable and skipped files, the reasons, and a few example windows. A later choice cancels the
 * check in flight.
 */
final class DataCheckModel {

    /** The data check's state. */
    enum DataState { NONE, CHECKING, READY, FAILED }

    private final TrainingService training;
    private final Executor fx;
    private final DataSource data;
    private final Supplier<ModelConfig> model;
    private final ObjectProperty<ExampleMode> mode;

    private final ReadOnlyObjectWrapper<DataState> state = new ReadOnlyObjectWrapper<>(this, "dataState",
            DataState.NONE);
    private final ReadOnlyStringWrapper text = new ReadOnlyStringWrapper(this, "dataText",
            "Choose a folder of photos, or Fashion-MNIST.");
    private final ReadOnlyStringWrapper details = new ReadOnlyStringWrapper(this, "dataDetails", "");
    private final ObservableList<Picture> examples = FXCollections.observableArrayList();
    private final ObservableList<Picture> examplesView = FXCollections.unmodifiableObservableList(examples);
    private final StringBinding error;
    /** The training examples per epoch of the data last read (-1: none read). */
    private final ReadOnlyLongWrapper trainingExamples = new ReadOnlyLongWrapper(this, "trainingExamples", -1);

    private DataCheck check;
    private String checkedKey;

    DataCheckModel(TrainingService training, Executor fx, DataSource data, Supplier<ModelConfig> model,
                   ObjectProperty<ExampleMode> mode) {
        this.training = training;
        this.fx = fx;
        this.data = data;
        this.model = model;
        this.mode = mode;
        error = Bindings.createStringBinding(() -> switch (state.get()) {
            case READY -> "";
            case CHECKING -> "Data: still being read\u2026";
            case FAILED -> "Data: " + text.get();
            case NONE -> "Data: choose a folder of photos, or Fashion-MNIST";
        }, state, text);
    }

    /** Reads the chosen data source again even when it is unchanged (the user asked: Enter, Browse). */
    void recheck() {
        checkedKey = null;
        check();
    }

    /**
     * Opens the chosen data source off the FX thread (the previous check is cancelled); nothing to do when the same
     * choice is already read or being read.
     */
    void check() {
        Path path = data.path();
        ModelConfig m = model.get();
        String key = path + "|" + mode.get().label() + "|" + m.imageSize() + "|" + m.channels();
        if (key.equals(checkedKey) && (state.get() == DataState.READY || state.get() == DataState.CHECKING)) {
            return; // the same choice is read or being read: a big photo folder takes a while
        }
        checkedKey = key;
        if (check != null) {
            check.cancel();
            check = null;
        }
        examples.clear();
        details.set("");
        trainingExamples.set(-1);
        if (path == null) {
            state.set(DataState.NONE);
            text.set(data.sourceProperty().get() == PhotoSource.FASHION_MNIST ? "Fashion-MNIST is not installed."
                    : "Choose a folder of photos, or Fashion-MNIST.");
            return;
        }
        state.set(DataState.CHECKING);
        text.set("Reading " + path + " \u2026");
        DataCheck current = training.inspectData(path, m, mode.get());
        check = current;
        BackgroundTask.of(current.result())
                .onSuccess(preview -> {
                    if (settled(current)) {
                        show(preview);
                    }
                })
                .onCancel(() -> settled(current))
                .onFailure(e -> {
                    if (settled(current)) {
                        state.set(DataState.FAILED);
                        text.set(Failures.message(e));
                    }
                })
                .runOn(fx);
    }

    /** Whether {@code ended} is the check in hand (else a later choice replaced it), which is then over. */
    private boolean settled(DataCheck ended) {
        if (check != ended) {
            return false;
        }
        check = null;
        return true;
    }

    private void show(DataPreview p) {
        examples.setAll(p.examples());
        text.set(String.format(Locale.ROOT, "%,d usable file%s, %,d skipped; %,d training and %,d validation"
                        + " examples", p.usableFiles(), p.usableFiles() == 1 ? "" : "s", p.skippedFiles(),
                p.trainingExamples(), p.validationExamples()));
        StringBuilder sb = new StringBuilder();
        p.notes().forEach(n -> sb.append(n).append('\n'));
        if (!p.skipped().isEmpty()) {
            sb.append("Skipped:\n");
            p.skipped().stream().limit(20).forEach(s -> sb.append("  ").append(s).append('\n'));
            if (p.skipped().size() > 20) {
                sb.append("  \u2026 and ").append(p.skipped().size() - 20).append(" more\n");
            }
        }
        details.set(sb.toString().strip());
        trainingExamples.set(p.trainingExamples());
        state.set(DataState.READY);
    }

    /** The training examples per epoch of the data last read, or -1 when none has been read. */
    public ReadOnlyLongProperty trainingExamplesProperty() {
        return trainingExamples.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<DataState> dataStateProperty() {
        return state.getReadOnlyProperty();
    }

    /** The data check in one line: counts of usable and skipped files, or the reason it failed. */
    public ReadOnlyStringProperty dataTextProperty() {
        return text.getReadOnlyProperty();
    }

    /** The data check's notes and the skipped files, for a tooltip. */
    public ReadOnlyStringProperty dataDetailsProperty() {
        return details.getReadOnlyProperty();
    }

    /** A few example windows of the checked data (read-only). */
    public ObservableList<Picture> examples() {
        return examplesView;
    }

    /** Why the data cannot be trained on yet, or "". */
    StringBinding errorProperty() {
        return error;
    }
}
