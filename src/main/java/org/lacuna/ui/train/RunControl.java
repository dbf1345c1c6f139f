package org.lacuna.ui.train;

import java.nio.file.Path;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

import org.lacuna.config.RunConfig;
import org.lacuna.service.Failures;
import org.lacuna.service.ServiceStatus;
import org.lacuna.service.ServiceStatus.TrainingPhase;
import org.lacuna.service.TrainingService;
import org.lacuna.ui.common.BackgroundTask;

/**
 * Start, pause, resume and stop: which of them applies in the service's state, why Start cannot start, and the
 * phase in words.
 */
final class RunControl {

    private final TrainingService training;
    private final Executor fx;
    private final RunForm form;
    private final Consumer<String> say;

    private final ReadOnlyObjectWrapper<ServiceStatus> status = new ReadOnlyObjectWrapper<>(this, "status",
            ServiceStatus.IDLE);
    private final BooleanBinding idle;
    private final BooleanBinding canStart;
    private final BooleanBinding canPause;
    private final BooleanBinding canResume;
    private final BooleanBinding canStop;
    private final StringBinding startBlocked;
    private final StringBinding phaseText;

    RunControl(TrainingService training, Executor fx, RunForm form, Consumer<String> say) {
        this.training = training;
        this.fx = fx;
        this.form = form;
        this.say = say;
        status.set(training.status());
        idle = Bindings.createBooleanBinding(() -> status.get().training() == TrainingPhase.IDLE, status);
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
    }

    void setStatus(ServiceStatus value) {
        status.set(value);
    }

    /** Starts the run the form describes; does nothing when it cannot. */
    void start() {
        if (!canStart.get()) {
            return;
        }
        RunConfig config = form.config();
        Path folder = form.runFolderPath();
        say.accept("Opening the data and preparing " + folder.getFileName() + "\u2026");
        BackgroundTask.of(form.fromShippedProperty().get() ? training.startFromShipped(folder, config)
                : training.startNew(folder, config))
                .onFailure(e -> say.accept("Not started: " + Failures.message(e)))
                .runOn(fx);
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

    /** No run is training. */
    BooleanBinding idleProperty() {
        return idle;
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
}
