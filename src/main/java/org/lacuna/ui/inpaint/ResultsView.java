package org.lacuna.ui.inpaint;

import java.util.HashMap;
import java.util.Map;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TitledPane;
import javafx.scene.control.Tooltip;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

import org.lacuna.service.Picture;
import org.lacuna.ui.common.FxPictures;

/**
 * The completions as a tree: one titled pane per value of the top level, framed groups inside it for the levels
 * below down to z1 ("z3 #1 › z2 #2"), and the completions themselves. Hovering one enlarges it; a click selects it
 * and pastes it into the photo. Beside the tree, the same window filled by mean fill, Telea, Navier-Stokes and FSR
 * fast, and on demand (a button: it takes seconds) by FSR best.
 */
final class ResultsView extends HBox {

    /** Thumbnails' side on screen. */
    static final double THUMB = 96;
    /** The enlarged view's side. */
    static final double ENLARGED = 256;

    private final InpaintViewModel vm;
    private final VBox tree = new VBox(8);
    private final VBox baselines = new VBox(8);
    private final javafx.scene.control.Button slowFill = new javafx.scene.control.Button();
    private final Label heading = new Label();
    private final Map<String, Node> tiles = new HashMap<>();

    ResultsView(InpaintViewModel vm) {
        super(10);
        this.vm = vm;
        getStyleClass().add("results");
        setPadding(new Insets(0, 12, 10, 12));

        heading.getStyleClass().add("section-title");
        heading.setId("results-heading");
        tree.setId("completion-tree");
        tree.setFillWidth(true);
        ScrollPane treeScroll = new ScrollPane(tree);
        treeScroll.setFitToWidth(true);
        treeScroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        treeScroll.getStyleClass().add("results-scroll");
        VBox left = new VBox(6, heading, treeScroll);
        VBox.setVgrow(treeScroll, Priority.ALWAYS);
        HBox.setHgrow(left, Priority.ALWAYS);

        Label fills = new Label("Classical fills");
        fills.getStyleClass().add("section-title");
        baselines.setId("baselines");
        baselines.getStyleClass().add("baselines");
        ScrollPane baselinesScroll = new ScrollPane(baselines);
        baselinesScroll.setFitToWidth(true);
        baselinesScroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        baselinesScroll.getStyleClass().add("results-scroll");
        // FSR best takes 2-4 s a window: made only when asked, with the button above the column (always in view)
        slowFill.setId("fsr-best");
        slowFill.setWrapText(true);
        slowFill.setMaxWidth(THUMB + 8);
        slowFill.setTooltip(new Tooltip("OpenCV's Frequency Selective Reconstruction at its best setting: the"
                + " strongest classical fill, but 2-4 s a window, so it is made only when you ask"));
        slowFill.setOnAction(e -> {
            slowFill.setDisable(true);
            slowFill.setText("FSR best: filling…");
            vm.sampling().fillSlowly();
        });
        VBox right = new VBox(6, fills, slowFill, baselinesScroll);
        VBox.setVgrow(baselinesScroll, Priority.ALWAYS);
        right.setMinWidth(THUMB + 24);
        right.setPrefWidth(THUMB + 24);
        getChildren().addAll(left, right);

        vm.sampling().resultProperty().addListener((o, a, r) -> rebuild(r));
        vm.edits().selectedProperty().addListener((o, before, now) -> {
            Node old = before == null ? null : tiles.get(before);
            if (old != null) {
                old.getStyleClass().remove("selected");
            }
            Node tile = now == null ? null : tiles.get(now);
            if (tile != null) {
                tile.getStyleClass().add("selected");
            }
        });
        rebuild(null);
    }

    private void rebuild(Sampled sampled) {
        tree.getChildren().clear();
        baselines.getChildren().clear();
        tiles.clear();
        if (sampled == null) {
            slowFill.setVisible(false);
            slowFill.setManaged(false);
            heading.setText("Completions");
            Label empty = new Label("Sampled completions appear here, grouped by the latents they share.");
            empty.getStyleClass().add("hint");
            empty.setWrapText(true);
            tree.getChildren().add(empty);
            return;
        }
        ResultTree result = sampled.tree();
        heading.setText(result.size() + " completions — hover to enlarge, click to paste");
        for (ResultTree.Branch branch : result.branches()) {
            FlowPane groups = new FlowPane(8, 8);
            groups.setMinWidth(0);
            groups.setPrefWrapLength(2 * THUMB);
            groups.getStyleClass().add("groups");
            for (ResultTree.Group group : branch.groups()) {
                FlowPane leaves = new FlowPane(6, 6);
                // as wide as its thumbnails (up to four a row), so that groups sit side by side
                leaves.setPrefWrapLength(Math.min(4, group.leaves().size()) * (THUMB + 14));
                for (ResultTree.Leaf leaf : group.leaves()) {
                    leaves.getChildren().add(tile(InpaintViewModel.COMPLETION + leaf.index(), leaf.label(), leaf.path(),
                            leaf.image(), "completion"));
                }
                boolean framed = !group.header().isEmpty() && !group.header().equals(branch.header());
                if (framed) {
                    Label header = new Label(group.header());
                    header.getStyleClass().add("group-header");
                    VBox frame = new VBox(4, header, leaves);
                    frame.getStyleClass().add("group");
                    groups.getChildren().add(frame);
                } else {
                    groups.getChildren().add(leaves);
                }
            }
            TitledPane pane = new TitledPane(branch.header(), groups);
            pane.getStyleClass().add("branch");
            pane.setAnimated(false);
            pane.setMinWidth(0);
            tree.getChildren().add(pane);
        }
        for (Map.Entry<String, Picture> fill : sampled.result().baselines().entrySet()) {
            baselines.getChildren().add(tile(InpaintViewModel.BASELINE + fill.getKey(), fill.getKey(), fill.getKey(),
                    fill.getValue(), "baseline"));
        }
        boolean offer = !sampled.result().baselines().containsKey(org.lacuna.service.ModelService.SLOW_FILL);
        slowFill.setVisible(offer);
        slowFill.setManaged(offer);
        slowFill.setDisable(false);
        slowFill.setText("FSR best (slow)");
    }

    /** One picture with its label under it: hover enlarges it, a click pastes it. */
    private Node tile(String key, String label, String path, Picture picture, String styleClass) {
        Image image = FxPictures.toImage(picture);
        ImageView view = new ImageView(image);
        view.setFitWidth(THUMB);
        view.setFitHeight(THUMB);
        view.setSmooth(true);
        Label tile = new Label(label, view);
        tile.setContentDisplay(ContentDisplay.TOP);
        tile.setAlignment(Pos.CENTER);
        tile.getStyleClass().addAll("tile", styleClass);
        tile.setId(key.replace(':', '-').replace(' ', '-'));
        tile.setUserData(key);
        tile.setWrapText(true);
        tile.setMaxWidth(THUMB + 8);

        ImageView big = new ImageView(image);
        big.setFitWidth(ENLARGED);
        big.setFitHeight(ENLARGED);
        big.setSmooth(false);
        Tooltip enlarged = new Tooltip(path);
        enlarged.setGraphic(big);
        enlarged.setContentDisplay(ContentDisplay.TOP);
        enlarged.setShowDelay(Duration.millis(250));
        enlarged.setHideDelay(Duration.ZERO);
        enlarged.setShowDuration(Duration.INDEFINITE);
        enlarged.getStyleClass().add("enlarged");
        Tooltip.install(tile, enlarged);

        tile.setOnMouseClicked(e -> {
            if (e.getButton() == MouseButton.PRIMARY) {
                vm.edits().select(key);
            }
        });
        if (key.equals(vm.edits().selectedProperty().get())) {
            tile.getStyleClass().add("selected");
        }
        tiles.put(key, tile);
        return tile;
    }
}
