package org.lacuna.ui.train;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableBooleanValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import org.lacuna.service.Failures;
import org.lacuna.service.RunHistory;
import org.lacuna.service.RunSummary;
import org.lacuna.service.TrainingService;
import org.lacuna.ui.common.BackgroundTask;

/**
 * The past runs: every run folder under the runs directory (and those that cannot be read, with the reason), the
 * chosen one, opening it to redraw its charts, and continuing it to more steps.
 */
final class PastRuns {

    private final TrainingService training;
    private final Executor fx;
    private final Supplier<Path> activeRun;
    private final Consumer<String> say;

    private final ObservableList<RunSummary> runs = FXCollections.observableArrayList();
    private final ObservableList<RunSummary> runsView = FXCollections.unmodifiableObservableList(runs);
    private final ObjectProperty<RunSummary> selectedRun = new SimpleObjectProperty<>(this, "selectedRun");
    private final StringProperty continueSteps = new SimpleStringProperty(this, "continueSteps", "");
    private final ReadOnlyStringWrapper unreadableRuns = new ReadOnlyStringWrapper(this, "unreadableRuns", "");
    private final BooleanBinding canOpenRun;
    private final BooleanBinding canContinueRun;

    /**
     * @param idle      whether no run trains (only then can a past run be opened or continued)
     * @param activeRun the folder of the run in training, or null: it stays chosen when the list is read again
     */
    PastRuns(TrainingService training, Executor fx, ObservableBooleanValue idle, Supplier<Path> activeRun,
             Consumer<String> say) {
        this.training = training;
        this.fx = fx;
        this.activeRun = activeRun;
        this.say = say;
        canOpenRun = Bindings.createBooleanBinding(() -> idle.get() && selectedRun.get() != null, idle, selectedRun);
        canContinueRun = Bindings.createBooleanBinding(() -> {
            RunSummary r = selectedRun.get();
            return idle.get() && r != null && RunForm.wholeNumber(continueSteps.get(), r.stepsDone() + 1,
                    Long.MAX_VALUE);
        }, idle, selectedRun, continueSteps);
        selectedRun.addListener((o, was, now) -> continueSteps.set(now == null ? ""
                : Long.toString(now.finished() ? now.totalSteps() * 2 : now.totalSteps())));
    }

    /** Continues the selected run to the typed total of steps. */
    void continueSelected() {
        RunSummary run = selectedRun.get();
        if (run == null || !canContinueRun.get()) {
            return;
        }
        say.accept("Continuing " + run.name() + "\u2026");
        BackgroundTask.of(training.continueRun(run.folder(), RunForm.parseWhole(continueSteps.get())))
                .onFailure(e -> say.accept("Not continued: " + Failures.message(e)))
                .runOn(fx);
    }

    /** Reads the selected run's history (its metrics file), for {@code show}; a failure goes to {@code problem}. */
    void openSelected(Consumer<RunHistory> show, Consumer<String> problem) {
        RunSummary run = selectedRun.get();
        if (run == null) {
            return;
        }
        BackgroundTask.of(training.readRun(run.folder()))
                .onSuccess(show)
                .onFailure(e -> problem.accept("Cannot open " + run.folder() + ": " + Failures.message(e)))
                .runOn(fx);
    }

    /** Lists the run folders again; the chosen run (or the one in training) stays chosen. */
    void refresh() {
        BackgroundTask.of(training.listRunsAndProblems()).onSuccess(listing -> {
            List<RunSummary> list = listing.runs();
            unreadableRuns.set(listing.unreadable().isEmpty() ? "" : (listing.unreadable().size() == 1
                    ? "A run folder cannot be read: " : listing.unreadable().size() + " run folders cannot be read: ")
                    + String.join("; ", listing.unreadable()));
            Path selected = selectedRun.get() == null ? activeRun.get() : selectedRun.get().folder();
            runs.setAll(list);
            selectedRun.set(list.stream().filter(r -> r.folder().equals(selected)).findFirst().orElse(null));
        }).onFailure(e -> say.accept("Cannot list the runs in " + training.runsRoot() + ": " + Failures.message(e)))
                .runOn(fx);
    }

    /** The past runs, the most recently active first (read-only). */
    public ObservableList<RunSummary> runs() {
        return runsView;
    }

    /** The run chosen in the list of past runs (the view sets it from the list's selection), or null. */
    public ObjectProperty<RunSummary> selectedRunProperty() {
        return selectedRun;
    }

    /** The total steps a continued run trains to, as typed. */
    public StringProperty continueStepsProperty() {
        return continueSteps;
    }

    /** Run folders that cannot be read, with their files and reasons; empty when every one reads. */
    public ReadOnlyStringProperty unreadableRunsProperty() {
        return unreadableRuns.getReadOnlyProperty();
    }

    public BooleanBinding canOpenRunProperty() {
        return canOpenRun;
    }

    public BooleanBinding canContinueRunProperty() {
        return canContinueRun;
    }
}
