package org.lacuna.ui.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lacuna.config.RunConfig;
import org.lacuna.model.TinyConfigs;
import org.lacuna.service.ModelService;
import org.lacuna.service.RunHistory;
import org.lacuna.service.RunSummary;
import org.lacuna.service.ServiceExecutors;
import org.lacuna.service.TrainingEvent;
import org.lacuna.service.TrainingFixtures;
import org.lacuna.service.TrainingService;

/** Issue 24: no ETA once a run has ended, and the run in progress has its live step. */
class TrainStatusTextTest {

    @TempDir
    Path dir;

    private static TrainingEvent.Step step(long n) {
        return new TrainingEvent.Step(n, 100.0 / n, 90.0 / n, new double[]{1, 2, 3}, 5.0 / n, 1, 10, false, 0, 64,
                n * 0.1);
    }

    @Test
    void aStoppedRunShowsNoEtaAndTheLiveStepIsTheRunsStep() {
        ModelService models = new ModelService(ServiceExecutors.sameThread());
        TrainingService training = new TrainingService(models, dir.resolve("runs"), List.of(TinyConfigs.small()));
        TrainViewModel vm = new TrainViewModel(models, training, () -> { }, Runnable::run);
        RunConfig config = TrainingFixtures.run(TinyConfigs.small(), dir, 1000, 1000, 1000);
        RunSummary summary = new RunSummary(dir.resolve("runs/a"), config, 0, null, null, java.time.Instant.now());
        vm.accept(List.of(new TrainingEvent.Started(summary.folder(), config, 0,
                new RunHistory(summary, List.of(), List.of(), null))));
        vm.accept(List.of(step(1), step(2), step(3)));
        assertTrue(vm.live().speedTextProperty().get().contains("ETA"), vm.live().speedTextProperty().get());
        assertEquals(3, vm.live().liveStepProperty().get(), "the past runs show this, not the 0 of the run's files");
        vm.accept(List.of(step(4), new TrainingEvent.Ended(summary.folder(), TrainingEvent.Outcome.STOPPED, 4, 1000,
                "Stopped at step 4 of 1000", null)));
        assertFalse(vm.live().speedTextProperty().get().contains("ETA"), vm.live().speedTextProperty().get());
        assertTrue(vm.live().speedTextProperty().get().startsWith("Stopped at step 4"), vm.live().speedTextProperty().get());
        assertEquals(-1, vm.live().liveStepProperty().get());
        assertEquals("Step 4 of 1,000", vm.live().stepTextProperty().get());
    }
}
