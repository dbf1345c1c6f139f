package org.lacuna.service;

import java.nio.file.Path;
import java.util.List;

import org.lacuna.data.Raster;
import java.util.function.Consumer;

import org.lacuna.store.StepRecord;
import org.lacuna.store.ValidationRecord;
import org.lacuna.train.Preview;
import org.lacuna.train.TrainingListener;

/**
 * Translates a trainer's events into the service's records, on the training thread (the trainer itself writes
 * checkpoints, metrics and preview grids to the run folder).
 */
final class RunEvents implements TrainingListener {

    private final Consumer<TrainingEvent> sink;

    RunEvents(Consumer<TrainingEvent> sink) {
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
    public void onWriteFailed(long step, Path file, String message) {
        sink.accept(new TrainingEvent.WriteFailed(step, file, message));
    }

    @Override
    public void onPreview(Preview preview) {
        if (preview.truth().isEmpty()) {
            return;
        }
        sink.accept(new TrainingEvent.PreviewReady(preview.step(), pictures(preview.truth()),
                pictures(preview.means()), pictures(preview.samples())));
    }

    private static List<Picture> pictures(List<Raster> rasters) {
        return rasters.stream().map(Pictures::of).toList();
    }
}
