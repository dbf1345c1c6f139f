package org.lacuna.ui.train;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import javafx.collections.ObservableList;
import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.RowConstraints;

import org.lacuna.ui.train.TrainingCharts.Chart;

/**
 * The live charts: one JavaFX line chart per {@link Chart}, in a 3 x 2 grid. On each revision of the view model's
 * charts it copies only what changed: new points, and the last one (its bucket may still be filling); a whole
 * series only when its buckets merged.
 */
final class ChartsView {

    private final TrainingCharts charts;
    private final GridPane grid = new GridPane();
    private final Map<Chart, LineChart<Number, Number>> nodes = new EnumMap<>(Chart.class);
    private final List<Synced> synced = new ArrayList<>();
    private int layout = -1;

    /** A chart series and the decimated series it shows. */
    private static final class Synced {
        final DecimatedSeries data;
        final XYChart.Series<Number, Number> series;
        int generation = -1;

        Synced(DecimatedSeries data, XYChart.Series<Number, Number> series) {
            this.data = data;
            this.series = series;
        }
    }

    ChartsView(TrainViewModel vm) {
        this.charts = vm.live().charts();
        grid.setHgap(4);
        grid.setVgap(4);
        for (int c = 0; c < 3; c++) {
            ColumnConstraints cc = new ColumnConstraints();
            cc.setPercentWidth(100.0 / 3);
            cc.setHgrow(Priority.ALWAYS);
            grid.getColumnConstraints().add(cc);
        }
        for (int r = 0; r < 2; r++) {
            RowConstraints rc = new RowConstraints();
            rc.setPercentHeight(50);
            rc.setVgrow(Priority.ALWAYS);
            grid.getRowConstraints().add(rc);
        }
        int i = 0;
        for (Chart chart : Chart.values()) {
            LineChart<Number, Number> node = chart(chart);
            nodes.put(chart, node);
            grid.add(node, i % 3, i / 3);
            i++;
        }
        vm.live().chartsRevisionProperty().addListener((o, was, now) -> refresh());
        refresh();
    }

    private static LineChart<Number, Number> chart(Chart chart) {
        NumberAxis x = new NumberAxis();
        x.setForceZeroInRange(false);
        x.setMinorTickVisible(false);
        x.setAnimated(false);
        NumberAxis y = new NumberAxis();
        y.setForceZeroInRange(chart == Chart.BETA || chart == Chart.SKIPS);
        y.setMinorTickVisible(false);
        y.setAnimated(false);
        LineChart<Number, Number> node = new LineChart<>(x, y);
        node.setId("chart-" + chart.name().toLowerCase(java.util.Locale.ROOT));
        node.setTitle(chart.title);
        node.setAnimated(false);
        node.setCreateSymbols(chart == Chart.BPD);
        if (chart == Chart.BPD) {
            node.getStyleClass().add("bpd-chart");
        }
        node.setLegendVisible(chart == Chart.LOSS || chart == Chart.KL || chart == Chart.BPD);
        node.setMinSize(120, 100);
        node.setPrefSize(300, 200);
        return node;
    }

    Node node() {
        return grid;
    }

    /** Copies the view model's points into the charts: new points only, unless buckets merged. */
    void refresh() {
        if (charts.layout() != layout) {
            layout = charts.layout();
            synced.clear();
            for (Chart chart : Chart.values()) {
                List<XYChart.Series<Number, Number>> list = new ArrayList<>();
                for (DecimatedSeries d : charts.series(chart)) {
                    XYChart.Series<Number, Number> s = new XYChart.Series<>();
                    s.setName(d.name());
                    list.add(s);
                    synced.add(new Synced(d, s));
                }
                nodes.get(chart).getData().setAll(list);
            }
        }
        synced.forEach(ChartsView::sync);
    }

    private static void sync(Synced s) {
        DecimatedSeries d = s.data;
        ObservableList<XYChart.Data<Number, Number>> shown = s.series.getData();
        if (d.generation() != s.generation || shown.size() > d.size()) {
            s.generation = d.generation();
            List<XYChart.Data<Number, Number>> all = new ArrayList<>(d.size());
            for (int i = 0; i < d.size(); i++) {
                all.add(new XYChart.Data<>(d.x(i), d.y(i)));
            }
            shown.setAll(all);
            return;
        }
        int from = Math.max(0, shown.size() - 1);
        List<XYChart.Data<Number, Number>> added = new ArrayList<>();
        for (int i = from; i < d.size(); i++) {
            if (i < shown.size()) {
                XYChart.Data<Number, Number> p = shown.get(i);
                if (p.getXValue().doubleValue() != d.x(i) || p.getYValue().doubleValue() != d.y(i)) {
                    p.setXValue(d.x(i));
                    p.setYValue(d.y(i));
                }
            } else {
                added.add(new XYChart.Data<>(d.x(i), d.y(i)));
            }
        }
        if (!added.isEmpty()) {
            shown.addAll(added);
        }
    }
}
