package org.lacuna.ui.train;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.lacuna.service.RunHistory;
import org.lacuna.service.TrainingEvent;

/** The data of the live training charts, one list of decimated series per chart. Plain Java; FX thread only. */
final class TrainingCharts {

    /** The charts, with their titles. */
    enum Chart {
        LOSS("Loss (nats per image)"),
        KL("KL per level (nats)"),
        BPD("Bits per dimension"),
        GRAD("Gradient norm (before clipping)"),
        BETA("\u03b2, the KL weight"),
        SKIPS("Skipped updates (total)");

        final String title;

        Chart(String title) {
            this.title = title;
        }
    }

    private final Map<Chart, List<DecimatedSeries>> series = new EnumMap<>(Chart.class);
    private int levels = -1;
    private int layout;

    TrainingCharts() {
        reset(3);
    }

    /** Empties every chart; the KL chart gets one series per latent level. */
    void reset(int latentLevels) {
        levels = latentLevels;
        series.put(Chart.LOSS, List.of(new DecimatedSeries("total"), new DecimatedSeries("reconstruction")));
        List<DecimatedSeries> kl = new ArrayList<>();
        for (int l = 1; l <= latentLevels; l++) {
            kl.add(new DecimatedSeries("z" + l));
        }
        series.put(Chart.KL, List.copyOf(kl));
        series.put(Chart.BPD, List.of(new DecimatedSeries("training"), new DecimatedSeries("validation")));
        series.put(Chart.GRAD, List.of(new DecimatedSeries("|g|")));
        series.put(Chart.BETA, List.of(new DecimatedSeries("\u03b2")));
        series.put(Chart.SKIPS, List.of(new DecimatedSeries("skipped")));
        layout++;
    }

    /** Empties the charts and draws a run's recorded metrics. */
    void load(RunHistory history) {
        reset(history.run().config().model().levelCount());
        history.steps().forEach(this::add);
        history.validations().forEach(this::add);
    }

    void add(TrainingEvent.Step s) {
        double x = s.step();
        List<DecimatedSeries> loss = series.get(Chart.LOSS);
        loss.get(0).add(x, s.loss());
        loss.get(1).add(x, s.recon());
        List<DecimatedSeries> kl = series.get(Chart.KL);
        for (int l = 1; l <= Math.min(s.levels(), kl.size()); l++) {
            kl.get(l - 1).add(x, s.kl(l));
        }
        series.get(Chart.BPD).get(0).add(x, s.bpd());
        series.get(Chart.GRAD).get(0).add(x, s.gradNorm());
        series.get(Chart.BETA).get(0).add(x, s.beta());
        series.get(Chart.SKIPS).get(0).add(x, s.skips());
    }

    void add(TrainingEvent.Validation v) {
        series.get(Chart.BPD).get(1).add(v.step(), v.bpd());
    }

    List<DecimatedSeries> series(Chart chart) {
        return series.get(chart);
    }

    int levels() {
        return levels;
    }

    /** Changes when the series themselves are replaced (a reset): the view rebuilds its chart series. */
    int layout() {
        return layout;
    }

    /** Points drawn in a chart, all series together. */
    int points(Chart chart) {
        return series.get(chart).stream().mapToInt(DecimatedSeries::size).sum();
    }
}
