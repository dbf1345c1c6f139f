package org.lacuna.ui.eval;

import java.io.File;
import java.nio.file.Path;

import javafx.beans.binding.Bindings;
import javafx.beans.property.IntegerProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;

import org.controlsfx.validation.ValidationResult;
import org.controlsfx.validation.ValidationSupport;
import org.lacuna.ui.common.PhotoSource;

/**
 * The Evaluate workspace's left side: one or two models, the data, how many images and samples, Start and Cancel
 * with the progress and the time left. File choices go through {@code files} (the screen owns the dialogs).
 */
final class SetupView {

    /** The dialogs that choose a model file (the screen shows them). */
    interface Chooser {
        void chooseModel(boolean forSecond);
    }

    private final EvaluateViewModel vm;
    private final VBox box = new VBox(10);
    /** ControlsFX's mark on the folder field while the data is what stops Start. */
    private final ValidationSupport validation = new ValidationSupport();

    SetupView(EvaluateViewModel vm, Chooser files) {
        this.vm = vm;
        Label title = new Label("Evaluate");
        title.getStyleClass().add("section-title");
        Label intro = hint("How good is a model on your kind of photos, against the classical fills?");
        box.getChildren().addAll(title, intro, models(files), data(), counts(), controls());
        box.setPadding(new Insets(10));
        box.getStyleClass().add("sidebar");
    }

    Node node() {
        return box;
    }

    private Node models(Chooser files) {
        ComboBox<ModelOptions.Option> first = new ComboBox<>(vm.models().firstChoices());
        first.setId("first-model");
        first.valueProperty().bindBidirectional(vm.models().firstProperty());
        first.setPromptText("no model to choose yet");
        ComboBox<ModelOptions.Option> second = new ComboBox<>(vm.models().secondChoices());
        second.setId("second-model");
        second.valueProperty().bindBidirectional(vm.models().secondProperty());
        for (ComboBox<ModelOptions.Option> c : java.util.List.of(first, second)) {
            c.setMaxWidth(Double.MAX_VALUE);
            c.setOnShowing(e -> vm.models().refreshModels());
            HBox.setHgrow(c, Priority.ALWAYS);
        }
        Button firstFile = fileButton("first-model-file", () -> files.chooseModel(false));
        Button secondFile = fileButton("second-model-file", () -> files.chooseModel(true));
        return new VBox(4, sub("Model"), new HBox(4, first, firstFile), sub("Compare with"),
                new HBox(4, second, secondFile),
                hint("The loaded model, a past run's latest or best checkpoint, or a .lacuna or .npz file."));
    }

    private static Button fileButton(String id, Runnable action) {
        Button b = new Button("File\u2026");
        b.setId(id);
        b.setMinWidth(Control.USE_PREF_SIZE);
        b.setTooltip(new Tooltip("Choose a .lacuna model or an .npz of weights"));
        b.setOnAction(e -> action.run());
        return b;
    }

    private Node data() {
        Node choice = PhotoSource.choice(vm.data());

        TextField folder = new TextField();
        folder.setId("eval-folder");
        folder.setPromptText("a folder of photos (searched recursively)");
        folder.textProperty().bindBidirectional(vm.data().folderProperty());
        Button browse = new Button("Browse\u2026");
        browse.setMinWidth(Control.USE_PREF_SIZE);
        browse.setOnAction(e -> PhotoSource.browse(vm.data(), box, "A folder of photos to evaluate on", () -> { }));
        HBox row = new HBox(4, folder, browse);
        HBox.setHgrow(folder, Priority.ALWAYS);
        row.disableProperty().bind(vm.data().sourceProperty().isEqualTo(PhotoSource.FASHION_MNIST));
        validation.registerValidator(folder, false, (Control c, String v) -> {
            String reason = vm.blockedProperty().get();
            return ValidationResult.fromErrorIf(c, reason, reason.startsWith("Data:"));
        });
        vm.blockedProperty().addListener(o -> validation.revalidate(folder));
        return new VBox(4, sub("Data"), choice, row,
                hint("Each image's centred square, resized to the model's size, as eval reads a folder;"
                        + " Fashion-MNIST: its t10k file."));
    }

    private Node counts() {
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(4);
        grid.addRow(0, label("Images (0 = all)"), spinner("eval-images", vm.imagesProperty(), 0, 1_000_000, 10));
        grid.addRow(1, label("Samples per image"), spinner("eval-samples", vm.samplesProperty(), 1, 256, 1));
        grid.addRow(2, label("Seed"), spinner("eval-seed", vm.seedProperty(), 0, Integer.MAX_VALUE, 1));
        javafx.scene.control.CheckBox slow = new javafx.scene.control.CheckBox("Also OpenCV FSR best (slow)");
        slow.setId("eval-slow-fills");
        slow.selectedProperty().bindBidirectional(vm.slowFillsProperty());
        return new VBox(4, sub("Evaluation"), grid, slow, hint("The first images by file name. The best of k is the"
                + " sample nearest the true hole: it looks at the answer, so it flatters the model. Mean fill, Telea,"
                + " Navier-Stokes and FSR fast are always scored; FSR best, the strongest classical fill, takes 2-4 s"
                + " a window, longer than the model."));
    }

    private static Spinner<Integer> spinner(String id, IntegerProperty value, int min, int max, int step) {
        Spinner<Integer> s = new Spinner<>(min, max, value.get(), step);
        s.setId(id);
        s.setEditable(true);
        s.setPrefWidth(110);
        s.getValueFactory().valueProperty().addListener((o, was, now) -> {
            if (now != null) {
                value.set(now);
            }
        });
        value.addListener((o, was, now) -> s.getValueFactory().setValue(now.intValue()));
        return s;
    }

    private Node controls() {
        Button start = new Button("Start");
        start.setId("eval-start");
        start.getStyleClass().add("accent");
        start.disableProperty().bind(vm.canStartProperty().not());
        start.setOnAction(e -> vm.start());
        Button cancel = new Button("Cancel");
        cancel.setId("eval-cancel");
        cancel.disableProperty().bind(vm.runningProperty().not());
        cancel.setOnAction(e -> vm.cancel());
        HBox buttons = new HBox(6, start, cancel);
        buttons.setAlignment(Pos.CENTER_LEFT);
        Label blocked = new Label();
        blocked.setId("eval-blocked");
        blocked.getStyleClass().add("field-error");
        blocked.setWrapText(true);
        blocked.textProperty().bind(Bindings.when(vm.runningProperty()).then("").otherwise(vm.blockedProperty()));
        blocked.visibleProperty().bind(blocked.textProperty().isNotEmpty());
        blocked.managedProperty().bind(blocked.visibleProperty());

        ProgressBar bar = new ProgressBar();
        bar.setId("eval-progress");
        bar.setMaxWidth(Double.MAX_VALUE);
        bar.progressProperty().bind(vm.progressProperty());
        Label text = new Label();
        text.setId("eval-progress-text");
        text.setWrapText(true);
        text.textProperty().bind(vm.progressTextProperty());
        Label message = new Label();
        message.setId("eval-message");
        message.getStyleClass().add("hint");
        message.setWrapText(true);
        message.textProperty().bind(vm.messageProperty());
        return new VBox(6, buttons, blocked, bar, text, message);
    }

    private static Label sub(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("sub-title");
        return label;
    }

    private static Label label(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("field-label");
        return label;
    }

    private static Label hint(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("hint");
        label.setWrapText(true);
        return label;
    }
}
