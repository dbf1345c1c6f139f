package org.lacuna.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lacuna.config.ExampleMode;
import org.lacuna.config.ModelConfig;
import org.lacuna.config.SampleConfig;
import org.lacuna.model.Hvae;
import org.lacuna.model.ModelFiles;
import org.lacuna.model.TinyConfigs;
import org.lacuna.service.ServiceStatus.TrainingPhase;
import org.lacuna.service.TrainingEvent.Ended;
import org.lacuna.service.TrainingEvent.Outcome;
import org.lacuna.store.ModelFile;

class TrainingServiceTest {

    private static final ModelConfig SMALL = TinyConfigs.small();

    @TempDir
    Path dir;

    private <T extends TrainingEvent> List<T> of(List<TrainingEvent> events, Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    @Test
    void aRunTrainsToItsEndReportsServiceRecordsAndCanBeContinued() throws Exception {
        ModelService models = new ModelService(ServiceExecutors.sameThread());
        TrainingService training = new TrainingService(models, dir.resolve("runs"), List.of(SMALL));
        List<TrainingEvent> events = new CopyOnWriteArrayList<>();
        training.addListener(events::add);
        Path photos = TrainingFixtures.photos(dir.resolve("photos"), 6);

        DataPreview data = training.inspectData(photos, SMALL, ExampleMode.RESIZE).result().get();
        assertEquals(6, data.usableFiles());
        assertEquals(1, data.skippedFiles());
        assertTrue(data.skipped().get(0).contains("broken.png"), data.skipped().toString());
        assertEquals(5, data.trainingExamples());
        assertEquals(5, data.examples().size());
        assertEquals(16, data.examples().get(0).width());

        Path run = training.runsRoot().resolve("first");
        Ended end = training.startNew(run, TrainingFixtures.run(SMALL, photos, 6, 3, 3)).get();
        assertEquals(Outcome.COMPLETED, end.outcome(), end.message());
        assertEquals(6, end.step());
        assertTrue(training.status().isIdle());
        assertInstanceOf(TrainingEvent.Started.class, events.get(0));
        assertEquals(0, ((TrainingEvent.Started) events.get(0)).step());
        assertEquals(end, events.get(events.size() - 1));
        List<TrainingEvent.Step> steps = of(events, TrainingEvent.Step.class);
        assertEquals(6, steps.size());
        assertEquals(3, steps.get(0).levels());
        assertEquals(2, of(events, TrainingEvent.Validation.class).size());
        assertTrue(of(events, TrainingEvent.CheckpointSaved.class).stream().anyMatch(c -> !c.best() && c.step() == 6));
        List<TrainingEvent.PreviewReady> previews = of(events, TrainingEvent.PreviewReady.class);
        assertEquals(2, previews.size());
        assertEquals(16, previews.get(0).means().get(0).width());

        List<RunSummary> runs = training.listRuns().get();
        assertEquals(1, runs.size());
        assertEquals(6, runs.get(0).stepsDone());
        assertNotNull(runs.get(0).latestCheckpoint());
        RunHistory history = training.readRun(run).get();
        assertEquals(6, history.steps().size());
        assertEquals(2, history.validations().size());
        assertNotNull(history.lastPreview());

        events.clear();
        Ended more = training.continueRun(run, 8).get();
        assertEquals(8, more.step());
        TrainingEvent.Started resumed = (TrainingEvent.Started) events.get(0);
        assertEquals(6, resumed.step());
        assertEquals(6, resumed.history().steps().size());
        assertEquals(2, of(events, TrainingEvent.Step.class).size());

        Ended again = training.startNew(run, TrainingFixtures.run(SMALL, photos, 6, 3, 3)).get();
        assertEquals(Outcome.FAILED, again.outcome());
        assertTrue(again.message().contains("already holds a run"), again.message());
    }

    @Test
    void aSecondStartIsRefusedWhileOneIsInProgressAndTheControlsFollowTheState() throws Exception {
        ArrayDeque<Runnable> queued = new ArrayDeque<>();
        ModelService models = new ModelService(new ServiceExecutors(Runnable::run, queued::add, Runnable::run));
        TrainingService training = new TrainingService(models, dir.resolve("runs"), List.of(SMALL));
        Path photos = TrainingFixtures.photos(dir.resolve("photos"), 3);
        CompletableFuture<Ended> first = training.startNew(dir.resolve("runs/a"),
                TrainingFixtures.run(SMALL, photos, 5, 5, 5));
        assertEquals(TrainingPhase.TRAINING, training.status().training());
        CompletableFuture<Ended> second = training.startNew(dir.resolve("runs/b"),
                TrainingFixtures.run(SMALL, photos, 5, 5, 5));
        ExecutionException refused = assertThrows(ExecutionException.class, () -> second.get(1, TimeUnit.SECONDS));
        assertInstanceOf(IllegalStateException.class, refused.getCause());
        assertTrue(training.continueRun(dir.resolve("runs/b"), 0).isCompletedExceptionally());
        assertEquals(1, queued.size());

        assertFalse(training.resume());
        assertTrue(training.pause());
        assertFalse(training.pause());
        assertEquals(TrainingPhase.PAUSED, training.status().training());
        assertTrue(training.resume());
        assertTrue(training.stop());
        assertFalse(training.pause());
        queued.poll().run();
        Ended end = first.get(1, TimeUnit.SECONDS);
        assertEquals(Outcome.STOPPED, end.outcome(), end.message());
        assertTrue(training.status().isIdle());
        assertFalse(Files.exists(dir.resolve("runs/a/config.json")), "a run stopped before it began leaves nothing");
    }

    @Test
    void pauseHoldsTheStepsSamplingUsesCopiesTakenBetweenStepsAndStopCheckpoints() throws Exception {
        ModelService models = new ModelService(ServiceExecutors.background());
        TrainingService training = new TrainingService(models, dir.resolve("runs"), List.of(SMALL));
        List<TrainingEvent.Step> steps = new CopyOnWriteArrayList<>();
        java.util.concurrent.atomic.AtomicReference<Thread> trainingThread =
                new java.util.concurrent.atomic.AtomicReference<>();
        training.addListener(e -> {
            if (e instanceof TrainingEvent.Step s) {
                steps.add(s);
                trainingThread.set(Thread.currentThread());
            }
        });
        Path model = dir.resolve("loaded.lacuna");
        ModelFiles.save(Hvae.create(SMALL, 3), 0, model);
        models.openModel(model).get();
        Path photos = TrainingFixtures.photos(dir.resolve("photos"), 4);
        Path run = dir.resolve("runs/long");
        CompletableFuture<Ended> done = training.startNew(run, TrainingFixtures.run(SMALL, photos, 100_000, 100_000,
                1_000));
        TrainingFixtures.waitFor(() -> steps.size() >= 3);
        assertEquals(SMALL, training.snapshotNow().orElseThrow().config());
        SampleResult sampled = models.sample(Pictures.of(org.lacuna.data.SyntheticImages.photo(20, 20, 3, 1)),
                new WindowRect(0, 0, 20), SampleConfig.of(3, 1, 1, 2), n -> { }).result().get(60, TimeUnit.SECONDS);
        assertEquals(2, sampled.completions().size());

        // the running training's weights can be opened for sampling: a copy taken between steps
        ModelInfo live = models.openTrainingSnapshot().get(60, TimeUnit.SECONDS);
        assertEquals(SMALL, live.config());
        assertTrue(live.label().contains("training"), live.label());

        assertTrue(training.pause());
        TrainingFixtures.waitFor(training::isParked); // the step in flight has finished
        int paused = steps.size();
        assertEquals(SMALL, training.snapshotNow().orElseThrow().config()); // served while parked
        TrainingFixtures.awaitHeld(trainingThread.get()); // waiting for a resume: no step can run
        assertEquals(paused, steps.size(), "steps went on while paused");
        assertTrue(training.resume());
        TrainingFixtures.waitFor(() -> steps.size() >= paused + 3);
        assertTrue(training.stop());
        Ended end = done.get(60, TimeUnit.SECONDS);
        assertEquals(Outcome.STOPPED, end.outcome(), end.message());
        assertEquals(steps.size(), end.step());
        assertEquals(end.step(), ModelFile.read(end.checkpoint()).header().step());
        assertTrue(training.status().isIdle());
        assertTrue(training.snapshotNow().isEmpty());
        models.close();
    }

    @Test
    void aMissingDataFolderFailsWithItsName() {
        ModelService models = new ModelService(ServiceExecutors.sameThread());
        TrainingService training = new TrainingService(models, dir.resolve("runs"), List.of(SMALL));
        Path missing = dir.resolve("no-such-photos");
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> training.inspectData(missing, SMALL, ExampleMode.RESIZE).result().get());
        assertTrue(e.getCause().getMessage().contains("no-such-photos"), e.getCause().getMessage());
        Ended end = training.startNew(dir.resolve("runs/x"), TrainingFixtures.run(SMALL, missing, 5, 5, 5)).join();
        assertEquals(Outcome.FAILED, end.outcome());
        assertTrue(end.message().contains("no-such-photos"), end.message());
        assertTrue(training.status().isIdle());
    }
}
