package org.lacuna.ui.train;

import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

import org.lacuna.ui.common.Numbers;
import org.lacuna.service.RunSummary;

/**
 * Past runs: the run folders under the runs directory. Open redraws a run's charts from its metrics; Continue
 * resumes it from its latest checkpoint to a total of steps; a checkpoint goes to the Inpaint workspace in one click.
 */
final class RunsView {

    private final VBox box = new VBox(6);

    RunsView(TrainViewModel vm) {
        Label title = new Label("Past runs");
        title.getStyleClass().add("section-title");
        PastRuns past = vm.pastRuns();
        LiveRun shown = vm.live();
        javafx.beans.binding.StringBinding phase = vm.control().phaseTextProperty();
        ListView<RunSummary> list = new ListView<>(past.runs());
        list.setId("runs");
        list.setPrefHeight(170);
        list.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(RunSummary run, boolean empty) {
                super.updateItem(run, empty);
                if (empty || run == null) {
                    setText(null);
                    return;
                }
                boolean active = run.folder().equals(shown.activeRunProperty().get());
                // the run in progress: its live step and phase, not what its files said when the list was read
                long step = active && shown.liveStepProperty().get() >= 0 ? shown.liveStepProperty().get()
                        : run.stepsDone();
                setText(run.name() + (active ? "  (" + phase.get().toLowerCase(java.util.Locale.ROOT) + ")" : "")
                        + "\n  " + run.config().model().name() + ", "
                        + run.config().model().conditioning() + " \u00b7 step " + Numbers.count(step)
                        + " of " + Numbers.count(run.totalSteps()) + (run.finished() ? " \u00b7 finished" : ""));
            }
        });
        shown.liveStepProperty().addListener(o -> list.refresh());
        phase.addListener(o -> list.refresh());
        list.getSelectionModel().selectedItemProperty()
                .addListener((o, was, now) -> past.selectedRunProperty().set(now));
        past.selectedRunProperty().addListener((o, was, now) -> {
            if (list.getSelectionModel().getSelectedItem() != now) {
                list.getSelectionModel().select(now);
            }
        });

        Button open = new Button("Open charts");
        open.setId("open-run");
        open.disableProperty().bind(past.canOpenRunProperty().not());
        open.setOnAction(e -> vm.openSelected());
        Button refresh = new Button("Refresh");
        refresh.setId("refresh-runs");
        refresh.setOnAction(e -> past.refresh());

        TextField to = new TextField();
        to.setId("continue-steps");
        to.setPrefColumnCount(7);
        to.textProperty().bindBidirectional(past.continueStepsProperty());
        Button resume = new Button("Continue");
        resume.setId("continue-run");
        resume.disableProperty().bind(past.canContinueRunProperty().not());
        resume.setTooltip(new Tooltip("Resume from the latest checkpoint and train to the total of steps"));
        resume.setOnAction(e -> past.continueSelected());

        Button latest = new Button("Latest to Inpaint");
        latest.setId("send-latest");
        latest.disableProperty().bind(past.selectedRunProperty().map(r -> r.latestCheckpoint() == null).orElse(true));
        latest.setOnAction(e -> vm.handoff().sendToInpaint(past.selectedRunProperty().get().latestCheckpoint()));
        Button best = new Button("Best to Inpaint");
        best.setId("send-best");
        best.disableProperty().bind(past.selectedRunProperty().map(r -> r.bestCheckpoint() == null).orElse(true));
        best.setOnAction(e -> vm.handoff().sendToInpaint(past.selectedRunProperty().get().bestCheckpoint()));
        latest.setTooltip(new Tooltip("Open the run's latest checkpoint in the Inpaint workspace"));
        best.setTooltip(new Tooltip("Open the checkpoint with the best validation bits/dim in the Inpaint workspace"));

        Button live = new Button("Live weights to Inpaint");
        live.setId("send-live");
        live.disableProperty().bind(vm.control().canStopProperty().not());
        live.setOnAction(e -> vm.handoff().sendLiveToInpaint());
        live.setTooltip(new Tooltip("Sample from a copy of the running training's weights, taken between two steps"));

        Label where = new Label("in " + vm.runsRoot());
        where.getStyleClass().add("hint");
        Label unreadable = new Label();
        unreadable.setId("unreadable-runs");
        unreadable.getStyleClass().add("field-error");
        unreadable.setWrapText(true);
        unreadable.textProperty().bind(past.unreadableRunsProperty());
        unreadable.visibleProperty().bind(past.unreadableRunsProperty().isNotEmpty());
        unreadable.managedProperty().bind(unreadable.visibleProperty());
        box.getChildren().addAll(title, where, list, unreadable, new HBox(6, open, refresh),
                new HBox(6, resume, new Label("to step"), to), new HBox(6, latest, best), live);
        box.setPadding(new Insets(8, 0, 0, 0));
    }

    Node node() {
        return box;
    }
}
