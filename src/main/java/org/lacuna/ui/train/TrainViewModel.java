package org.lacuna.ui.train;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import org.lacuna.config.RunConfig;
import org.lacuna.service.Failures;
import org.lacuna.service.ModelService;
import org.lacuna.service.Picture;
import org.lacuna.service.RunHistory;
import org.lacuna.service.RunSummary;
import org.lacuna.service.ServiceStatus;
import org.lacuna.service.ServiceStatus.TrainingPhase;
import org.lacuna.service.TrainingEvent;
import org.lacuna.service.TrainingService;
import org.lacuna.ui.common.Problem;

/**
 * The Train workspace's view model: the state of the buttons, progress, the latest validation, the charts' data,
 * the preview grid and the past runs. Calls the service, never touches nodes; fed the service's events in batches
 * (at most one per frame) on the FX thread, and usable without a running toolkit. Like the Inpaint workspace's view
 * model it exposes read-only properties, takes the view's inputs through writable ones, and reports problems for a
 * dialog through one callback.
 */
final class TrainViewModel {

    private final TrainingService training;
    private final ModelService models;
    private final Runnable onSendToInpaint;
    private final Executor fx;

    private final RunForm form;
    private final TrainingCharts charts = new TrainingCharts();
    private final ReadOnlyIntegerWrapper chartsRevision = new ReadOnlyIntegerWrapper(this, "chartsRevision");

    private final ReadOnlyObjectWrapper<ServiceStatus> status = new ReadOnlyObjectWrapper<>(this, "status",
            ServiceStatus.IDLE);
    private final BooleanBinding canStart;
    private final BooleanBinding canPause;
    private final BooleanBinding canResume;
    private final BooleanBinding canStop;
    private final StringBinding startBlocked;
    private final StringBinding phaseText;

    private final ReadOnlyStringWrapper runTitle = new ReadOnlyStringWrapper(this, "runTitle", "No run yet");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", 0);
    private final ReadOnlyStringWrapper stepText = new ReadOnlyStringWrapper(this, "stepText", "");
    private final ReadOnlyStringWrapper speedText = new ReadOnlyStringWrapper(this, "speedText", "");
    /** The step the run in progress has reached (-1: none in progress). */
    private final javafx.beans.property.ReadOnlyLongWrapper liveStep =
            new javafx.beans.property.ReadOnlyLongWrapper(this, "liveStep", -1);
    private final ReadOnlyStringWrapper validationText = new ReadOnlyStringWrapper(this, "validationText",
            "No validation yet");
    private final ReadOnlyStringWrapper checkpointText = new ReadOnlyStringWrapper(this, "checkpointText", "");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");

    private final ReadOnlyObjectWrapper<TrainingEvent.PreviewReady> preview = new ReadOnlyObjectWrapper<>(this,
            "preview");
    private final ReadOnlyStringWrapper unreadableRuns = new ReadOnlyStringWrapper(this, "unreadableRuns", "");
    private final ReadOnlyObjectWrapper<TrainingEvent.WriteFailed> writeFailed = new ReadOnlyObjectWrapper<>(this,
            "writeFailed");
    private final ReadOnlyObjectWrapper<TrainingEvent.Ended> ended = new ReadOnlyObjectWrapper<>(this, "ended");
    private final ReadOnlyObjectWrapper<Picture> pastPreview = new ReadOnlyObjectWrapper<>(this, "pastPreview");
    private final ReadOnlyStringWrapper previewCaption = new ReadOnlyStringWrapper(this, "previewCaption",
            "Completions of validation windows appear here as the run trains.");

    private final ObservableList<RunSummary> runs = FXCollections.observableArrayList();
    private final ObservableList<RunSummary> runsView = FXCollections.unmodifiableObservableList(runs);
    private final ObjectProperty<RunSummary> selectedRun = new SimpleObjectProperty<>(this, "selectedRun");
    private final ReadOnlyObjectWrapper<Path> activeRun = new ReadOnlyObjectWrapper<>(this, "activeRun");
    private final StringProperty continueSteps = new SimpleStringProperty(this, "continueSteps", "");
    private final BooleanBinding canOpenRun;
    private final BooleanBinding canContinueRun;
    private Consumer<Problem> onProblem = p -> { };

    private long totalSteps;
    private long latestCheckpointStep = -1;
    private long bestCheckpointStep = -1;
    private int batchSize;

    TrainViewModel(ModelService models, TrainingService training, Runnable onSendToInpaint, Executor fx) {
        this.models = models;
        this.training = training;
        this.onSendToInpaint = onSendToInpaint;
        this.fx = fx;
        this.form = new RunForm(training, fx);
        status.set(training.status());
        BooleanBinding idle = Bindings.createBooleanBinding(() -> status.get().training() == TrainingPhase.IDLE, status);
        canStart = idle.and(form.validProperty());
        canPause = Bindings.createBooleanBinding(() -> status.get().training() == TrainingPhase.TRAINING, status);
        canResume = Bindings.createBooleanBinding(() -> status.get().training() == TrainingPhase.PAUSED, status);
        canStop = canPause.or(canResume);
        startBlocked = Bindings.createStringBinding(() -> status.get().training() != TrainingPhase.IDLE
                ? "" : form.problemProperty().get(), status, form.problemProperty());
        phaseText = Bindings.createStringBinding(() -> switch (status.get().training()) {
            case IDLE -> "Idle";
            case TRAINING -> "Training";
            case PAUSED -> "Paused";
            case STOPPING -> "Stopping at the next step\u2026";
        }, status);
        canOpenRun = idle.and(selectedRun.isNotNull());
        canContinueRun = idle.and(Bindings.createBooleanBinding(() -> {
            RunSummary r = selectedRun.get();
            return r != null && RunForm.wholeNumber(continueSteps.get(), r.stepsDone() + 1, Long.MAX_VALUE);
        }, selectedRun, continueSteps));
        selectedRun.addListener((o, was, now) -> continueSteps.set(now == null ? ""
                : Long.toString(now.finished() ? now.totalSteps() * 2 : now.totalSteps())));
    }

    Path runsRoot() {
        return training.runsRoot();
    }

    void setStatus(ServiceStatus value) {
        status.set(value);
    }

    // ---------------------------------------------------------------- actions

    void start() {
        if (!canStart.get()) {
            return;
        }
        RunConfig config = form.config();
        Path folder = form.runFolderPath();
        message.set("Opening the data and preparing " + folder.getFileName() + "\u2026");
        (form.fromShippedProperty().get() ? training.startFromShipped(folder, config)
                : training.startNew(folder, config)).whenCompleteAsync((end, e) -> {
            if (e != null) {
                message.set("Not started: " + Failures.message(e));
            }
        }, fx);
        form.newRunFolder();
    }

    void pause() {
        training.pause();
    }

    void resume() {
        training.resume();
    }

    void stop() {
        training.stop();
    }

    /** Continues the selected run to the typed total of steps. */
    void continueSelected() {
        RunSummary run = selectedRun.get();
        if (run == null || !canContinueRun.get()) {
            return;
        }
        message.set("Continuing " + run.name() + "\u2026");
        training.continueRun(run.folder(), RunForm.parseWhole(continueSteps.get()))
                .whenCompleteAsync((end, e) -> {
                    if (e != null) {
                        message.set("Not continued: " + Failures.message(e));
                    }
                }, fx);
    }

    /** Redraws the selected run's charts from its metrics file. */
    void openSelected() {
        RunSummary run = selectedRun.get();
        if (run == null) {
            return;
        }
        training.readRun(run.folder()).whenCompleteAsync((history, e) -> {
            if (e != null) {
                problem("Cannot open " + run.folder() + ": " + Failures.message(e));
                return;
            }
            showHistory(history);
        }, fx);
    }

    /** Opens a checkpoint as the model to sample from, then hands over to the Inpaint workspace. */
    void sendToInpaint(Path checkpoint) {
        if (checkpoint == null) {
            return;
        }
        message.set("Opening " + checkpoint.getFileName() + " for inpainting\u2026");
        models.openModel(checkpoint).whenCompleteAsync((info, e) -> {
            if (e != null) {
                problem("Cannot open " + checkpoint + ": " + Failures.message(e));
                return;
            }
            message.set("Inpainting with " + checkpoint.getParent().getParent().getFileName() + "/"
                    + checkpoint.getFileName() + " (step " + Texts.count(info.step()) + ")");
            onSendToInpaint.run();
        }, fx);
    }

    /** Opens a copy of the running training's weights (taken between steps) for inpainting, then hands over. */
    void sendLiveToInpaint() {
        message.set("Copying the training's weights for inpainting\u2026");
        models.openTrainingSnapshot().whenCompleteAsync((info, e) -> {
            if (e != null) {
                problem("Cannot copy the training's weights: " + Failures.message(e));
                return;
            }
            message.set("Inpainting with a copy of the running training's weights");
            onSendToInpaint.run();
        }, fx);
    }

    void refreshRuns() {
        training.listRunsAndProblems().whenCompleteAsync((listing, e) -> {
            if (e != null) {
                message.set("Cannot list the runs in " + training.runsRoot() + ": " + Failures.message(e));
                return;
            }
            List<RunSummary> list = listing.runs();
            unreadableRuns.set(listing.unreadable().isEmpty() ? "" : (listing.unreadable().size() == 1
                    ? "A run folder cannot be read: " : listing.unreadable().size() + " run folders cannot be read: ")
                    + String.join("; ", listing.unreadable()));
            Path selected = selectedRun.get() == null ? activeRun.get() : selectedRun.get().folder();
            runs.setAll(list);
            selectedRun.set(list.stream().filter(r -> r.folder().equals(selected)).findFirst().orElse(null));
        }, fx);
    }

    /** A problem for a dialog, titled as the workspace. */
    private void problem(String text) {
        onProblem.accept(new Problem("Train", text));
    }

    // ---------------------------------------------------------------- events

    /** A batch of the service's events, in order, on the FX thread. */
    void accept(List<TrainingEvent> batch) {
        TrainingEvent.Step last = null;
        TrainingEvent.Ended endedNow = null;
        boolean refresh = false;
        for (TrainingEvent event : batch) {
            if (event instanceof TrainingEvent.Step s) {
                charts.add(s);
                last = s;
            } else if (event instanceof TrainingEvent.Validation v) {
                charts.add(v);
                validationText.set(validation(v));
            } else if (event instanceof TrainingEvent.Started s) {
                started(s);
                refresh = true;
            } else if (event instanceof TrainingEvent.CheckpointSaved c) {
                if (c.best()) {
                    bestCheckpointStep = c.step();
                } else {
                    latestCheckpointStep = c.step();
                }
                checkpointText.set(checkpoints());
                refresh = true;
            } else if (event instanceof TrainingEvent.PreviewReady p) {
                pastPreview.set(null);
                preview.set(p);
                previewCaption.set("Completions of " + p.truth().size() + " validation windows at step "
                        + Texts.count(p.step()));
            } else if (event instanceof TrainingEvent.WriteFailed w) {
                message.set("Warning: " + w.message());
                writeFailed.set(w);
            } else if (event instanceof TrainingEvent.Ended end) {
                message.set(end.message());
                ended.set(end);
                activeRun.set(null);
                refresh = true;
                endedNow = end;
            }
        }
        if (last != null) {
            showStep(last);
        }
        if (endedNow != null) { // the run is over: no ETA for it, and no live step
            liveStep.set(-1);
            speedText.set(switch (endedNow.outcome()) {
                case COMPLETED -> "Finished";
                case STOPPED -> "Stopped at step " + Texts.count(endedNow.step()) + "; continue it from the past runs";
                case FAILED -> "Failed at step " + Texts.count(endedNow.step());
            });
        }
        chartsRevision.set(chartsRevision.get() + 1);
        if (refresh) {
            refreshRuns();
        }
    }

    private String checkpoints() {
        String latest = latestCheckpointStep < 0 ? "" : "latest at step " + Texts.count(latestCheckpointStep);
        String best = bestCheckpointStep < 0 ? "" : "best (validation) at step " + Texts.count(bestCheckpointStep);
        return "Checkpoints: " + latest + (latest.isEmpty() || best.isEmpty() ? "" : ", ") + best;
    }

    private void started(TrainingEvent.Started s) {
        activeRun.set(s.run());
        liveStep.set(s.step());
        latestCheckpointStep = s.step() > 0 ? s.step() : -1;
        bestCheckpointStep = -1;
        totalSteps = s.config().train().steps();
        batchSize = s.config().train().batchSize();
        runTitle.set(title(s.run(), s.config()));
        message.set(s.step() == 0 ? "Training a new run in " + s.run()
                : "Continuing " + s.run().getFileName() + " from step " + Texts.count(s.step()));
        charts.reset(s.config().model().levelCount());
        s.history().steps().forEach(charts::add);
        s.history().validations().forEach(charts::add);
        validationText.set(s.history().validations().isEmpty() ? "No validation yet"
                : validation(s.history().validations().get(s.history().validations().size() - 1)));
        checkpointText.set(latestCheckpointStep < 0 ? "" : checkpoints());
        preview.set(null);
        pastPreview.set(s.history().lastPreview());
        previewCaption.set(s.history().lastPreview() == null ? "Waiting for the first preview\u2026"
                : "The run's last preview (originals, mean completions, samples)");
        if (!s.history().steps().isEmpty()) {
            showStep(s.history().steps().get(s.history().steps().size() - 1));
        } else {
            progress.set(0);
            stepText.set("Step 0 of " + Texts.count(totalSteps));
            speedText.set("");
        }
    }

    private void showHistory(RunHistory h) {
        RunSummary run = h.run();
        totalSteps = run.totalSteps();
        batchSize = run.config().train().batchSize();
        runTitle.set(title(run.folder(), run.config()));
        charts.load(h);
        chartsRevision.set(chartsRevision.get() + 1);
        validationText.set(h.validations().isEmpty() ? "No validation recorded"
                : validation(h.validations().get(h.validations().size() - 1)));
        checkpointText.set(run.latestCheckpoint() == null ? "No checkpoint yet" : "Checkpoints: latest"
                + (run.bestCheckpoint() == null ? "" : " and best"));
        preview.set(null);
        pastPreview.set(h.lastPreview());
        previewCaption.set(h.lastPreview() == null ? "This run has no preview."
                : "The run's last preview (originals, mean completions, samples)");
        if (h.steps().isEmpty()) {
            progress.set(0);
            stepText.set("Step 0 of " + Texts.count(totalSteps));
        } else {
            showStep(h.steps().get(h.steps().size() - 1));
        }
        speedText.set(run.finished() ? "Finished" : "Stopped; continue it from the past runs");
        message.set("Showing " + run.name() + " (" + Texts.count(h.steps().size()) + " steps recorded)");
    }

    private void showStep(TrainingEvent.Step s) {
        liveStep.set(s.step());
        progress.set(totalSteps == 0 ? 0 : Math.min(1, (double) s.step() / totalSteps));
        stepText.set("Step " + Texts.count(s.step()) + " of " + Texts.count(totalSteps));
        double eta = s.imagesPerSecond() > 0 ? (totalSteps - s.step()) * (double) batchSize / s.imagesPerSecond()
                : Double.NaN;
        speedText.set(Texts.number(s.imagesPerSecond(), 1) + " images/s \u00b7 ETA " + Texts.duration(eta)
                + " \u00b7 trained " + Texts.duration(s.elapsedSeconds())
                + (s.skips() > 0 ? " \u00b7 " + Texts.count(s.skips()) + " skipped" : ""));
    }

    private static String validation(TrainingEvent.Validation v) {
        return "Validation at step " + Texts.count(v.step()) + ": " + Texts.number(v.bpd(), 4) + " bits/dim, recon "
                + Texts.number(v.recon(), 1) + ", KL " + Texts.perLevel(v.kl()) + (v.best() ? " (best so far)" : "");
    }

    private static String title(Path folder, RunConfig config) {
        return folder.getFileName() + ": " + config.model().name() + " (" + config.model().conditioning() + "), batch "
                + config.train().batchSize() + ", lr " + config.train().learningRate();
    }

    // ---------------------------------------------------------------- plumbing

    /** Who shows problems (the view: a dialog). */
    public void setOnProblem(Consumer<Problem> handler) {
        this.onProblem = handler;
    }

    /** The new-run form. */
    public RunForm form() {
        return form;
    }

    /** The charts' data; the view copies their points after each {@link #chartsRevisionProperty() revision}. */
    public TrainingCharts charts() {
        return charts;
    }

    /** Bumped after every change to {@link #charts()}. */
    public ReadOnlyIntegerProperty chartsRevisionProperty() {
        return chartsRevision.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<ServiceStatus> statusProperty() {
        return status.getReadOnlyProperty();
    }

    public BooleanBinding canStartProperty() {
        return canStart;
    }

    public BooleanBinding canPauseProperty() {
        return canPause;
    }

    public BooleanBinding canResumeProperty() {
        return canResume;
    }

    public BooleanBinding canStopProperty() {
        return canStop;
    }

    /** Why Start is disabled, or "". */
    public StringBinding startBlockedProperty() {
        return startBlocked;
    }

    public StringBinding phaseTextProperty() {
        return phaseText;
    }

    public ReadOnlyStringProperty runTitleProperty() {
        return runTitle.getReadOnlyProperty();
    }

    /** The shown run's progress, 0..1. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty stepTextProperty() {
        return stepText.getReadOnlyProperty();
    }

    /** The step the run in progress has reached, live (-1 when none is in progress). */
    public javafx.beans.property.ReadOnlyLongProperty liveStepProperty() {
        return liveStep.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty speedTextProperty() {
        return speedText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty validationTextProperty() {
        return validationText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty checkpointTextProperty() {
        return checkpointText.getReadOnlyProperty();
    }

    /** One line about the last thing that happened. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** The running training's latest preview grid, or null. */
    /** Run folders that cannot be read, with their files and reasons; empty when every one reads. */
    public ReadOnlyStringProperty unreadableRunsProperty() {
        return unreadableRuns.getReadOnlyProperty();
    }

    /** The last failed write of the running training's files (the user may stop, or let it go on). */
    public ReadOnlyObjectProperty<TrainingEvent.WriteFailed> writeFailedProperty() {
        return writeFailed.getReadOnlyProperty();
    }

    /** The last run's end (finished, stopped or failed), for the notification a finished long job deserves. */
    public ReadOnlyObjectProperty<TrainingEvent.Ended> endedProperty() {
        return ended.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<TrainingEvent.PreviewReady> previewProperty() {
        return preview.getReadOnlyProperty();
    }

    /** A past run's last saved preview mosaic, or null. */
    public ReadOnlyObjectProperty<Picture> pastPreviewProperty() {
        return pastPreview.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty previewCaptionProperty() {
        return previewCaption.getReadOnlyProperty();
    }

    /** The past runs, the most recently active first (read-only). */
    public ObservableList<RunSummary> runs() {
        return runsView;
    }

    /** The run chosen in the list of past runs (the view sets it from the list's selection), or null. */
    public ObjectProperty<RunSummary> selectedRunProperty() {
        return selectedRun;
    }

    /** The folder of the run being trained, or null. */
    public ReadOnlyObjectProperty<Path> activeRunProperty() {
        return activeRun.getReadOnlyProperty();
    }

    /** The total steps a continued run trains to, as typed. */
    public StringProperty continueStepsProperty() {
        return continueSteps;
    }

    public BooleanBinding canOpenRunProperty() {
        return canOpenRun;
    }

    public BooleanBinding canContinueRunProperty() {
        return canContinueRun;
    }
}
