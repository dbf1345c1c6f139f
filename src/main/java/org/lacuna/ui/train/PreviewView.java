package org.lacuna.ui.train;

import java.util.List;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;

import org.lacuna.service.Picture;
import org.lacuna.service.TrainingEvent;
import org.lacuna.ui.common.FxPictures;

/**
 * The preview grid: the run's fixed validation windows in a row, their mean completions below, and one sample each;
 * refreshed every N steps so the completions can be seen to sharpen. A past run shows its last saved grid.
 */
final class PreviewView {

    /** Side of one tile on screen. */
    static final double TILE = 64;
    private static final String[] ROWS = {"original", "mean", "sample"};

    private final VBox box = new VBox(4);
    private final GridPane grid = new GridPane();

    PreviewView(TrainViewModel vm) {
        Label caption = new Label();
        caption.setId("preview-caption");
        caption.textProperty().bind(vm.live().previewCaptionProperty());
        grid.setId("preview-grid");
        grid.setHgap(3);
        grid.setVgap(3);
        box.getChildren().addAll(caption, grid);
        box.setPadding(new Insets(4, 0, 0, 0));
        box.setMinHeight(3 * TILE + 30);
        vm.live().previewProperty().addListener((o, was, now) -> show(now));
        vm.live().pastPreviewProperty().addListener((o, was, now) -> showPast(now));
    }

    Node node() {
        return box;
    }

    private void show(TrainingEvent.PreviewReady p) {
        if (p == null) {
            grid.getChildren().clear();
            return;
        }
        grid.getChildren().clear();
        List<List<Picture>> rows = List.of(p.truth(), p.means(), p.samples());
        for (int r = 0; r < rows.size(); r++) {
            grid.add(rowLabel(ROWS[r], TILE), 0, r);
            for (int c = 0; c < rows.get(r).size(); c++) {
                grid.add(FxPictures.view(rows.get(r).get(c), TILE), c + 1, r);
            }
        }
    }

    private void showPast(Picture mosaic) {
        if (mosaic == null) {
            return;
        }
        grid.getChildren().clear();
        double height = 3 * TILE + 8;
        ImageView view = FxPictures.view(mosaic, Math.max(height, height * mosaic.width() / mosaic.height()));
        view.setFitHeight(height);
        VBox labels = new VBox();
        for (String row : ROWS) {
            labels.getChildren().add(rowLabel(row, height / 3));
        }
        grid.add(labels, 0, 0);
        grid.add(view, 1, 0);
    }

    private static Label rowLabel(String text, double height) {
        Label label = new Label(text);
        label.getStyleClass().add("preview-row-label");
        label.setMinHeight(height);
        label.setPrefHeight(height);
        label.setMinWidth(48);
        label.setAlignment(Pos.CENTER_RIGHT);
        return label;
    }
}
