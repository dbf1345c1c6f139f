package org.lacuna.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lacuna.config.ModelConfig;
import org.lacuna.model.TinyConfigs;
import org.lacuna.service.TrainingEvent.Ended;
import org.lacuna.service.TrainingEvent.Outcome;
import org.lacuna.store.AtomicFiles;
import org.lacuna.store.RunLock;

/** The Train tab's side of issue 24: a run folder another training holds, a run whose checkpoint was not written. */
class TrainingServiceSafetyTest {

    private static final ModelConfig SMALL = TinyConfigs.small();

    @TempDir
    Path dir;

    @Test
    void aRunFolderHeldByAnotherTrainingIsRefusedWithAPlainMessage() throws Exception {
        TrainingService training = new TrainingService(new ModelService(ServiceExecutors.sameThread()),
                dir.resolve("runs"), List.of(SMALL));
        Path photos = TrainingFixtures.photos(dir.resolve("photos"), 6);
        Path run = training.runsRoot().resolve("held");
        try (RunLock other = RunLock.acquire(run)) { // as a `train --run` of the same folder would hold it
            Ended end = training.startNew(run, TrainingFixtures.run(SMALL, photos, 4, 2, 2)).get();
            assertEquals(Outcome.FAILED, end.outcome());
            assertTrue(end.message().contains("is in use by another training (process "
                    + ProcessHandle.current().pid()), end.message());
            assertFalse(Files.exists(run.resolve("metrics.jsonl")), "nothing of the run was touched");
        }
        assertTrue(training.status().isIdle());
        Ended end = training.startNew(run, TrainingFixtures.run(SMALL, photos, 4, 2, 2)).get();
        assertEquals(Outcome.COMPLETED, end.outcome(), end.message());
    }

    @Test
    void aRunWhoseLastCheckpointCannotBeWrittenDoesNotClaimIt() throws Exception {
        TrainingService training = new TrainingService(new ModelService(ServiceExecutors.sameThread()),
                dir.resolve("runs"), List.of(SMALL));
        Path photos = TrainingFixtures.photos(dir.resolve("photos"), 6);
        Path run = training.runsRoot().resolve("full");
        AtomicFiles.injectFailures(p -> p.startsWith(run) && p.endsWith("latest.lacuna"));
        try {
            Ended end = training.startNew(run, TrainingFixtures.run(SMALL, photos, 3, 100, 100)).get();
            assertEquals(Outcome.FAILED, end.outcome(), end.message());
            assertTrue(end.message().contains("could not be written"), end.message());
            assertTrue(end.message().contains("no checkpoint has been written"), end.message());
        } finally {
            AtomicFiles.injectFailures(null);
        }
    }
}
