package org.lacuna.ui.eval;

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
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;

import org.lacuna.ui.common.Numbers;
import org.lacuna.ui.common.PhotoSource;
import org.lacuna.service.EvaluationService;
import org.lacuna.service.EvaluationService.GalleryRow;
import org.lacuna.service.EvaluationService.ModelResult;
import org.lacuna.service.EvaluationService.Progress;
import org.lacuna.service.Failures;
import org.lacuna.service.TrainingService;
import org.lacuna.ui.common.BackgroundTask;
import org.lacuna.ui.common.DataSource;
import org.lacuna.ui.common.Problem;

/**
 * The Evaluate workspace's state and actions: one or two models, the data (a folder or Fashion-MNIST), the number
 * of images and samples; the running evaluation's progress and time left; saving and opening what it found (which
 * {@link EvaluationResults} holds: the scores, the comparison, the gallery in its order). Calls the services, never
 * touches nodes; continuations run on {@code fx} (the FX thread in the app, the calling thread in tests). Progress
 * arrives through {@link #progressSink()} from the evaluation's thread; the screen puts a {@code Coalescer} there.
 */
public final class EvaluateViewModel {

    /** An evaluation that finished, in words ({@code at}: System.nanoTime(), so that each one is news). */
    public record Finished(String text, long at) {
    }

    private final EvaluationService evaluation;
    private final TrainingService training;
    private final Executor fx;
    private final EvaluationResults results = new EvaluationResults();

    private final DataSource data;
    private final ModelChoice models;
    private final IntegerProperty images = new SimpleIntegerProperty(this, "images", 100);
    private final IntegerProperty samples = new SimpleIntegerProperty(this, "samples", 16);
    private final IntegerProperty seed = new SimpleIntegerProperty(this, "seed", 7);
    /** Whether to score OpenCV's FSR best too: the strongest classical fill, 2-4 s a window. */
    private final javafx.beans.property.BooleanProperty slowFills =
            new javafx.beans.property.SimpleBooleanProperty(this, "slowFills", false);

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
    private Progress lastProgress;

    public EvaluateViewModel(EvaluationService evaluation, TrainingService training, Executor fx) {
        this.evaluation = evaluation;
        this.training = training;
        this.fx = fx;
        this.data = new DataSource(evaluation.fashionMnist());
        this.models = new ModelChoice(training, fx, message::set);
        blocked = Bindings.createStringBinding(this::whyNot, models.firstProperty(), models.secondProperty(),
                data.sourceProperty(),
                data.folderProperty(), running);
        canStart = Bindings.createBooleanBinding(() -> !running.get() && blocked.get().isEmpty(), blocked, running);
        data.sourceProperty().addListener((o, was, now) -> {
            if (now == PhotoSource.FASHION_MNIST && !data.fashionAvailableProperty().get()) {
                data.sourceProperty().set(PhotoSource.FOLDER);
            }
        });
    }

    private String whyNot() {
        ModelOptions.Option first = models.firstProperty().get(), second = models.secondProperty().get();
        if (first == null) {
            return "Model: choose a model to evaluate (open one, train one, or choose a file)";
        }
        if (second != null && second != ModelOptions.NONE && second.equals(first)) {
            return "Compare with: choose a different model, or none";
        }
        if (data.sourceProperty().get() == PhotoSource.FOLDER && data.path() == null) {
            return "Data: choose a folder of photos" + (data.fashionAvailableProperty().get() ? ", or Fashion-MNIST"
                    : "");
        }
        return "";
    }

    // ---------------------------------------------------------------- running

    /** Starts the evaluation the form describes; does nothing when it cannot start. */
    public void start() {
        if (!canStart.get()) {
            return;
        }
        ModelOptions.Option first = models.firstProperty().get(), second = models.secondProperty().get();
        List<EvaluationService.ModelChoice> chosen = new ArrayList<>();
        chosen.add(first.choice());
        if (second != null && second.choice() != null) {
            chosen.add(second.choice());
        }
        Path source = data.path();
        EvaluationService.Request request;
        try {
            request = new EvaluationService.Request(chosen, source, images.get(), samples.get(), seed.get(),
                    slowFills.get());
        } catch (IllegalArgumentException e) {
            onProblem.accept(new Problem("Cannot evaluate", e.getMessage()));
            return;
        }
        running.set(true);
        progress.set(0);
        lastProgress = null;
        progressText.set("Opening " + source + "\u2026");
        message.set("");
        long startedAt = System.nanoTime();
        EvaluationService.Job launched = evaluation.start(request, p -> progressSink.accept(p));
        job = launched;
        // a cancel or a failure is shown before running turns false, so that whoever waits for the end sees how it
        // ended; success turns it false first, as the notification of the finished run expects
        BackgroundTask.of(launched.result()).onFinally(() -> {
            if (job == launched) {
                job = null;
            }
        }).onSuccess(r -> {
            running.set(false);
            double seconds = (System.nanoTime() - startedAt) / 1e9;
            shownModels = List.copyOf(chosen);
            results.show(r);
            progress.set(1);
            String done = "Evaluated " + Numbers.plural(r.models().get(0).scores().images(), "image", "images")
                    + (r.models().size() == 2 ? " with two models" : "") + " in " + Numbers.duration(seconds);
            progressText.set(done);
            message.set(r.dataSummary());
            finished.set(new Finished(done, System.nanoTime()));
        }).onCancel(() -> ended(() -> {
            progress.set(0);
            Progress p = lastProgress;
            progressText.set("Cancelled" + (p == null ? "" : " after " + p.done() + " of "
                    + Numbers.plural(p.total(), "image", "images") + (p.models() > 1 ? " of model " + p.model()
                    + " of " + p.models() : "")) + "; the results shown are the previous ones");
        })).onFailure(e -> ended(() -> {
            progress.set(0);
            progressText.set("Evaluation failed");
            message.set(Failures.message(e));
            onProblem.accept(new Problem("Evaluation failed", Failures.message(e)));
        })).runOn(fx);
    }

    /** Shows how an evaluation ended, then marks it over. */
    private void ended(Runnable outcome) {
        try {
            outcome.run();
        } finally {
            running.set(false);
        }
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
                + Numbers.count(p.done()) + " of " + Numbers.count(p.total()) + " \u00b7 "
                + Numbers.duration(p.secondsLeft()) + " left");
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
        return BackgroundTask.of(writing)
                .onSuccess(ok -> message.set("Saved the " + what + " to " + file))
                .onFailure(e -> {
                    message.set("Not saved: " + Failures.message(e));
                    onProblem.accept(new Problem("Cannot save the " + what.replaceFirst(" of .*", ""),
                            Failures.message(e)));
                })
                .runOn(fx);
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

    /** The model to evaluate and the one to compare it with. */
    public ModelChoice models() {
        return models;
    }

    /** The data to evaluate on: a folder of photos, or Fashion-MNIST. */
    public DataSource data() {
        return data;
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

    /** Whether the evaluation scores FSR best too (slow: seconds a window). */
    public javafx.beans.property.BooleanProperty slowFillsProperty() {
        return slowFills;
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
