package org.lacuna.ui.inpaint;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javafx.beans.binding.Bindings;
import javafx.beans.property.ObjectProperty;
import javafx.collections.ListChangeListener;
import javafx.geometry.HPos;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.TextField;
import javafx.scene.control.TextFormatter;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import javafx.util.converter.LongStringConverter;

/**
 * The sampling controls: per latent level a spinner for how many values to draw (0 = the prior's mean) and one for
 * the temperature; the seed with a re-roll button; Sample (Enter) and Cancel (Esc) with a progress bar; and a line
 * saying how many completions will be drawn.
 */
final class SamplingPanel extends VBox {

    private final InpaintViewModel vm;
    private final GridPane levels = new GridPane();
    private final Button sample = new Button("Sample");
    private final List<ObjectProperty<?>> adapters = new ArrayList<>();

    SamplingPanel(InpaintViewModel vm) {
        super(8);
        this.vm = vm;
        getStyleClass().add("sampling-panel");
        setPadding(new Insets(10, 12, 10, 12));

        Label title = new Label("Sampling");
        title.getStyleClass().add("section-title");
        levels.setHgap(10);
        levels.setVgap(4);
        levels.getColumnConstraints().addAll(new ColumnConstraints(40), new ColumnConstraints(96),
                new ColumnConstraints(96));
        vm.settings().levels().addListener((ListChangeListener<SamplingSettings.Level>) c -> rebuildLevels());
        rebuildLevels();
        Label hint = new Label("0 samples = the level's prior mean. Lower temperatures give tamer completions.");
        hint.getStyleClass().add("hint");
        hint.setWrapText(true);

        TextField seed = new TextField();
        seed.setId("seed");
        seed.setPrefColumnCount(8);
        TextFormatter<Long> seedFormat = new TextFormatter<>(new LongStringConverter(), vm.settings().seedProperty().get(),
                change -> change.getControlNewText().matches("\\d{0,18}") ? change : null);
        seed.setTextFormatter(seedFormat);
        seedFormat.valueProperty().addListener((o, a, b) -> {
            if (b != null) {
                vm.settings().seedProperty().set(b);
            }
        });
        vm.settings().seedProperty().addListener((o, a, b) -> seedFormat.setValue(b.longValue()));
        Button reroll = new Button("Re-roll");
        reroll.setId("reroll");
        reroll.setTooltip(new Tooltip("A new random seed (Ctrl+R)"));
        reroll.setOnAction(e -> vm.settings().reroll());
        Label seedLabel = new Label("Seed");
        HBox seedRow = new HBox(8, seedLabel, seed, reroll);
        seedRow.setAlignment(Pos.CENTER_LEFT);

        Label summary = new Label();
        summary.setId("leaves-summary");
        summary.getStyleClass().add("summary");
        summary.textProperty().bind(vm.settings().summaryProperty());

        sample.setId("sample");
        sample.setDefaultButton(true);
        sample.getStyleClass().add("accent");
        sample.setTooltip(new Tooltip("Draw the completions (Enter)"));
        sample.disableProperty().bind(vm.sampling().canSampleProperty().not());
        sample.setOnAction(e -> vm.sampling().sample());
        Button cancel = new Button("Cancel");
        cancel.setId("cancel");
        cancel.setTooltip(new Tooltip("Stop sampling (Esc)"));
        cancel.visibleProperty().bind(vm.sampling().samplingProperty());
        cancel.managedProperty().bind(cancel.visibleProperty());
        cancel.setOnAction(e -> vm.sampling().cancel());
        ProgressBar progress = new ProgressBar();
        progress.setId("sampling-progress");
        progress.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(progress, Priority.ALWAYS);
        progress.progressProperty().bind(Bindings.when(vm.sampling().progressProperty().greaterThan(0))
                .then(vm.sampling().progressProperty()).otherwise(-1.0));
        progress.visibleProperty().bind(vm.sampling().samplingProperty());
        HBox actions = new HBox(8, sample, cancel, progress);
        actions.setAlignment(Pos.CENTER_LEFT);

        getChildren().addAll(title, levels, hint, seedRow, summary, actions);
    }

    private void rebuildLevels() {
        levels.getChildren().clear();
        adapters.clear();
        if (vm.settings().levels().isEmpty()) {
            Label none = new Label();
            none.setId("no-model");
            none.textProperty().bind(vm.noModelTextProperty());
            none.getStyleClass().add("hint");
            levels.add(none, 0, 0, 3, 1);
            return;
        }
        levels.add(header("Level"), 0, 0);
        levels.add(header("Samples"), 1, 0);
        levels.add(header("Temperature"), 2, 0);
        int row = 1;
        for (SamplingSettings.Level level : vm.settings().levels()) {
            Label name = new Label(level.name());
            name.getStyleClass().add("level-name");
            Spinner<Integer> count = new Spinner<>(0, SamplingSettings.MAX_COUNT, level.countProperty().get());
            count.setId("count-" + level.name());
            count.setEditable(true);
            count.setPrefWidth(96);
            count.setTooltip(new Tooltip("How many values of " + level.name() + " to draw for each parent (0 = its mean)"));
            count.getValueFactory().setConverter(whole(count.getValueFactory()));
            bind(count.getValueFactory(), level.countProperty().asObject());
            Spinner<Double> temperature = new Spinner<>(0.0, SamplingSettings.MAX_TEMPERATURE,
                    level.temperatureProperty().get(), 0.05);
            temperature.setId("temperature-" + level.name());
            temperature.getValueFactory().setConverter(twoDecimals(temperature.getValueFactory()));
            temperature.setEditable(true);
            temperature.setPrefWidth(96);
            temperature.setTooltip(new Tooltip("Scales the prior's standard deviation at " + level.name()));
            bind(temperature.getValueFactory(), level.temperatureProperty().asObject());
            levels.add(name, 0, row);
            levels.add(count, 1, row);
            levels.add(temperature, 2, row);
            row++;
        }
    }

    /** Counts; text that is not a whole number keeps the value the spinner had. */
    private static StringConverter<Integer> whole(SpinnerValueFactory<Integer> factory) {
        return new StringConverter<>() {
            @Override
            public String toString(Integer value) {
                return value == null ? "" : value.toString();
            }

            @Override
            public Integer fromString(String text) {
                try {
                    return Integer.parseInt(text.trim());
                } catch (NumberFormatException e) {
                    return factory.getValue();
                }
            }
        };
    }

    /** Temperatures with two decimals; text that is not a number keeps the value the spinner had. */
    private static StringConverter<Double> twoDecimals(SpinnerValueFactory<Double> factory) {
        return new StringConverter<>() {
            @Override
            public String toString(Double value) {
                return value == null ? "" : String.format(Locale.ROOT, "%.2f", value);
            }

            @Override
            public Double fromString(String text) {
                try {
                    return Double.parseDouble(text.trim().replace(',', '.'));
                } catch (NumberFormatException e) {
                    return factory.getValue();
                }
            }
        };
    }

    private static Label header(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("column-header");
        GridPane.setHalignment(l, HPos.LEFT);
        return l;
    }

    /**
     * Two-way between a spinner's value and a settings property. Bidirectional bindings hold their ends weakly, so
     * the asObject() adapters are kept here as long as the spinners live.
     */
    private <T> void bind(SpinnerValueFactory<T> factory, ObjectProperty<T> property) {
        adapters.add(property);
        factory.valueProperty().bindBidirectional(property);
    }
}
