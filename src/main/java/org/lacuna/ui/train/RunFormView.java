package org.lacuna.ui.train;


import javafx.beans.binding.StringBinding;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

import org.controlsfx.validation.ValidationResult;
import org.controlsfx.validation.ValidationSupport;

import org.lacuna.ui.common.PhotoSource;
import org.lacuna.config.Conditioning;
import org.lacuna.config.ExampleMode;
import org.lacuna.config.ModelConfig;
import org.lacuna.service.Picture;
import org.lacuna.ui.common.FxPictures;

/** The new-run form: data, model, hyperparameters and run folder, each field with its reason when invalid. */
final class RunFormView {

    private final RunForm form;
    private final VBox box = new VBox(6);
    /** ControlsFX's marks on the fields that hold a bad value (the reason also shows below each field). */
    private final ValidationSupport validation = new ValidationSupport();

    RunFormView(RunForm form) {
        this.form = form;
        Label title = new Label("New run");
        title.getStyleClass().add("section-title");
        box.getChildren().addAll(title, dataSection(), modelSection(), hyperparameters(), runFolder());
    }

    Node node() {
        return box;
    }

    private Node dataSection() {
        Node choice = PhotoSource.choice(form.data());

        TextField folder = new TextField();
        folder.setId("data-folder");
        folder.setPromptText("a folder of photos (searched recursively)");
        folder.textProperty().bindBidirectional(form.data().folderProperty());
        folder.setOnAction(e -> form.check().recheck());
        folder.focusedProperty().addListener((o, was, now) -> {
            if (!now) {
                form.check().check();
            }
        });
        Button browse = new Button("Browse\u2026");
        browse.setOnAction(e -> PhotoSource.browse(form.data(), box, "A folder of photos to train on",
                () -> form.check().recheck()));
        HBox folderRow = new HBox(4, folder, browse);
        HBox.setHgrow(folder, Priority.ALWAYS);
        folderRow.disableProperty().bind(form.data().sourceProperty().isEqualTo(PhotoSource.FASHION_MNIST));

        ChoiceBox<ExampleMode> mode = new ChoiceBox<>(FXCollections.observableArrayList(ExampleMode.values()));
        mode.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(ExampleMode m) {
                return m == null ? "" : m.label();
            }

            @Override
            public ExampleMode fromString(String text) {
                return ExampleMode.parse(text);
            }
        });
        mode.setId("data-mode");
        mode.valueProperty().bindBidirectional(form.modeProperty());
        mode.setTooltip(new Tooltip("resize: each photo's centred square, resized; crops: random windows at random scales each epoch,"
                + " drawn as the test crops are"));
        HBox modeRow = new HBox(6, label("Examples"), mode);
        modeRow.disableProperty().bind(form.data().sourceProperty().isEqualTo(PhotoSource.FASHION_MNIST));

        Label status = new Label();
        status.setId("data-status");
        status.setWrapText(true);
        status.textProperty().bind(form.check().dataTextProperty());
        Tooltip details = new Tooltip();
        details.textProperty().bind(form.check().dataDetailsProperty());
        status.setTooltip(details);
        status.getStyleClass().add("hint");

        FlowPane strip = new FlowPane(3, 3);
        strip.setId("data-examples");
        form.check().examples().addListener((ListChangeListener<Picture>) c -> {
            strip.getChildren().clear();
            form.check().examples().forEach(p -> strip.getChildren().add(FxPictures.view(p, 36)));
        });
        return new VBox(4, sub("Data"), choice, folderRow, modeRow, status, strip);
    }

    private Node modelSection() {
        ChoiceBox<ModelConfig> preset = new ChoiceBox<>(FXCollections.observableArrayList(form.presetsOffered()));
        preset.setId("preset");
        preset.setConverter(new StringConverter<>() {
            @Override
            public String toString(ModelConfig c) {
                return c == null ? "" : c.name() + " (" + c.imageSize() + "\u00d7" + c.imageSize()
                        + (c.channels() == 1 ? " grey" : " RGB") + ")";
            }

            @Override
            public ModelConfig fromString(String s) {
                return null;
            }
        });
        preset.valueProperty().bindBidirectional(form.presetProperty());
        ChoiceBox<Conditioning> conditioning = new ChoiceBox<>(FXCollections.observableArrayList(Conditioning.values()));
        conditioning.setId("conditioning");
        conditioning.valueProperty().bindBidirectional(form.conditioningProperty());
        conditioning.setTooltip(new Tooltip("every-level: border features feed every level and the decoder;"
                + " top-only: only the top prior sees the border (the original design)"));
        GridPane grid = grid();
        grid.addRow(0, label("Preset"), preset);
        grid.addRow(1, label("Conditioning"), conditioning);
        return new VBox(4, sub("Model"), grid);
    }

    private Node hyperparameters() {
        GridPane grid = grid();
        ChoiceBox<String> recipe = new ChoiceBox<>(FXCollections.observableArrayList(form.recipesOffered()));
        recipe.setId("recipe");
        recipe.valueProperty().bindBidirectional(form.recipeProperty());
        recipe.setTooltip(new Tooltip("reference: MODEL.md's settings (resize mode, the benchmarks' recipe);"
                + " photos: the shipped model's (crops drawn as the test crops are, mirrored half the time, the"
                + " per-image gradient clipped at 200, a learning-rate warm-up). Choosing one fills the fields below."));
        grid.addRow(0, label("Recipe"), recipe);
        javafx.scene.control.CheckBox shipped = new javafx.scene.control.CheckBox("Start from the shipped model");
        shipped.setId("from-shipped");
        shipped.selectedProperty().bindBidirectional(form.fromShippedProperty());
        shipped.setDisable(!org.lacuna.service.ModelService.hasShippedModel());
        shipped.setTooltip(new Tooltip("Fine-tune the shipped coco64 on your folder (recipe fine-tune: crops, no KL"
                + " warm-up, a lower learning rate, 3,000 steps): better fills of that kind of photo"));
        grid.add(shipped, 0, 1, 2, 1);
        int row = 2;
        row = field(grid, row, "Batch size", "batch", form.batchProperty(), form.batchErrorProperty());
        row = field(grid, row, "Learning rate", "learning-rate", form.learningRateProperty(),
                form.learningRateErrorProperty());
        row = field(grid, row, "Steps", "steps", form.stepsProperty(), form.stepsErrorProperty());
        row = field(grid, row, "KL warm-up steps", "kl-warmup", form.klWarmupProperty(), form.klWarmupErrorProperty());
        row = field(grid, row, "Checkpoint every", "checkpoint-every", form.checkpointEveryProperty(),
                form.checkpointEveryErrorProperty());
        field(grid, row, "Validate/preview every", "validate-every", form.validateEveryProperty(),
                form.validateEveryErrorProperty());
        Label warning = new Label();
        warning.setId("form-warning");
        warning.setWrapText(true);
        warning.getStyleClass().add("hint");
        warning.textProperty().bind(form.warningProperty());
        warning.visibleProperty().bind(form.warningProperty().isNotEmpty());
        warning.managedProperty().bind(warning.visibleProperty());
        return new VBox(4, sub("Hyperparameters"), grid, warning);
    }

    private Node runFolder() {
        TextField folder = new TextField();
        folder.setId("run-folder");
        folder.textProperty().bindBidirectional(form.runFolderProperty());
        mark(folder, form.runFolderErrorProperty());
        Label error = error("run-folder-error", form.runFolderErrorProperty());
        return new VBox(4, sub("Run folder"), folder, error);
    }

    private int field(GridPane grid, int row, String name, String id, StringProperty value, StringBinding error) {
        TextField field = new TextField();
        field.setId(id);
        field.setPrefColumnCount(8);
        field.textProperty().bindBidirectional(value);
        mark(field, error);
        grid.addRow(row, label(name), field);
        Label message = error(id + "-error", error);
        grid.add(message, 0, row + 1, 2, 1);
        return row + 2;
    }

    /** Marks the field while its reason is not empty; the reason is the mark's tooltip. */
    private void mark(TextField field, StringBinding reason) {
        validation.registerValidator(field, false, (Control c, String v) ->
                ValidationResult.fromErrorIf(c, reason.get(), !reason.get().isEmpty()));
        reason.addListener(o -> validation.revalidate(field));
    }

    private static Label error(String id, StringBinding text) {
        Label label = new Label();
        label.setId(id);
        label.getStyleClass().add("field-error");
        label.setWrapText(true);
        label.textProperty().bind(text);
        label.visibleProperty().bind(text.isNotEmpty());
        label.managedProperty().bind(label.visibleProperty());
        return label;
    }

    private static GridPane grid() {
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(3);
        grid.setPadding(new Insets(0, 0, 0, 8));
        return grid;
    }

    private static Label label(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("field-label");
        return label;
    }

    private static Label sub(String text) {
        Label label = new Label(text);
        label.setStyle("-fx-font-weight: bold;");
        return label;
    }
}
