package org.lacuna.ui.eval;

import java.util.List;
import java.util.function.Function;

import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import org.lacuna.service.EvaluationScores;

/**
 * The results side by side: a table with a row per model and per classical fill (bits/dim; PSNR and SSIM of the
 * mean completion or the fill; of the best of k, by the true hole; the diversity), the active units per level as a
 * small bar chart, and the paired comparison when two models were evaluated.
 */
final class ScoresView {

    static final double ROW = 26;

    private final EvaluateViewModel vm;
    private final VBox box = new VBox(6);
    private final TableView<ScoreTable.Row> table = new TableView<>();
    private final BarChart<String, Number> chart;
    private final TableColumn<ScoreTable.Row, String> bpd;
    private final TableColumn<ScoreTable.Row, String> best;

    ScoresView(EvaluateViewModel vm) {
        this.vm = vm;
        table.setId("scores");
        table.setItems(vm.results().table());
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setFixedCellSize(ROW);
        table.setPlaceholder(new Label("Choose a model and the data, then Start: the scores appear here."));
        table.setSelectionModel(null);
        table.setFocusTraversable(false);
        TableColumn<ScoreTable.Row, String> name = column("Model or fill", "score-name", ScoreTable.Row::name, 175);
        bpd = column("Bits/dim (hole)", "score-bpd", ScoreTable.Row::bpd, 100);
        TableColumn<ScoreTable.Row, String> mean = new TableColumn<>("Mean completion or fill");
        mean.getColumns().add(column("PSNR (dB)", "score-psnr", ScoreTable.Row::psnr, 80));
        mean.getColumns().add(column("SSIM", "score-ssim", ScoreTable.Row::ssim, 75));
        best = new TableColumn<>("Best of k, by the true hole");
        best.getColumns().add(column("PSNR (dB)", "score-psnr-best", ScoreTable.Row::psnrBest, 100));
        best.getColumns().add(column("SSIM", "score-ssim-best", ScoreTable.Row::ssimBest, 95));
        TableColumn<ScoreTable.Row, String> diversity = column("Diversity", "score-diversity",
                ScoreTable.Row::diversity, 75);
        table.getColumns().addAll(List.of(name, bpd, mean, best, diversity));
        for (TableColumn<ScoreTable.Row, ?> c : table.getColumns()) {
            c.setReorderable(false);
        }
        table.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(ScoreTable.Row row, boolean empty) {
                super.updateItem(row, empty);
                getStyleClass().remove("model-row");
                if (!empty && row != null && row.model()) {
                    getStyleClass().add("model-row");
                }
            }
        });
        sizeTable();
        vm.results().table().addListener((ListChangeListener<ScoreTable.Row>) c -> sizeTable());

        CategoryAxis levels = new CategoryAxis();
        NumberAxis share = new NumberAxis(0, 100, 25);
        share.setLabel("% active");
        chart = new BarChart<>(levels, share);
        chart.setId("active-units");
        chart.setTitle("Active units per level");
        chart.setAnimated(false);
        chart.setLegendVisible(true);
        chart.setCategoryGap(14);
        chart.setBarGap(2);
        chart.setPrefSize(270, 230);
        chart.setMinSize(220, 230);
        chart.visibleProperty().bind(vm.results().presentProperty());
        chart.managedProperty().bind(chart.visibleProperty());
        vm.results().scoresProperty().addListener((o, was, now) -> update(now));

        Label comparison = new Label();
        comparison.setId("comparison");
        comparison.getStyleClass().add("comparison");
        comparison.setWrapText(true);
        comparison.setMinHeight(Region.USE_PREF_SIZE);
        comparison.textProperty().bind(vm.results().comparisonProperty());
        comparison.visibleProperty().bind(vm.results().comparisonProperty().isNotEmpty());
        comparison.managedProperty().bind(comparison.visibleProperty());

        HBox.setHgrow(table, Priority.ALWAYS);
        HBox row = new HBox(10, table, chart);
        row.setAlignment(Pos.TOP_LEFT);
        box.getChildren().addAll(row, comparison);
    }

    Node node() {
        return box;
    }

    private void update(List<EvaluationScores> scores) {
        bpd.setText(ScoreTable.bpdHeading(scores));
        best.setText(ScoreTable.bestHeading(scores));
        chart.getData().clear();
        for (EvaluationScores s : scores) {
            XYChart.Series<String, Number> series = new XYChart.Series<>();
            series.setName(s.label());
            for (EvaluationScores.Level l : s.activeUnits()) {
                series.getData().add(new XYChart.Data<>("z" + l.level(), 100 * l.share()));
            }
            chart.getData().add(series);
        }
    }

    /** Tall enough for the header and every row, without a scroll bar. */
    private void sizeTable() {
        double height = 2 * ROW + 4 + Math.max(3, vm.results().table().size()) * ROW;
        table.setPrefHeight(height);
        table.setMinHeight(height);
        table.setMaxHeight(height);
    }

    private static TableColumn<ScoreTable.Row, String> column(String title, String id,
                                                             Function<ScoreTable.Row, String> value, double width) {
        TableColumn<ScoreTable.Row, String> c = new TableColumn<>(title);
        c.setId(id);
        c.setPrefWidth(width);
        c.setMinWidth(Math.min(width, 70));
        c.setSortable(false);
        c.setCellValueFactory(f -> new ReadOnlyStringWrapper(value.apply(f.getValue())));
        if (!"score-name".equals(id)) {
            c.getStyleClass().add("number");
        }
        return c;
    }
}
