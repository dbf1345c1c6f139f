package org.lacuna.ui.eval;

import java.util.List;
import java.util.function.Function;

import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import org.controlsfx.control.SegmentedButton;

import org.lacuna.ui.common.Numbers;
import org.lacuna.service.EvaluationService.GalleryRow;
import org.lacuna.service.Picture;
import org.lacuna.ui.common.FxPictures;

/**
 * The evaluated windows, one row each: the truth, the model's mean completion, its best sample (by the true hole),
 * Navier-Stokes and Telea, with the PSNR of the mean and of Navier-Stokes and the gain between them; in image order
 * or by the gain. Clicking a row opens its photo in the Inpaint workspace. The table is virtual: only the rows in
 * sight hold images.
 */
final class GalleryView {

    /** The side of a tile on screen: the model's pixels enlarged, without smoothing. */
    static final double TILE = 64;

    private final VBox box = new VBox(6);
    private final TableView<GalleryRow> table = new TableView<>();

    GalleryView(EvaluateViewModel vm, Runnable saveReport, Runnable saveGallery) {
        Label title = new Label("Gallery");
        title.getStyleClass().add("section-title");
        ComboBox<String> model = new ComboBox<>(vm.results().models());
        model.setId("gallery-model");
        model.getSelectionModel().selectedIndexProperty().addListener((o, was, now) -> {
            if (now.intValue() >= 0) {
                vm.results().shownModelProperty().set(now.intValue());
            }
        });
        vm.results().shownModelProperty().addListener((o, was, now) -> model.getSelectionModel().select(now.intValue()));
        vm.results().models().addListener((javafx.collections.ListChangeListener<String>) c ->
                model.getSelectionModel().select(vm.results().shownModelProperty().get()));
        Label of = new Label("of");
        HBox modelBox = new HBox(6, of, model);
        modelBox.setAlignment(Pos.CENTER_LEFT);
        modelBox.visibleProperty().bind(javafx.beans.binding.Bindings.size(vm.results().models()).greaterThan(1));
        modelBox.managedProperty().bind(modelBox.visibleProperty());

        SegmentedButton order = order(vm);
        Button report = new Button("Save Report\u2026");
        report.setId("save-report");
        report.setTooltip(new Tooltip("The shown model's report, as eval --json writes it"));
        report.disableProperty().bind(vm.results().presentProperty().not());
        report.setOnAction(e -> saveReport.run());
        Button png = new Button("Save Gallery PNG\u2026");
        png.setId("save-gallery");
        png.setTooltip(new Tooltip("The gallery in its order: truth, mean, best sample, Navier-Stokes, Telea;"
                + " a green bar where the mean beats Navier-Stokes, red where it loses"));
        png.disableProperty().bind(vm.results().presentProperty().not());
        png.setOnAction(e -> saveGallery.run());
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox bar = new HBox(8, title, modelBox, new Label("Order"), order, gap, report, png);
        bar.setAlignment(Pos.CENTER_LEFT);

        table.setId("gallery");
        table.setItems(vm.results().gallery());
        // another order or another model's gallery is a new list: start at its top, not where the last one was
        vm.results().orderProperty().addListener(o -> table.scrollTo(0));
        vm.results().shownModelProperty().addListener(o -> table.scrollTo(0));
        table.setFixedCellSize(TILE + 8);
        table.setPlaceholder(new Label("The evaluated windows appear here, each with its fills."));
        table.getColumns().addAll(List.of(
                text("#", "gallery-index", r -> Integer.toString(r.index() + 1), 44),
                text("Image", "gallery-source", GalleryRow::source, 150),
                picture("Truth", GalleryRow::truth), picture("Model mean", GalleryRow::mean),
                picture("Best sample", GalleryRow::best), picture("Navier-Stokes", GalleryRow::navierStokes),
                picture("Telea", GalleryRow::telea),
                text("PSNR mean", "gallery-psnr-mean", r -> Numbers.psnr(r.psnrMean()), 84),
                text("PSNR N-S", "gallery-psnr-ns", r -> Numbers.psnr(r.psnrNavierStokes()), 84),
                gain()));
        table.setRowFactory(t -> {
            TableRow<GalleryRow> row = new TableRow<>();
            row.setOnMouseClicked(e -> {
                if (e.getButton() == MouseButton.PRIMARY && !row.isEmpty()) {
                    vm.open(row.getItem());
                }
            });
            row.setTooltip(new Tooltip("Click to open this photo in the Inpaint workspace, the window where it was"
                    + " evaluated"));
            return row;
        });
        VBox.setVgrow(table, Priority.ALWAYS);
        Label hint = new Label("Gain: the model's mean completion against Navier-Stokes, PSNR of the hole in dB."
                + " Click a row to open its photo in the Inpaint workspace.");
        hint.getStyleClass().add("hint");
        box.getChildren().addAll(bar, hint, table);
    }

    Node node() {
        return box;
    }

    /** The order as three buttons, one always pressed: image order, largest gain first, smallest gain first. */
    private static SegmentedButton order(EvaluateViewModel vm) {
        SegmentedButton buttons = new SegmentedButton();
        buttons.setId("gallery-order");
        for (EvaluationResults.Order o : EvaluationResults.Order.values()) {
            ToggleButton b = new ToggleButton(switch (o) {
                case IMAGE -> "Image order";
                case GAIN_DESCENDING -> "Largest gain first";
                case GAIN_ASCENDING -> "Smallest gain first";
            });
            b.setId("order-" + o.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
            b.setUserData(o);
            b.setTooltip(new Tooltip("Order the gallery by " + o));
            b.setSelected(vm.results().orderProperty().get() == o);
            buttons.getButtons().add(b);
        }
        buttons.getToggleGroup().selectedToggleProperty().addListener((obs, was, now) -> {
            if (now == null) {
                was.setSelected(true); // one order is always chosen
            } else {
                vm.results().orderProperty().set((EvaluationResults.Order) now.getUserData());
            }
        });
        vm.results().orderProperty().addListener((obs, was, now) -> buttons.getButtons().forEach(b ->
                b.setSelected(b.getUserData() == now)));
        return buttons;
    }

    private static TableColumn<GalleryRow, String> text(String title, String id, Function<GalleryRow, String> value,
                                                        double width) {
        TableColumn<GalleryRow, String> c = new TableColumn<>(title);
        c.setId(id);
        c.setSortable(false);
        c.setPrefWidth(width);
        c.setCellValueFactory(f -> new ReadOnlyObjectWrapper<>(value.apply(f.getValue())));
        c.getStyleClass().add("gallery-source".equals(id) ? "text" : "number");
        return c;
    }

    private static TableColumn<GalleryRow, Picture> picture(String title, Function<GalleryRow, Picture> value) {
        TableColumn<GalleryRow, Picture> c = new TableColumn<>(title);
        c.setSortable(false);
        c.setPrefWidth(TILE + 36);
        c.setCellValueFactory(f -> new ReadOnlyObjectWrapper<>(value.apply(f.getValue())));
        c.setCellFactory(col -> new TableCell<>() {
            private final ImageView view = new ImageView();

            {
                view.setSmooth(false);
                view.setPreserveRatio(true);
                view.setFitWidth(TILE);
                view.setFitHeight(TILE);
                setContentDisplay(ContentDisplay.GRAPHIC_ONLY);
                setAlignment(Pos.CENTER);
            }

            @Override
            protected void updateItem(Picture p, boolean empty) {
                super.updateItem(p, empty);
                if (empty || p == null) {
                    setGraphic(null);
                } else {
                    view.setImage(FxPictures.toImage(p));
                    setGraphic(view);
                }
            }
        });
        return c;
    }

    private static TableColumn<GalleryRow, Double> gain() {
        TableColumn<GalleryRow, Double> c = new TableColumn<>("Gain (dB)");
        c.setId("gallery-gain");
        c.setSortable(false);
        c.setPrefWidth(84);
        c.getStyleClass().add("number");
        c.setCellValueFactory(f -> new ReadOnlyObjectWrapper<>(f.getValue().gain()));
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(Double gain, boolean empty) {
                super.updateItem(gain, empty);
                getStyleClass().removeAll("gain-up", "gain-down", "gain-level");
                if (empty || gain == null) {
                    setText(null);
                } else {
                    setText(Numbers.signed(gain));
                    getStyleClass().add(gain > 0.01 ? "gain-up" : gain < -0.01 ? "gain-down" : "gain-level");
                }
            }
        });
        return c;
    }
}
