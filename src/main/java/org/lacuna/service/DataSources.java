package org.lacuna.service;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.lacuna.config.ModelConfig;
import org.lacuna.config.RunConfig;
import org.lacuna.config.TrainConfig;
import org.lacuna.data.DataReport;
import org.lacuna.data.DataSplit;
import org.lacuna.data.Dataset;
import org.lacuna.data.Datasets;
import org.lacuna.config.ExampleMode;

/**
 * Opens data sources for training. The split opened to preview a source in the new-run form is kept, so starting a
 * run on the same source does not decode a photo folder twice.
 */
final class DataSources {

    /** Example windows shown in the form's preview strip. */
    static final int EXAMPLES = 8;

    private record Key(Path path, int imageSize, int channels, ExampleMode mode, double fraction, long seed,
                       boolean flips) {
    }

    private Key key;
    private DataSplit split;

    /**
     * {@link #inspect} on {@code io} with the default validation fraction and seed, as a check that can be cancelled
     * (TrainingService.inspectData).
     */
    DataCheck check(java.util.concurrent.Executor io, Path source, ModelConfig model, ExampleMode mode) {
        DataCheck check = new DataCheck();
        TrainConfig defaults = TrainConfig.defaults(source.toString());
        try {
            io.execute(() -> {
                if (!check.begin()) {
                    return;
                }
                try {
                    check.result().complete(inspect(source, model, mode, defaults.validationFraction(),
                            defaults.seed()));
                } catch (IOException | RuntimeException e) {
                    check.result().completeExceptionally(check.isCancelled()
                            ? new java.util.concurrent.CancellationException("data check cancelled") : e);
                } finally {
                    check.end();
                }
            });
        } catch (RuntimeException e) {
            check.result().completeExceptionally(e);
        }
        return check;
    }

    /** Opens a source as a run of this model would, keeps it, and describes it with a few examples. */
    DataPreview inspect(Path source, ModelConfig model, ExampleMode mode, double fraction, long seed)
            throws IOException {
        Key k = key(source, model, mode, fraction, seed, false);
        DataSplit opened = Datasets.openForTraining(k.path(), model.imageSize(), model.channels(), mode, fraction, seed);
        synchronized (this) {
            key = k;
            split = opened;
        }
        return describe(opened);
    }

    /** The data of a run: the kept split when it is this source opened the same way, else the source read afresh. */
    DataSplit open(RunConfig config) throws IOException {
        TrainConfig tc = config.train();
        ModelConfig mc = config.model();
        ExampleMode mode = tc.mode();
        Key k = key(Path.of(tc.data()), mc, mode, tc.validationFraction(), tc.seed(), tc.flips());
        synchronized (this) {
            if (k.equals(key)) {
                DataSplit kept = split;
                forget();
                return kept;
            }
        }
        return Datasets.openForTraining(k.path(), mc.imageSize(), mc.channels(), tc);
    }

    /** Drops the kept split (its pixels can be large). */
    synchronized void forget() {
        key = null;
        split = null;
    }

    static DataPreview describe(DataSplit split) {
        DataReport report = split.report();
        Dataset train = split.train();
        List<Picture> examples = new ArrayList<>();
        int n = Math.min(EXAMPLES, train.size());
        for (int i = 0; i < n; i++) {
            examples.add(Pictures.of(train.example((int) ((long) i * train.size() / n), 0)));
        }
        return new DataPreview(report.source(), report.usableFiles(), report.skippedFiles(), report.skipped(),
                report.notes(), train.size(), split.validation().size(), examples);
    }

    private static Key key(Path source, ModelConfig model, ExampleMode mode, double fraction, long seed,
                           boolean flips) {
        return new Key(source.toAbsolutePath().normalize(), model.imageSize(), model.channels(), mode, fraction, seed,
                flips);
    }
}
