package org.lacuna.ui.train;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import org.lacuna.config.RunConfig;
import org.lacuna.service.Picture;
import org.lacuna.service.RunHistory;
import org.lacuna.service.RunSummary;
import org.lacuna.service.TrainingEvent;
import org.lacuna.ui.common.Numbers;

/**
 * The run on show, live or past: its title, progress, speed and time left, the latest validation, the checkpoints,
 * the charts' data and the preview grid. Fed the service's events in batches (at most one per frame) on the FX
 * thread, or a past run's history.
 */
final class LiveRun {

    private final Consumer<String> say;
    private final TrainingCharts charts = new TrainingCharts();
    private final ReadOnlyIntegerWrapper chartsRevision = new ReadOnlyIntegerWrapper(this, "chartsRevision");
    private final ReadOnlyStringWrapper runTitle = new ReadOnlyStringWrapper(this, "runTitle", "No run yet");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", 0);
    private final ReadOnlyStringWrapper stepText = new ReadOnlyStringWrapper(this, "stepText", "");
    private final ReadOnlyStringWrapper speedText = new ReadOnlyStringWrapper(this, "speedText", "");
    /** The step the run in progress has reached (-1: none in progress). */
    private final ReadOnlyLongWrapper liveStep = new ReadOnlyLongWrapper(this, "liveStep", -1);
    private final ReadOnlyStringWrapper validationText = new ReadOnlyStringWrapper(this, "validationText",
            "No validation yet");
    private final ReadOnlyStringWrapper checkpointText = new ReadOnlyStringWrapper(this, "checkpointText", "");
    private final ReadOnlyObjectWrapper<TrainingEvent.PreviewReady> preview = new ReadOnlyObjectWrapper<>(this,
            "preview");
    private final ReadOnlyObjectWrapper<TrainingEvent.WriteFailed> writeFailed = new ReadOnlyObjectWrapper<>(this,
            "writeFailed");
    private final ReadOnlyObjectWrapper<TrainingEvent.Ended> ended = new ReadOnlyObjectWrapper<>(this, "ended");
    private final ReadOnlyObjectWrapper<Picture> pastPreview = new ReadOnlyObjectWrapper<>(this, "pastPreview");
    private final ReadOnlyStringWrapper previewCaption = new ReadOnlyStringWrapper(this, "previewCaption",
            "Completions of validation windows appear here as the run trains.");
    private final ReadOnlyObjectWrapper<Path> activeRun = new ReadOnlyObjectWrapper<>(this, "activeRun");

    private long totalSteps;
    private long latestCheckpointStep = -1;
    private long bestCheckpointStep = -1;
    private int batchSize;

    /** @param say where one line about the last thing that happened goes */
    LiveRun(Consumer<String> say) {
        this.say = say;
    }

    /** A batch of the service's events, in order, on the FX thread; whether the list of runs should be read again. */
    boolean accept(List<TrainingEvent> batch) {
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
                        + Numbers.count(p.step()));
            } else if (event instanceof TrainingEvent.WriteFailed w) {
                say.accept("Warning: " + w.message());
                writeFailed.set(w);
            } else if (event instanceof TrainingEvent.Ended end) {
                say.accept(end.message());
                ended.set(end);
                activeRun.set(null);
                refresh = true;
                endedNow = end;
            }
        }
        if (last != null) {
            liveStep.set(last.step()); // the live step only: a past run's shown step is not one
            showStep(last);
        }
        if (endedNow != null) { // the run is over: no ETA for it, and no live step
            liveStep.set(-1);
            speedText.set(switch (endedNow.outcome()) {
                case COMPLETED -> "Finished";
                case STOPPED -> "Stopped at step " + Numbers.count(endedNow.step()) + "; continue it from the past runs";
                case FAILED -> "Failed at step " + Numbers.count(endedNow.step());
            });
        }
        chartsRevision.set(chartsRevision.get() + 1);
        return refresh;
    }

    private String checkpoints() {
        String latest = latestCheckpointStep < 0 ? "" : "latest at step " + Numbers.count(latestCheckpointStep);
        String best = bestCheckpointStep < 0 ? "" : "best (validation) at step " + Numbers.count(bestCheckpointStep);
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
        say.accept(s.step() == 0 ? "Training a new run in " + s.run()
                : "Continuing " + s.run().getFileName() + " from step " + Numbers.count(s.step()));
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
            stepText.set("Step 0 of " + Numbers.count(totalSteps));
            speedText.set("");
        }
    }

    /** Shows a past run: its charts, last validation and preview, and where it stopped. */
    void showHistory(RunHistory h) {
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
            stepText.set("Step 0 of " + Numbers.count(totalSteps));
        } else {
            showStep(h.steps().get(h.steps().size() - 1));
        }
        speedText.set(run.finished() ? "Finished" : "Stopped; continue it from the past runs");
        say.accept("Showing " + run.name() + " (" + Numbers.count(h.steps().size()) + " steps recorded)");
    }

    private void showStep(TrainingEvent.Step s) {
        progress.set(totalSteps == 0 ? 0 : Math.min(1, (double) s.step() / totalSteps));
        stepText.set("Step " + Numbers.count(s.step()) + " of " + Numbers.count(totalSteps));
        double eta = s.imagesPerSecond() > 0 ? (totalSteps - s.step()) * (double) batchSize / s.imagesPerSecond()
                : Double.NaN;
        speedText.set(Numbers.number(s.imagesPerSecond(), 1) + " images/s \u00b7 ETA " + Numbers.duration(eta)
                + " \u00b7 trained " + Numbers.duration(s.elapsedSeconds())
                + (s.skips() > 0 ? " \u00b7 " + Numbers.count(s.skips()) + " skipped" : ""));
    }

    private static String validation(TrainingEvent.Validation v) {
        return "Validation at step " + Numbers.count(v.step()) + ": " + Numbers.number(v.bpd(), 4) + " bits/dim, recon "
                + Numbers.number(v.recon(), 1) + ", KL " + Numbers.perLevel(v.kl())
                + (v.best() ? " (best so far)" : "");
    }

    private static String title(Path folder, RunConfig config) {
        return folder.getFileName() + ": " + config.model().name() + " (" + config.model().conditioning() + "), batch "
                + config.train().batchSize() + ", lr " + config.train().learningRate();
    }

    /** The charts' data; the view copies their points after each {@link #chartsRevisionProperty() revision}. */
    public TrainingCharts charts() {
        return charts;
    }

    /** Bumped after every change to {@link #charts()}. */
    public ReadOnlyIntegerProperty chartsRevisionProperty() {
        return chartsRevision.getReadOnlyProperty();
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
    public ReadOnlyLongProperty liveStepProperty() {
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

    /** The last failed write of the running training's files (the user may stop, or let it go on). */
    public ReadOnlyObjectProperty<TrainingEvent.WriteFailed> writeFailedProperty() {
        return writeFailed.getReadOnlyProperty();
    }

    /** The last run's end (finished, stopped or failed), for the notification a finished long job deserves. */
    public ReadOnlyObjectProperty<TrainingEvent.Ended> endedProperty() {
        return ended.getReadOnlyProperty();
    }

    /** The running training's latest preview grid, or null. */
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

    /** The folder of the run being trained, or null. */
    public ReadOnlyObjectProperty<Path> activeRunProperty() {
        return activeRun.getReadOnlyProperty();
    }
}
