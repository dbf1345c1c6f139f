package org.lacuna.ui.train;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import org.lacuna.config.RunConfig;
import org.lacuna.service.ModelService;
import org.lacuna.service.Picture;
import org.lacuna.service.RunHistory;
import org.lacuna.service.RunSummary;
import org.lacuna.service.ServiceStatus;
import org.lacuna.service.ServiceStatus.TrainingPhase;
import org.lacuna.service.TrainingEvent;
import org.lacuna.service.TrainingService;

/**
 * The Train workspace's view model: the state of the buttons, progress, the latest validation, the charts' data,
 * the preview grid and the past runs. Calls the service, never touches nodes; fed the service's events in batches
 * (at most one per frame) on the FX thread, and usable without a running toolkit.
 */
final class TrainViewModel {

    private final TrainingService training;
    private final ModelService models;
    private final Runnable onSendToInpaint;
    private final Executor fx;

    final RunForm form;
    final TrainingCharts charts = new TrainingCharts();
    /** Bumped after every change to {@link #charts}; the view copies the charts' points then. */
    final IntegerProperty chartsRevision = new SimpleIntegerProperty();

    final ObjectProperty<ServiceStatus> status = new SimpleObjectProperty<>(ServiceStatus.IDLE);
    final BooleanBinding canStart;
    final BooleanBinding canPause;
    final BooleanBinding canResume;
    final BooleanBinding canStop;
    /** Why Start is disabled, or "". */
    final StringBinding startBlocked;
    final StringBinding phaseText;

    final StringProperty runTitle = new SimpleStringProperty("No run yet");
    final DoubleProperty progress = new SimpleDoubleProperty(0);
    final StringProperty stepText = new SimpleStringProperty("");
    final StringProperty speedText = new SimpleStringProperty("");
    final StringProperty validationText = new SimpleStringProperty("No validation yet");
    final StringProperty checkpointText = new SimpleStringProperty("");
    final StringProperty message = new SimpleStringProperty("");
    /** An error for a dialog (the view shows it and clears it). */
    final StringProperty error = new SimpleStringProperty();

    final ObjectProperty<TrainingEvent.PreviewReady> preview = new SimpleObjectProperty<>();
    final ObjectProperty<Picture> pastPreview = new SimpleObjectProperty<>();
    final StringProperty previewCaption = new SimpleStringProperty("Completions of validation windows appear here"
            + " as the run trains.");

    final ObservableList<RunSummary> runs = FXCollections.observableArrayList();
    final ObjectProperty<RunSummary> selectedRun = new SimpleObjectProperty<>();
    final ObjectProperty<Path> activeRun = new SimpleObjectProperty<>();
    /** The total steps a continued run trains to. */
    final StringProperty continueSteps = new SimpleStringProperty("");
    final BooleanBinding canOpenRun;
    final BooleanBinding canContinueRun;

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
        canStart = idle.and(form.valid);
        canPause = Bindings.createBooleanBinding(() -> status.get().training() == TrainingPhase.TRAINING, status);
        canResume = Bindings.createBooleanBinding(() -> status.get().training() == TrainingPhase.PAUSED, status);
        canStop = canPause.or(canResume);
        startBlocked = Bindings.createStringBinding(() -> status.get().training() != TrainingPhase.IDLE
                ? "" : form.problem.get(), status, form.problem);
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
        training.startNew(folder, config).whenCompleteAsync((end, e) -> {
            if (e != null) {
                message.set("Not started: " + Texts.describe(cause(e)));
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
                        message.set("Not continued: " + Texts.describe(cause(e)));
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
                error.set("Cannot open " + run.folder() + ": " + Texts.describe(cause(e)));
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
                error.set("Cannot open " + checkpoint + ": " + Texts.describe(cause(e)));
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
                error.set("Cannot copy the training's weights: " + Texts.describe(cause(e)));
                return;
            }
            message.set("Inpainting with a copy of the running training's weights");
            onSendToInpaint.run();
        }, fx);
    }

    void refreshRuns() {
        training.listRuns().whenCompleteAsync((list, e) -> {
            if (e != null) {
                message.set("Cannot list the runs in " + training.runsRoot() + ": " + Texts.describe(cause(e)));
                return;
            }
            Path selected = selectedRun.get() == null ? activeRun.get() : selectedRun.get().folder();
            runs.setAll(list);
            selectedRun.set(list.stream().filter(r -> r.folder().equals(selected)).findFirst().orElse(null));
        }, fx);
    }

    private static Throwable cause(Throwable e) {
        return e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
    }

    // ---------------------------------------------------------------- events

    /** A batch of the service's events, in order, on the FX thread. */
    void accept(List<TrainingEvent> batch) {
        TrainingEvent.Step last = null;
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
            } else if (event instanceof TrainingEvent.Ended end) {
                message.set(end.message());
                activeRun.set(null);
                refresh = true;
            }
        }
        if (last != null) {
            showStep(last);
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
}
