package org.lacuna.ui.train;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import org.lacuna.service.ModelService;
import org.lacuna.service.ServiceStatus;
import org.lacuna.service.TrainingEvent;
import org.lacuna.service.TrainingService;
import org.lacuna.ui.common.Problem;

/**
 * The Train workspace's view model, one part per concern: the new-run form ({@link RunForm}), run control
 * ({@link RunControl}: start, pause, resume, stop), the run on show ({@link LiveRun}: progress, validation, charts,
 * preview), the past runs ({@link PastRuns}) and the hand-off to the Inpaint workspace ({@link Handoff}). Calls the
 * service, never touches nodes; fed the service's events in batches (at most one per frame) on the FX thread, and
 * usable without a running toolkit. Like the other screens' view models it exposes read-only properties, takes the
 * view's inputs through writable ones, and reports problems for a dialog through one callback.
 */
final class TrainViewModel {

    private final TrainingService training;
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final RunForm form;
    private final RunControl control;
    private final LiveRun live;
    private final PastRuns pastRuns;
    private final Handoff handoff;
    private Consumer<Problem> onProblem = p -> { };

    TrainViewModel(ModelService models, TrainingService training, Runnable onSendToInpaint, Executor fx) {
        this.training = training;
        Consumer<String> say = message::set;
        form = new RunForm(training, fx);
        control = new RunControl(training, fx, form, say);
        live = new LiveRun(say);
        pastRuns = new PastRuns(training, fx, control.idleProperty(), () -> live.activeRunProperty().get(), say);
        handoff = new Handoff(models, fx, onSendToInpaint, say, this::problem);
    }

    Path runsRoot() {
        return training.runsRoot();
    }

    void setStatus(ServiceStatus value) {
        control.setStatus(value);
    }

    /** A batch of the service's events, in order, on the FX thread. */
    void accept(List<TrainingEvent> batch) {
        if (live.accept(batch)) {
            pastRuns.refresh();
        }
    }

    /** Redraws the selected past run's charts from its metrics file. */
    void openSelected() {
        pastRuns.openSelected(live::showHistory, this::problem);
    }

    /** A problem for a dialog, titled as the workspace. */
    private void problem(String text) {
        onProblem.accept(new Problem("Train", text));
    }

    /** Who shows problems (the view: a dialog). */
    public void setOnProblem(Consumer<Problem> handler) {
        this.onProblem = handler;
    }

    /** One line about the last thing that happened. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** The new-run form. */
    public RunForm form() {
        return form;
    }

    /** Start, pause, resume, stop. */
    public RunControl control() {
        return control;
    }

    /** The run on show: progress, validation, charts, preview. */
    public LiveRun live() {
        return live;
    }

    /** The past runs. */
    public PastRuns pastRuns() {
        return pastRuns;
    }

    /** Sending a run's weights to the Inpaint workspace. */
    public Handoff handoff() {
        return handoff;
    }
}
