package org.lacuna.ui.app;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanExpression;
import javafx.beans.value.ObservableDoubleValue;
import javafx.beans.value.ObservableStringValue;
import javafx.geometry.Orientation;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;

/**
 * The bottom line, ControlsFX's status bar: the loaded model (label, step, parameters) on the left, the last message
 * with the progress of what runs (the sampling's fraction, or an indeterminate bar while a file or model loads), and
 * on the right the window's scale (how many photo pixels one model pixel covers) and the service's status (with
 * "evaluating" while the Evaluate workspace runs).
 */
final class StatusBar extends org.controlsfx.control.StatusBar {

    StatusBar(ModelLoader models, ObservableStringValue message, BooleanExpression sampling,
              ObservableDoubleValue samplingProgress, BooleanExpression busy, ObservableStringValue scale,
              BooleanExpression evaluating) {
        getStyleClass().add("lacuna-status-bar");
        setId("status-bar");
        Label model = new Label();
        model.setId("model-status");
        model.textProperty().bind(models.descriptionProperty());
        textProperty().bind(message);
        BooleanExpression loading = busy.or(models.loadingProperty());
        // ControlsFX hides the bar at 0 and shows an indeterminate one at -1
        progressProperty().bind(Bindings.createDoubleBinding(
                () -> sampling.get() ? Math.max(0.01, samplingProgress.get()) : loading.get() ? -1.0 : 0.0,
                sampling, samplingProgress, loading));
        Label window = new Label();
        window.setId("window-scale");
        window.textProperty().bind(scale);
        Label status = new Label();
        status.setId("service-status");
        status.getStyleClass().add("service-status");
        status.textProperty().bind(Bindings.createStringBinding(() -> evaluating.get()
                ? ("Idle".equals(models.statusProperty().get()) ? "Evaluating"
                        : models.statusProperty().get() + " · evaluating") : models.statusProperty().get(),
                models.statusProperty(), evaluating));
        getLeftItems().addAll(model, new Separator(Orientation.VERTICAL));
        getRightItems().addAll(new Separator(Orientation.VERTICAL), window, new Separator(Orientation.VERTICAL), status);
    }
}
