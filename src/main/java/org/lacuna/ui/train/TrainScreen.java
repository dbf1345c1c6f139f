package org.lacuna.ui.train;

import java.util.Optional;

import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableBooleanValue;
import javafx.beans.value.ObservableStringValue;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.StageStyle;
import javafx.stage.Window;
import javafx.util.Duration;

import org.controlsfx.control.Notifications;

import org.lacuna.service.ModelService;
import org.lacuna.service.ServiceStatus;
import org.lacuna.service.ServiceStatus.TrainingPhase;
import org.lacuna.service.TrainingEvent;
import org.lacuna.service.TrainingService;
import org.lacuna.ui.common.Coalescer;
import org.lacuna.ui.common.Dialogs;
import org.lacuna.ui.common.FxThread;

/**
 * The Train workspace: a new-run form and the past runs on the left; Start, Pause, Resume and Stop, progress, the
 * live charts and the preview grid on the right. The shell mounts {@link #view()} and asks {@link #confirmClose}
 * before the window closes.
 */
public final class TrainScreen {

    private final TrainingService training;
    private final TrainViewModel vm;
    private final BorderPane root = new BorderPane();

    /**
     * @param onSendToInpaint run on the FX thread after a checkpoint has been opened in the model service (the shell
     *                        switches to the Inpaint workspace)
     */
    public TrainScreen(ModelService models, TrainingService training, Runnable onSendToInpaint) {
        this.training = training;
        this.vm = new TrainViewModel(models, training, onSendToInpaint, FxThread.executor());
        Coalescer<TrainingEvent> events = new Coalescer<>(vm::accept);
        training.addListener(events::post);
        models.addStatusListener(s -> FxThread.run(() -> vm.setStatus(training.status())));
        build();
        vm.live().writeFailedProperty().addListener((o, was, failed) -> {
            Window owner = root.getScene() == null ? null : root.getScene().getWindow();
            if (failed != null && owner != null && owner.isShowing()) {
                Notifications.create().owner(owner).position(Pos.BOTTOM_RIGHT).hideAfter(Duration.seconds(30))
                        .title("A file of the training could not be written").text(failed.message()
                                + "\nStop the training to end it here, or let it go on.").showWarning();
            }
        });
        vm.live().endedProperty().addListener((o, was, end) -> {
            if (end != null) {
                notifyEnd(end);
            }
        });
        vm.pastRuns().refresh();
    }

    /**
     * Restores the new-run form's last data folder and recipe from the preferences, and remembers them as they
     * change.
     */
    public void remember(org.lacuna.ui.common.AppPreferences preferences) {
        RunForm form = vm.form();
        preferences.trainRecipe().filter(form.recipesOffered()::contains).ifPresent(form.recipeProperty()::set);
        preferences.trainData().ifPresent(folder -> {
            form.data().folderProperty().set(folder.toString());
            form.check().check();
        });
        form.data().folderProperty().addListener((o, was, now) -> preferences.rememberTraining(now, null));
        form.recipeProperty().addListener((o, was, now) -> preferences.rememberTraining(null, now));
    }

    /** A ControlsFX notification in the window's corner: the user may be on the Inpaint tab or away. */
    private void notifyEnd(TrainingEvent.Ended end) {
        Window owner = root.getScene() == null ? null : root.getScene().getWindow();
        if (owner == null || !owner.isShowing()) {
            return;
        }
        String run = end.run().getFileName() == null ? end.run().toString() : end.run().getFileName().toString();
        Notifications note = Notifications.create().owner(owner).position(Pos.BOTTOM_RIGHT)
                .hideAfter(Duration.seconds(end.outcome() == TrainingEvent.Outcome.FAILED ? 30 : 10))
                .text(end.message());
        switch (end.outcome()) {
            case COMPLETED -> note.title("Training of " + run + " finished").showInformation();
            case STOPPED -> note.title("Training of " + run + " stopped").showInformation();
            case FAILED -> note.title("Training of " + run + " failed").showError();
        }
    }

    /** The workspace's root node. */
    public Node view() {
        return root;
    }

    /**
     * Asks, while a training runs, whether to stop it (at the next step, with a checkpoint) and close, or keep
     * training. Returns true when the window may close: nothing was training, or the run has stopped and its
     * checkpoint is written (a small window says so while it waits; the FX thread keeps running). Call on the FX
     * thread, from the window's close request.
     */
    public boolean confirmClose(Window owner) {
        if (training.status().training() == TrainingPhase.IDLE) {
            return true;
        }
        if (training.status().training() != TrainingPhase.STOPPING) {
            ButtonType stop = new ButtonType("Stop and close", ButtonBar.ButtonData.OK_DONE);
            ButtonType keep = new ButtonType("Keep training", ButtonBar.ButtonData.CANCEL_CLOSE);
            Alert ask = new Alert(Alert.AlertType.CONFIRMATION, "", stop, keep);
            ask.initOwner(owner);
            ask.setTitle("A training is running");
            String step = vm.live().stepTextProperty().get();
            ask.setHeaderText("A training is running" + (step.isEmpty() ? "" : " (" + step.toLowerCase() + ")"));
            ask.setContentText("Stop it at the next step with a checkpoint and close the window, or keep training?"
                    + " A stopped run can be continued later from the past runs.");
            ask.getDialogPane().setId("confirm-close");
            Optional<ButtonType> choice = ask.showAndWait();
            if (choice.isEmpty() || choice.get() != stop) {
                return false;
            }
            training.stop();
        }
        waitUntilIdle(owner);
        return true;
    }

    /** A small modal window while the run writes its checkpoint, with a nested event loop (the FX thread runs on). */
    private void waitUntilIdle(Window owner) {
        if (training.status().training() == TrainingPhase.IDLE) {
            return;
        }
        Stage wait = new Stage(StageStyle.UTILITY);
        wait.initOwner(owner);
        wait.initModality(Modality.WINDOW_MODAL);
        wait.setTitle("Stopping");
        Label text = new Label("Stopping the training at the next step and writing a checkpoint\u2026");
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setPrefSize(28, 28);
        HBox content = new HBox(12, spinner, text);
        content.setAlignment(Pos.CENTER_LEFT);
        content.setPadding(new Insets(16));
        wait.setScene(new Scene(content));
        wait.setOnCloseRequest(e -> e.consume());
        ChangeListener<ServiceStatus> ended = (o, was, now) -> {
            if (now.training() == TrainingPhase.IDLE) {
                wait.close();
            }
        };
        vm.control().statusProperty().addListener(ended);
        Platform.runLater(() -> {
            if (training.status().training() == TrainingPhase.IDLE) {
                wait.close();
            }
        });
        try {
            wait.showAndWait();
        } finally {
            vm.control().statusProperty().removeListener(ended);
        }
    }

    /** The view model, for tests in this package. */
    TrainViewModel viewModel() {
        return vm;
    }

    private void build() {
        root.getStyleClass().add("train-screen");
        root.getStylesheets().add(TrainScreen.class.getResource("train.css").toExternalForm());

        VBox side = new VBox(10, new RunFormView(vm.form()).node(), new RunsView(vm).node());
        side.setPadding(new Insets(10));
        side.getStyleClass().add("sidebar");
        ScrollPane sideScroll = new ScrollPane(side);
        sideScroll.setId("train-sidebar");
        sideScroll.setFitToWidth(true);
        sideScroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        sideScroll.setPrefViewportWidth(340);
        sideScroll.setMinWidth(300);
        root.setLeft(sideScroll);

        ChartsView charts = new ChartsView(vm);
        VBox.setVgrow(charts.node(), Priority.ALWAYS);
        VBox main = new VBox(6, controls(), progress(), charts.node(), new PreviewView(vm).node());
        main.setPadding(new Insets(10));
        root.setCenter(main);

        vm.setOnProblem(p -> Dialogs.error(root.getScene() == null ? null : root.getScene().getWindow(), p.title(),
                p.message()));
    }

    private Node controls() {
        Button start = button("Start", "start", vm.control().canStartProperty());
        start.setDefaultButton(false);
        start.setOnAction(e -> vm.control().start());
        Button pause = button("Pause", "pause", vm.control().canPauseProperty());
        pause.setOnAction(e -> vm.control().pause());
        Button resume = button("Resume", "resume", vm.control().canResumeProperty());
        resume.setOnAction(e -> vm.control().resume());
        Button stop = button("Stop", "stop", vm.control().canStopProperty());
        stop.setOnAction(e -> vm.control().stop());
        Label phase = label("phase", vm.control().phaseTextProperty());
        phase.getStyleClass().add("phase");
        Label blocked = label("start-blocked", vm.control().startBlockedProperty());
        blocked.getStyleClass().add("start-blocked");
        blocked.setWrapText(true);
        HBox.setHgrow(blocked, Priority.ALWAYS);
        Region gap = new Region();
        gap.setMinWidth(12);
        Label title = label("run-title", vm.live().runTitleProperty());
        title.getStyleClass().add("run-title");
        HBox buttons = new HBox(6, start, pause, resume, stop, gap, phase, new Label("\u00b7"), title);
        buttons.setAlignment(Pos.CENTER_LEFT);
        return new VBox(4, buttons, blocked);
    }

    private Node progress() {
        ProgressBar bar = new ProgressBar();
        bar.setId("progress");
        bar.progressProperty().bind(vm.live().progressProperty());
        bar.setPrefWidth(260);
        Label step = label("step-text", vm.live().stepTextProperty());
        step.setMinWidth(Region.USE_PREF_SIZE);
        Label speed = label("speed-text", vm.live().speedTextProperty());
        HBox row = new HBox(10, bar, step, speed);
        row.setAlignment(Pos.CENTER_LEFT);
        Label validation = label("validation-text", vm.live().validationTextProperty());
        Label checkpoint = label("checkpoint-text", vm.live().checkpointTextProperty());
        checkpoint.visibleProperty().bind(vm.live().checkpointTextProperty().isNotEmpty());
        checkpoint.managedProperty().bind(checkpoint.visibleProperty());
        Label message = label("message", vm.messageProperty());
        message.getStyleClass().add("hint");
        return new VBox(3, row, validation, new HBox(16, checkpoint, message));
    }

    private static Button button(String text, String id, ObservableBooleanValue enabled) {
        Button b = new Button(text);
        b.setId(id);
        b.setMinWidth(72);
        b.disableProperty().bind(Bindings.not(enabled));
        return b;
    }

    private static Label label(String id, ObservableStringValue text) {
        Label l = new Label();
        l.setId(id);
        l.textProperty().bind(text);
        return l;
    }
}
