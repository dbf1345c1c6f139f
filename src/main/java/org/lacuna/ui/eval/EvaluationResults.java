package org.lacuna.ui.eval;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import org.lacuna.ui.common.Numbers;
import org.lacuna.service.Comparison;
import org.lacuna.service.EvaluationScores;
import org.lacuna.service.EvaluationService;
import org.lacuna.service.EvaluationService.GalleryRow;
import org.lacuna.service.EvaluationService.ModelResult;

/**
 * What the last evaluation found, as the Evaluate workspace shows it: the scores side by side (with the fills),
 * a line about the run, the paired comparison in words, and the gallery of the chosen model in the chosen order.
 * Part of {@link EvaluateViewModel}; no nodes, used on one thread.
 */
public final class EvaluationResults {

    /** The gallery's order. */
    public enum Order {
        IMAGE("image order"),
        GAIN_DESCENDING("gain over Navier-Stokes, largest first"),
        GAIN_ASCENDING("gain over Navier-Stokes, smallest first");

        private final String text;

        Order(String text) {
            this.text = text;
        }

        @Override
        public String toString() {
            return text;
        }

        Comparator<GalleryRow> comparator() {
            Comparator<GalleryRow> byIndex = Comparator.comparingInt(GalleryRow::index);
            return switch (this) {
                case IMAGE -> byIndex;
                case GAIN_DESCENDING -> Comparator.comparingDouble(GalleryRow::gain).reversed().thenComparing(byIndex);
                case GAIN_ASCENDING -> Comparator.comparingDouble(GalleryRow::gain).thenComparing(byIndex);
            };
        }
    }

    private final ReadOnlyObjectWrapper<EvaluationService.Result> result = new ReadOnlyObjectWrapper<>(this, "result");
    private final ReadOnlyObjectWrapper<List<EvaluationScores>> scores = new ReadOnlyObjectWrapper<>(this, "scores",
            List.of());
    private final ObservableList<ScoreTable.Row> table = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "");
    private final ReadOnlyStringWrapper comparison = new ReadOnlyStringWrapper(this, "comparison", "");
    private final ObservableList<String> models = FXCollections.observableArrayList();
    private final ObservableList<GalleryRow> gallery = FXCollections.observableArrayList();
    private final ObjectProperty<Order> order = new SimpleObjectProperty<>(this, "order", Order.IMAGE);
    private final IntegerProperty shownModel = new SimpleIntegerProperty(this, "shownModel", 0);
    private final ObservableList<ScoreTable.Row> tableView = FXCollections.unmodifiableObservableList(table);
    private final ObservableList<String> modelsView = FXCollections.unmodifiableObservableList(models);
    private final ObservableList<GalleryRow> galleryView = FXCollections.unmodifiableObservableList(gallery);
    private final BooleanBinding present = result.isNotNull();

    EvaluationResults() {
        order.addListener(o -> showGallery());
        shownModel.addListener(o -> showGallery());
    }

    /** Shows an evaluation's result: the first model's gallery, in the chosen order. */
    void show(EvaluationService.Result r) {
        List<EvaluationScores> list = r.models().stream().map(ModelResult::scores).toList();
        scores.set(list);
        table.setAll(ScoreTable.rows(list));
        EvaluationScores s = list.get(0);
        summary.set(Numbers.plural(s.images(), "image", "images") + " of " + r.dataSource() + ", "
                + Numbers.plural(s.samples(), "completion", "completions") + " each, seed " + s.seed());
        comparison.set(r.paired().map(EvaluationResults::describe).orElse(""));
        models.setAll(list.stream().map(EvaluationScores::label).toList());
        result.set(r);
        shownModel.set(0);
        showGallery();
    }

    /** The paired comparison in words. */
    static String describe(Comparison c) {
        return c.first() + " \u2212 " + c.second() + ", PSNR of the mean completion on the same " + Numbers.count(
                c.images()) + " windows and noise: " + Numbers.signed(c.meanDifference()) + " dB \u00b1 "
                + Numbers.psnr(c.standardError()) + " (standard error; standard deviation "
                + Numbers.psnr(c.standardDeviation()) + " dB). " + c.first() + " better on " + c.winsFirst() + ", "
                + c.second() + " better on " + c.winsSecond() + ", " + c.ties() + (c.ties() == 1 ? " tie" : " ties")
                + " (within 0.01 dB).";
    }

    private void showGallery() {
        ModelResult shown = shown();
        if (shown == null) {
            gallery.clear();
            return;
        }
        List<GalleryRow> rows = new ArrayList<>(shown.gallery());
        rows.sort(order.get().comparator());
        gallery.setAll(rows);
    }

    /** The model whose gallery is shown, or null before any result. */
    ModelResult shown() {
        EvaluationService.Result r = result.get();
        return r == null ? null : r.models().get(Math.max(0, Math.min(shownModel.get(), r.models().size() - 1)));
    }

    public ReadOnlyObjectProperty<EvaluationService.Result> resultProperty() {
        return result.getReadOnlyProperty();
    }

    /** Whether there is a result to show. */
    public BooleanBinding presentProperty() {
        return present;
    }

    /** Each evaluated model's scores, in the order chosen. */
    public ReadOnlyObjectProperty<List<EvaluationScores>> scoresProperty() {
        return scores.getReadOnlyProperty();
    }

    /** The table of scores: the models, then the classical fills. */
    public ObservableList<ScoreTable.Row> table() {
        return tableView;
    }

    /** "48 images of photos, 16 completions each, seed 7". */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** The paired comparison in words, or "" for one model. */
    public ReadOnlyStringProperty comparisonProperty() {
        return comparison.getReadOnlyProperty();
    }

    /** The evaluated models' labels, for the gallery's chooser. */
    public ObservableList<String> models() {
        return modelsView;
    }

    /** Which model's gallery is shown (0 or 1). */
    public IntegerProperty shownModelProperty() {
        return shownModel;
    }

    public ObjectProperty<Order> orderProperty() {
        return order;
    }

    /** The shown model's gallery in the chosen order. */
    public ObservableList<GalleryRow> gallery() {
        return galleryView;
    }
}
