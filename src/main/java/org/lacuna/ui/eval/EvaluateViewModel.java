package org.lacuna.ui.eval;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.ObservableList;

import org.lacuna.ui.common.PhotoSource;
import org.lacuna.config.ModelConfig;
import org.lacuna.service.EvaluationService;
import org.lacuna.service.EvaluationService.GalleryRow;
import org.lacuna.service.EvaluationService.ModelResult;
import org.lacuna.service.EvaluationService.Progress;
import org.lacuna.service.Failures;
import org.lacuna.service.ModelInfo;
import org.lacuna.service.TrainingService;
import org.lacuna.ui.common.Problem;

/**
 * The Evaluate workspace's state and actions: one or two models, the data (a folder or Fashion-MNIST), the number
 * of images and samples; the running evaluation's progress and time left; saving and opening what it found (which
 * {@link EvaluationResults} holds: the scores, the comparison, the gallery in its order). Calls the services, never
 * touches nodes; continuations run on {@code fx} (the FX thread in the app, the calling thread in tests). Progress
 * arrives through {@link #progressSink()} from the evaluation's thread; the screen puts a {@code Coalescer} there.
 */
public final class EvaluateViewModel {

    /** Where the windows come from. */
    /** An evaluation that finished, in words ({@code at}: System.nanoTime(), so that each one is news). */
    public record Finished(String text, long at) {
    }

    private final EvaluationService evaluation;
    private final TrainingService training;
    private final Executor fx;
    private final ModelOptions options = new ModelOptions();
    private final EvaluationResults results = new EvaluationResults();

    private final ObjectProperty<ModelInfo> loaded = new SimpleObjectProperty<>(this, "loaded");
    private final ObjectProperty<ModelOptions.Option> first = new SimpleObjectProperty<>(this, "first");
    private final ObjectProperty<ModelOptions.Option> second = new SimpleObjectProperty<>(this, "second",
            ModelOptions.NONE);
    private final ObjectProperty<PhotoSource> source = new SimpleObjectProperty<>(this, "source", PhotoSource.FOLDER);
    private final StringProperty folder = new SimpleStringProperty(this, "folder", "");
    private final IntegerProperty images = new SimpleIntegerProperty(this, "images", 100);
    private final IntegerProperty samples = new SimpleIntegerProperty(this, "samples", 16);
    private final IntegerProperty seed = new SimpleIntegerProperty(this, "seed", 7);

    private final ReadOnlyBooleanWrapper fashionAvailable = new ReadOnlyBooleanWrapper(this, "fashionAvailable");
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress");
    private final ReadOnlyStringWrapper progressText = new ReadOnlyStringWrapper(this, "progressText", "");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyObjectWrapper<Finished> finished = new ReadOnlyObjectWrapper<>(this, "finished");

    private final StringBinding blocked;
    private final BooleanBinding canStart;
    private Consumer<Problem> onProblem = p -> { };
    private Consumer<GalleryRow> onOpen = r -> { };
    private Consumer<EvaluationService.ModelChoice> onOpenModel = c -> { };
    /** The models of the results shown, in their order. */
    private List<EvaluationService.ModelChoice> shownModels = List.of();
    private Consumer<Progress> progressSink = p -> fxRun(() -> accept(List.of(p)));
    private volatile EvaluationService.Job job;
    /** The first model as chosen for the user (not by them), or null. */
    private ModelOptions.Option autoFirst;
    private Progress lastProgress;

    public EvaluateViewModel(EvaluationService evaluation, TrainingService training, Executor fx) {
        this.evaluation = evaluation;
        this.training = training;
        this.fx = fx;
        fashionAvailable.set(training.fashionMnist().isPresent());
        loaded.addListener(o -> changeOptions(() -> options.setLoaded(loaded.get())));
        blocked = Bindings.createStringBinding(this::whyNot, first, second, source, folder, running);
        canStart = Bindings.createBooleanBinding(() -> !running.get() && blocked.get().isEmpty(), blocked, running);
        source.addListener((o, was, now) -> {
            if (now == PhotoSource.FASHION_MNIST && !fashionAvailable.get()) {
                source.set(PhotoSource.FOLDER);
            }
        });
    }

    private String whyNot() {
        if (first.get() == null) {
            return "Model: choose a model to evaluate (open one, train one, or choose a file)";
        }
        if (second.get() != null && second.get() != ModelOptions.NONE && second.get().equals(first.get())) {
            return "Compare with: choose a different model, or none";
        }
        if (source.get() == PhotoSource.FOLDER && dataPath() == null) {
            return "Data: choose a folder of photos" + (fashionAvailable.get() ? ", or Fashion-MNIST" : "");
        }
        return "";
    }

    /** The folder as a path, or null when blank or not a path. */
    Path dataPath() {
        if (source.get() == PhotoSource.FASHION_MNIST) {
            return training.fashionMnist().orElse(null);
        }
        String text = folder.get() == null ? "" : folder.get().trim();
        if (text.isEmpty()) {
            return null;
        }
        try {
            return Path.of(text);
        } catch (InvalidPathException e) {
            return null;
        }
    }

    // ---------------------------------------------------------------- models

    /** Lists the past runs' checkpoints again (in the background). */
    public CompletableFuture<Void> refreshModels() {
        return training.listRuns().handleAsync((runs, e) -> {
            if (e == null) {
                changeOptions(() -> options.setRuns(runs));
            } else {
                message.set("Cannot list the runs in " + training.runsRoot() + ": " + Failures.message(e));
            }
            return null;
        }, fx);
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

    // ---------------------------------------------------------------- running

    /** Starts the evaluation the form describes; does nothing when it cannot start. */
    public void start() {
        if (!canStart.get()) {
            return;
        }
        List<EvaluationService.ModelChoice> models = new ArrayList<>();
        models.add(first.get().choice());
        if (second.get() != null && second.get().choice() != null) {
            models.add(second.get().choice());
        }
        Path data = dataPath();
        EvaluationService.Request request;
        try {
            request = new EvaluationService.Request(models, data, images.get(), samples.get(), seed.get());
        } catch (IllegalArgumentException e) {
            onProblem.accept(new Problem("Cannot evaluate", e.getMessage()));
            return;
        }
        running.set(true);
        progress.set(0);
        lastProgress = null;
        progressText.set("Opening " + data + "\u2026");
        message.set("");
        long startedAt = System.nanoTime();
        EvaluationService.Job launched = evaluation.start(request, p -> progressSink.accept(p));
        job = launched;
        launched.result().whenCompleteAsync((r, e) -> {
            if (job == launched) {
                job = null;
            }
            running.set(false);
            double seconds = (System.nanoTime() - startedAt) / 1e9;
            if (e == null) {
                shownModels = List.copyOf(models);
                results.show(r);
                progress.set(1);
                String done = "Evaluated " + Formats.plural(r.models().get(0).scores().images(), "image", "images")
                        + (r.models().size() == 2 ? " with two models" : "") + " in " + Formats.duration(seconds);
                progressText.set(done);
                message.set(r.dataSummary());
                finished.set(new Finished(done, System.nanoTime()));
            } else if (EvaluationService.isCancellation(e)) {
                progress.set(0);
                Progress p = lastProgress;
                progressText.set("Cancelled" + (p == null ? "" : " after " + p.done() + " of "
                        + Formats.plural(p.total(), "image", "images") + (p.models() > 1 ? " of model " + p.model()
                        + " of " + p.models() : "")) + "; the results shown are the previous ones");
            } else {
                progress.set(0);
                progressText.set("Evaluation failed");
                message.set(Failures.message(e));
                onProblem.accept(new Problem("Evaluation failed", Failures.message(e)));
            }
        }, fx);
    }

    /** Cancels the running evaluation; it stops after the image in hand. */
    public void cancel() {
        EvaluationService.Job current = job;
        if (current != null) {
            current.cancel();
            progressText.set("Cancelling\u2026");
        }
    }

    /** A batch of progress reports, in order, on the FX thread: the last one counts. */
    public void accept(List<Progress> batch) {
        if (batch.isEmpty() || !running.get()) {
            return;
        }
        Progress p = batch.get(batch.size() - 1);
        lastProgress = p;
        progress.set(p.fraction());
        progressText.set((p.models() > 1 ? "Model " + p.model() + " of " + p.models() + " \u00b7 " : "") + "Image "
                + Formats.count(p.done()) + " of " + Formats.count(p.total()) + " \u00b7 "
                + Formats.duration(p.secondsLeft()) + " left");
    }

    // ---------------------------------------------------------------- saving and opening

    /** Saves the shown model's report, the JSON `eval --json` writes. */
    public CompletableFuture<Void> saveReport(Path file) {
        ModelResult shown = results.shown();
        if (shown == null) {
            return CompletableFuture.completedFuture(null);
        }
        return saved(evaluation.saveReport(shown, file), file, "report of " + shown.label());
    }

    /** Saves the gallery, in its shown order, as one PNG. */
    public CompletableFuture<Void> saveGallery(Path file) {
        if (results.gallery().isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        return saved(evaluation.saveGallery(List.copyOf(results.gallery()), file), file, "gallery");
    }

    private CompletableFuture<Void> saved(CompletableFuture<Void> writing, Path file, String what) {
        message.set("Saving the " + what + "\u2026");
        return writing.handleAsync((ok, e) -> {
            if (e != null) {
                message.set("Not saved: " + Failures.message(e));
                onProblem.accept(new Problem("Cannot save the " + what.replaceFirst(" of .*", ""), Failures.message(e)));
            } else {
                message.set("Saved the " + what + " to " + file);
            }
            return null;
        }, fx);
    }

    /** A file name with the extension added when it has none of its own ("report" -> "report.json"). */
    static Path withExtension(Path file, String extension) {
        String name = String.valueOf(file.getFileName());
        return name.toLowerCase(java.util.Locale.ROOT).endsWith(extension) ? file
                : file.resolveSibling(name + extension);
    }

    /** Opens a gallery row's window in the Inpaint workspace (through the shell). */
    public void open(GalleryRow row) {
        if (row != null) {
            int shown = Math.max(0, Math.min(results.shownModelProperty().get(), shownModels.size() - 1));
            if (!shownModels.isEmpty()) {
                onOpenModel.accept(shownModels.get(shown)); // the row is that model's: sample it with that model
            }
            onOpen.accept(row);
        }
    }

    /** Hears which model a gallery row that is opened was evaluated with (before {@link #setOnOpen}'s handler). */
    public void setOnOpenModel(Consumer<EvaluationService.ModelChoice> handler) {
        this.onOpenModel = handler;
    }

    /** Offers the model shipped with the app among the choices, whatever model is loaded. */
    public void offerShippedModel(boolean offered) {
        changeOptions(() -> options.setShipped(offered));
    }

    private void fxRun(Runnable r) {
        fx.execute(r);
    }

    // ---------------------------------------------------------------- plumbing

    public void setOnProblem(Consumer<Problem> handler) {
        this.onProblem = handler;
    }

    /** Who opens a row's window in the Inpaint workspace (the shell). */
    public void setOnOpen(Consumer<GalleryRow> handler) {
        this.onOpen = handler;
    }

    /** Where the evaluation's thread posts progress; by default straight to {@code fx}, one report at a time. */
    public void setProgressSink(Consumer<Progress> sink) {
        this.progressSink = sink;
    }

    Consumer<Progress> progressSink() {
        return progressSink;
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

    public ObjectProperty<PhotoSource> sourceProperty() {
        return source;
    }

    public StringProperty folderProperty() {
        return folder;
    }

    /** How many images (the first, by file name); 0 for all. */
    public IntegerProperty imagesProperty() {
        return images;
    }

    public IntegerProperty samplesProperty() {
        return samples;
    }

    public IntegerProperty seedProperty() {
        return seed;
    }

    public ReadOnlyBooleanProperty fashionAvailableProperty() {
        return fashionAvailable.getReadOnlyProperty();
    }

    /** Why Start cannot start, or "". */
    public StringBinding blockedProperty() {
        return blocked;
    }

    public BooleanBinding canStartProperty() {
        return canStart;
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    /** "Model 1 of 2 · Image 12 of 48 · 0:00:35 left", or how the last run ended. */
    public ReadOnlyStringProperty progressTextProperty() {
        return progressText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** What the last evaluation found: the scores, the comparison, the gallery. */
    public EvaluationResults results() {
        return results;
    }

    /** The last finished evaluation, in words, for a notification. */
    public ReadOnlyObjectProperty<Finished> finishedProperty() {
        return finished.getReadOnlyProperty();
    }
}
