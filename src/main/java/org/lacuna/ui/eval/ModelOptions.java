package org.lacuna.ui.eval;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import org.lacuna.ui.common.Numbers;
import org.lacuna.config.ModelConfig;
import org.lacuna.service.EvaluationService.ModelChoice;
import org.lacuna.service.ModelInfo;
import org.lacuna.service.RunSummary;

/**
 * The models the user can evaluate: the one loaded in the app, the latest and best checkpoints of the past runs, and
 * any .lacuna or .npz file chosen on disk (kept for the session). Two lists: the first model's choices, and the second
 * model's, which begin with "none". No nodes; used on one thread.
 */
final class ModelOptions {

    /** A model to choose: its words in the list and what the service evaluates. */
    record Option(String text, ModelChoice choice) {
        @Override
        public String toString() {
            return text;
        }
    }

    /** The second model's "no comparison". */
    static final Option NONE = new Option("None (evaluate one model)", null);

    private final ObservableList<Option> first = FXCollections.observableArrayList();
    private final ObservableList<Option> second = FXCollections.observableArrayList(NONE);
    private final ObservableList<Option> firstView = FXCollections.unmodifiableObservableList(first);
    private final ObservableList<Option> secondView = FXCollections.unmodifiableObservableList(second);
    private Option loaded;
    private Option shipped;
    private List<Option> runs = List.of();
    private final List<Option> files = new ArrayList<>();

    /** The loaded model's option, or none when no model is loaded. */
    void setLoaded(ModelInfo info) {
        loaded = info == null ? null : new Option("Loaded: " + info.label() + " (step "
                + Numbers.count(info.step()) + ")", ModelChoice.loaded(info.label() + " (loaded)"));
        rebuild();
    }

    /** Offers the model shipped with the app, whatever model is loaded (a way back to it), or stops offering it. */
    void setShipped(boolean offered) {
        shipped = offered ? new Option("Shipped model (coco64)", ModelChoice.shipped("shipped coco64")) : null;
        rebuild();
    }

    /** The past runs' checkpoints: latest and best of each run that has them. */
    void setRuns(List<RunSummary> summaries) {
        List<Option> list = new ArrayList<>();
        for (RunSummary r : summaries) {
            if (r.latestCheckpoint() != null) {
                list.add(run(r, r.latestCheckpoint(), "latest", "latest checkpoint, step "
                        + Numbers.count(r.stepsDone()) + " of the run"));
            }
            if (r.bestCheckpoint() != null) {
                list.add(run(r, r.bestCheckpoint(), "best", "best validation checkpoint"));
            }
        }
        runs = List.copyOf(list);
        rebuild();
    }

    private static Option run(RunSummary r, Path checkpoint, String which, String words) {
        return new Option("Run " + r.name() + ": " + words + " (" + r.config().model().name() + ")",
                new ModelChoice(r.name() + " " + which, checkpoint, null));
    }

    /** Adds a .lacuna file (once) and returns its option. */
    Option addFile(Path file) {
        return add(new Option("File: " + file.getFileName(), ModelChoice.file(file)));
    }

    /** Adds an .npz of weights for a model of {@code config} (once) and returns its option. */
    Option addNpz(Path file, ModelConfig config) {
        String model = config.name() + ", " + config.conditioning().toString().toLowerCase(Locale.ROOT);
        return add(new Option("Weights: " + file.getFileName() + " (" + model + ")",
                new ModelChoice(file.getFileName() + " (" + model + ")", file, config)));
    }

    private Option add(Option option) {
        int at = files.indexOf(option);
        if (at >= 0) {
            return files.get(at);
        }
        files.add(option);
        rebuild();
        return option;
    }

    private void rebuild() {
        List<Option> all = new ArrayList<>();
        if (loaded != null) {
            all.add(loaded);
        }
        if (shipped != null) {
            all.add(shipped);
        }
        all.addAll(runs);
        all.addAll(files);
        sync(first, all);
        List<Option> withNone = new ArrayList<>(all.size() + 1);
        withNone.add(NONE);
        withNone.addAll(all);
        sync(second, withNone);
    }

    /** Makes {@code list} equal to {@code wanted} touching only what differs (a kept item is never removed). */
    private static void sync(ObservableList<Option> list, List<Option> wanted) {
        list.removeIf(o -> !wanted.contains(o));
        for (int i = 0; i < wanted.size(); i++) {
            Option w = wanted.get(i);
            if (i < list.size() && list.get(i).equals(w)) {
                continue;
            }
            list.remove(w);
            list.add(i, w);
        }
    }

    /** The option to select when the current one is gone: the loaded model, else the first there is, else null. */
    Option preferred() {
        return first.isEmpty() ? null : first.get(0);
    }

    /** The first model's choices (read-only). */
    ObservableList<Option> first() {
        return firstView;
    }

    /** The second model's choices, "none" first (read-only). */
    ObservableList<Option> second() {
        return secondView;
    }
}
