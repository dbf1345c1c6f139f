package org.lacuna.ui.eval;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.ObservableList;

import org.lacuna.config.ModelConfig;
import org.lacuna.service.Failures;
import org.lacuna.service.ModelInfo;
import org.lacuna.service.TrainingService;
import org.lacuna.ui.common.BackgroundTask;

/**
 * Which model the Evaluate workspace evaluates, and which it compares with: the choices ({@link ModelOptions}: the
 * loaded model, the past runs' checkpoints, files) and the two selections, kept while the choices change; a
 * selection made for the user follows the loaded model.
 */
public final class ModelChoice {

    private final TrainingService training;
    private final Executor fx;
    private final Consumer<String> say;
    private final ModelOptions options = new ModelOptions();
    private final ObjectProperty<ModelInfo> loaded = new SimpleObjectProperty<>(this, "loaded");
    private final ObjectProperty<ModelOptions.Option> first = new SimpleObjectProperty<>(this, "first");
    private final ObjectProperty<ModelOptions.Option> second = new SimpleObjectProperty<>(this, "second",
            ModelOptions.NONE);
    /** The first model as chosen for the user (not by them), or null. */
    private ModelOptions.Option autoFirst;

    ModelChoice(TrainingService training, Executor fx, Consumer<String> say) {
        this.training = training;
        this.fx = fx;
        this.say = say;
        loaded.addListener(o -> changeOptions(() -> options.setLoaded(loaded.get())));
    }

    /** Lists the past runs' checkpoints again (in the background). */
    public CompletableFuture<Void> refreshModels() {
        return BackgroundTask.of(training.listRuns())
                .onSuccess(runs -> changeOptions(() -> options.setRuns(runs)))
                .onFailure(e -> say.accept("Cannot list the runs in " + training.runsRoot() + ": "
                        + Failures.message(e)))
                .runOn(fx);
    }

    /** Offers the model shipped with the app among the choices, whatever model is loaded, or stops offering it. */
    public void offerShipped(boolean offered) {
        changeOptions(() -> options.setShipped(offered));
    }

    /** Adds a .lacuna file to the choices and chooses it for the first model, or the second when {@code second}. */
    public void chooseFile(Path file, boolean forSecond) {
        ModelOptions.Option[] added = new ModelOptions.Option[1];
        changeOptions(() -> added[0] = options.addFile(file));
        (forSecond ? second : first).set(added[0]);
    }

    /** Adds an .npz of weights for a model of {@code config} and chooses it. */
    public void chooseNpz(Path file, ModelConfig config, boolean forSecond) {
        ModelOptions.Option[] added = new ModelOptions.Option[1];
        changeOptions(() -> added[0] = options.addNpz(file, config));
        (forSecond ? second : first).set(added[0]);
    }

    /**
     * Changes the choices and keeps the selections that are still there (a list view showing the choices may drop
     * its value while its items change).
     */
    private void changeOptions(Runnable change) {
        ModelOptions.Option wasFirst = first.get(), wasSecond = second.get();
        change.run();
        if (wasFirst != null && options.first().contains(wasFirst)) {
            first.set(wasFirst);
        }
        if (wasSecond != null && options.second().contains(wasSecond)) {
            second.set(wasSecond);
        }
        keepSelections();
    }

    /**
     * After the choices change: a selection that is gone, or one made for the user, goes to the loaded model (else
     * the first choice); the second model's to none.
     */
    private void keepSelections() {
        ModelOptions.Option current = first.get();
        if (current == null || current.equals(autoFirst) || !options.first().contains(current)) {
            // the user's own choice stays; one made for them follows the loaded model when it arrives
            first.set(options.preferred());
            autoFirst = first.get();
        }
        if (second.get() == null || !options.second().contains(second.get())) {
            second.set(ModelOptions.NONE);
        }
    }

    /** The model loaded in the app (the shell binds it), offered as a choice. */
    public ObjectProperty<ModelInfo> loadedProperty() {
        return loaded;
    }

    public ObservableList<ModelOptions.Option> firstChoices() {
        return options.first();
    }

    public ObservableList<ModelOptions.Option> secondChoices() {
        return options.second();
    }

    public ObjectProperty<ModelOptions.Option> firstProperty() {
        return first;
    }

    /** The model to compare with, or {@link ModelOptions#NONE}. */
    public ObjectProperty<ModelOptions.Option> secondProperty() {
        return second;
    }
}
