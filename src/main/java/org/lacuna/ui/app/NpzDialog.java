package org.lacuna.ui.app;

import java.util.Optional;

import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;

import org.lacuna.config.Conditioning;
import org.lacuna.config.ModelConfig;
import org.lacuna.config.Presets;

/** An .npz holds weights without a configuration: asks which preset and conditioning they belong to. */
final class NpzDialog {

    private NpzDialog() {
    }

    static Optional<ModelConfig> ask(Window owner, String fileName) {
        Dialog<ModelConfig> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle("Open Weights");
        dialog.setHeaderText(fileName + " holds weights only. Which model are they for?");
        ChoiceBox<String> preset = new ChoiceBox<>(FXCollections.observableArrayList(Presets.names()));
        preset.setId("npz-preset");
        preset.setValue(Presets.COCO64.name());
        ChoiceBox<Conditioning> conditioning = new ChoiceBox<>(FXCollections.observableArrayList(Conditioning.values()));
        conditioning.setId("npz-conditioning");
        conditioning.setValue(Conditioning.EVERY_LEVEL);
        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(8);
        grid.setPadding(new Insets(10));
        grid.addRow(0, new Label("Preset"), preset);
        grid.addRow(1, new Label("Conditioning"), conditioning);
        dialog.getDialogPane().setContent(grid);
        dialog.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        dialog.setResultConverter(b -> b == ButtonType.OK
                ? Presets.get(preset.getValue()).withConditioning(conditioning.getValue()) : null);
        return dialog.showAndWait();
    }
}
