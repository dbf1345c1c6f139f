package org.lacuna.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lacuna.config.Presets;
import org.lacuna.config.RunConfig;
import org.lacuna.service.TrainingEvent.Ended;
import org.lacuna.service.TrainingEvent.Outcome;
import org.lacuna.store.RunDirectory;
import org.lacuna.store.StepRecord;

/** Issue 24: a run of the Train tab can start from the shipped model's weights. */
class FineTuneTest {

    @TempDir
    Path dir;

    @Test
    void aRunStartsFromTheShippedModelsWeights() throws Exception {
        Assumptions.assumeTrue(ModelService.hasShippedModel(), "this build carries no shipped model");
        TrainingService training = new TrainingService(new ModelService(ServiceExecutors.sameThread()),
                dir.resolve("runs"), List.of(Presets.COCO64));
        Path photos = java.nio.file.Files.createDirectories(dir.resolve("photos"));
        for (int i = 0; i < 6; i++) {
            org.lacuna.data.Images.write(org.lacuna.data.SyntheticImages.photo(80, 72, 3, i),
                    photos.resolve("p" + i + ".png"));
        }
        RunConfig config = new RunConfig(Presets.COCO64, Presets.recipe("fine-tune", photos.toString()).toBuilder()
                .mode(org.lacuna.config.ExampleMode.RESIZE).batchSize(2).steps(1).validateEvery(100)
                .checkpointEvery(100).build());
        Path run = training.runsRoot().resolve("tuned");
        Ended end = training.startFromShipped(run, config).get();
        assertEquals(Outcome.COMPLETED, end.outcome(), end.message());
        StepRecord first = (StepRecord) new RunDirectory(run).readMetrics().stream()
                .filter(r -> r instanceof StepRecord).findFirst().orElseThrow();
        // the same first step from random weights is far worse
        Path fresh = training.runsRoot().resolve("fresh");
        assertEquals(Outcome.COMPLETED, training.startNew(fresh, config).get().outcome());
        StepRecord random = (StepRecord) new RunDirectory(fresh).readMetrics().stream()
                .filter(r -> r instanceof StepRecord).findFirst().orElseThrow();
        assertTrue(first.bpd() < random.bpd() - 1, "the first step's bits/dim: " + first.bpd() + " from the shipped"
                + " model, " + random.bpd() + " from random weights");
        assertEquals(1.0, first.beta(), 1e-9, "no KL warm-up: beta is 1 from the first step");
    }
}
