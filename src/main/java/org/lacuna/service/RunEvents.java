package org.lacuna.service;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.lacuna.data.Images;
import org.lacuna.data.Raster;
import org.lacuna.sample.TreeGrid;
import org.lacuna.store.RunDirectory;
import org.lacuna.store.StepRecord;
import org.lacuna.store.ValidationRecord;
import org.lacuna.train.Preview;
import org.lacuna.train.TrainingListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Translates a trainer's events into the service's records, on the training thread. Each preview grid is also
 * written to the run's previews/ folder (originals, mean completions and samples in rows), so a past run shows its
 * last one.
 */
final class RunEvents implements TrainingListener {

    private static final Logger LOG = LoggerFactory.getLogger(RunEvents.class);

    private final RunDirectory run;
    private final Consumer<TrainingEvent> sink;

    RunEvents(RunDirectory run, Consumer<TrainingEvent> sink) {
        this.run = run;
        this.sink = sink;
    }

    @Override
    public void onStep(StepRecord record) {
        sink.accept(RunLibrary.step(record));
    }

    @Override
    public void onValidation(ValidationRecord record) {
        sink.accept(RunLibrary.validation(record));
    }

    @Override
    public void onCheckpoint(long step, Path file, boolean best) {
        sink.accept(new TrainingEvent.CheckpointSaved(step, file, best));
    }

    @Override
    public void onPreview(Preview preview) {
        if (preview.truth().isEmpty()) {
            return;
        }
        List<Raster> rows = new ArrayList<>(preview.truth());
        rows.addAll(preview.means());
        rows.addAll(preview.samples());
        try {
            Images.write(TreeGrid.mosaic(rows, preview.truth().size(), 2),
                    run.previews().resolve(RunLibrary.previewName(preview.step())));
        } catch (IOException e) {
            LOG.warn("cannot write the preview of step {} in {}: {}", preview.step(), run.previews(), e.getMessage());
        }
        sink.accept(new TrainingEvent.PreviewReady(preview.step(), pictures(preview.truth()),
                pictures(preview.means()), pictures(preview.samples())));
    }

    private static List<Picture> pictures(List<Raster> rasters) {
        return rasters.stream().map(Pictures::of).toList();
    }
}
