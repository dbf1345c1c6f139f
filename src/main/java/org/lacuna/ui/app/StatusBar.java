package org.lacuna.ui.app;

import javafx.beans.binding.BooleanExpression;
import javafx.beans.value.ObservableStringValue;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Separator;
import javafx.geometry.Orientation;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;

/** The bottom line: the loaded model (label, step, parameters), the last message, and the service's status. */
final class StatusBar extends HBox {

    StatusBar(ModelLoader models, ObservableStringValue message, BooleanExpression busy) {
        super(10);
        getStyleClass().add("status-bar");
        setAlignment(Pos.CENTER_LEFT);
        Label model = new Label();
        model.setId("model-status");
        model.textProperty().bind(models.descriptionProperty());
        Label note = new Label();
        note.setId("message");
        note.getStyleClass().add("message");
        note.textProperty().bind(message);
        note.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(note, Priority.ALWAYS);
        ProgressIndicator working = new ProgressIndicator();
        working.setPrefSize(16, 16);
        working.setMaxSize(16, 16);
        working.visibleProperty().bind(busy.or(models.loadingProperty()));
        Label status = new Label();
        status.setId("service-status");
        status.getStyleClass().add("service-status");
        status.textProperty().bind(models.statusProperty());
        getChildren().addAll(model, new Separator(Orientation.VERTICAL), note, working,
                new Separator(Orientation.VERTICAL), status);
    }
}
