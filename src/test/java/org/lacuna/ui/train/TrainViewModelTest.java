package org.lacuna.ui.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lacuna.config.RunConfig;
import org.lacuna.model.TinyConfigs;
import org.lacuna.service.ModelService;
import org.lacuna.service.RunHistory;
import org.lacuna.service.RunSummary;
import org.lacuna.service.ServiceExecutors;
import org.lacuna.service.ServiceStatus;
import org.lacuna.service.TrainingEvent;
import org.lacuna.service.TrainingFixtures;
import org.lacuna.service.TrainingService;
import org.lacuna.ui.common.Problem;
import org.lacuna.ui.train.TrainingCharts.Chart;

/** The view models without a JavaFX toolkit: same-thread executors, events fed by hand. */
class TrainViewModelTest {

    @TempDir
    Path dir;

    private TrainViewModel viewModel() {
        ModelService models = new ModelService(ServiceExecutors.sameThread());
        TrainingService training = new TrainingService(models, dir.resolve("runs"), List.of(TinyConfigs.small()));
        return new TrainViewModel(models, training, () -> { }, Runnable::run);
    }

    private static TrainingEvent.Step step(long n) {
        return new TrainingEvent.Step(n, 100.0 / n, 90.0 / n, new double[]{1, 2, 3}, 5.0 / n, Math.min(1, n / 4.0),
                10, false, 0, 64, n * 0.1);
    }

    @Test
    void theRecipeFillsTheFieldsAndGivesWhatTheFormDoesNotShow() throws Exception {
        TrainViewModel vm = viewModel();
        RunForm form = vm.form();
        assertEquals(java.util.List.of("reference", "photos", "free-form", "fine-tune"), form.recipesOffered());
        assertEquals("reference", form.recipeProperty().get());
        form.recipeProperty().set("photos");
        assertEquals(org.lacuna.config.ExampleMode.CROPS, form.modeProperty().get());
        assertEquals("0.0002", form.learningRateProperty().get());
        assertEquals("1000", form.validateEveryProperty().get());
        assertEquals("250", form.checkpointEveryProperty().get());
        form.data().folderProperty().set(TrainingFixtures.photos(dir.resolve("photos"), 6).toString());
        form.check().check();
        form.runFolderProperty().set(dir.resolve("runs/recipe").toString());
        form.klWarmupProperty().set("100");
        RunConfig config = form.config();
        org.lacuna.config.TrainConfig photos = org.lacuna.config.Presets.recipe("photos",
                config.train().data()).toBuilder().klWarmupSteps(100).build();
        assertEquals(photos.withSteps(config.train().steps()), config.train(), "the recipe, with the field changed");
        form.recipeProperty().set("reference");
        assertEquals(org.lacuna.config.ExampleMode.RESIZE, form.modeProperty().get());
        assertEquals("5000", form.klWarmupProperty().get());
    }

    @Test
    void invalidHyperparametersBlockStartWithTheReason() throws Exception {
        TrainViewModel vm = viewModel();
        RunForm form = vm.form();
        assertFalse(vm.control().canStartProperty().get());
        assertTrue(vm.control().startBlockedProperty().get().startsWith("Data:"),
                vm.control().startBlockedProperty().get());

        form.data().folderProperty().set(TrainingFixtures.photos(dir.resolve("photos"), 6).toString());
        form.check().check();
        assertEquals(DataCheckModel.DataState.READY, form.check().dataStateProperty().get(),
                form.check().dataTextProperty().get());
        assertTrue(form.check().dataTextProperty().get().startsWith("6 usable files, 1 skipped"),
                form.check().dataTextProperty().get());
        assertEquals(5, form.check().examples().size());
        assertTrue(vm.control().canStartProperty().get(), vm.control().startBlockedProperty().get());

        form.batchProperty().set("0");
        assertFalse(vm.control().canStartProperty().get());
        assertEquals("Batch size: a whole number from 1 to 1024", form.batchErrorProperty().get());
        assertEquals(form.batchErrorProperty().get(), vm.control().startBlockedProperty().get());
        form.batchProperty().set("8");
        form.learningRateProperty().set("fast");
        assertTrue(form.learningRateErrorProperty().get().startsWith("Learning rate"));
        form.learningRateProperty().set("1e-3");
        form.stepsProperty().set("-3");
        assertTrue(form.stepsErrorProperty().get().startsWith("Steps"));
        form.stepsProperty().set("1,000");
        form.klWarmupProperty().set("1.5");
        assertTrue(form.klWarmupErrorProperty().get().startsWith("KL warm-up"));
        form.klWarmupProperty().set("0");
        form.runFolderProperty().set(" ");
        assertTrue(form.runFolderErrorProperty().get().startsWith("Run folder"));
        form.runFolderProperty().set(dir.resolve("runs/mine").toString());
        assertTrue(vm.control().canStartProperty().get(), vm.control().startBlockedProperty().get());

        RunConfig config = form.config();
        assertFalse(config.train().flips(), "the reference recipe");
        assertEquals(8, config.train().batchSize());
        assertEquals(1e-3, config.train().learningRate());
        assertEquals(1000, config.train().steps());
        assertEquals(0, config.train().klWarmupSteps());
        assertEquals("small", config.model().name());

        vm.setStatus(new ServiceStatus(ServiceStatus.TrainingPhase.TRAINING, false));
        assertFalse(vm.control().canStartProperty().get());
        assertTrue(vm.control().canPauseProperty().get() && vm.control().canStopProperty().get()
                && !vm.control().canResumeProperty().get());
    }

    @Test
    void eventsFillTheChartsAndAHundredThousandStepsStayUnderTheLimit() {
        TrainViewModel vm = viewModel();
        RunConfig config = TrainingFixtures.run(TinyConfigs.small(), dir, 100_000, 1000, 1000);
        RunSummary summary = new RunSummary(dir.resolve("runs/a"), config, 0, null, null, java.time.Instant.now());
        vm.accept(List.of(new TrainingEvent.Started(summary.folder(), config, 0,
                new RunHistory(summary, List.of(), List.of(), null))));
        vm.accept(List.of(step(1), step(2), step(3),
                new TrainingEvent.Validation(3, 80, new double[]{1, 2, 3}, 4.5, 6, true)));
        assertEquals(3, vm.live().charts().series(Chart.LOSS).get(0).size());
        assertEquals(3, vm.live().charts().series(Chart.KL).size());
        assertEquals(1, vm.live().charts().series(Chart.BPD).get(1).size());
        assertEquals("Step 3 of 100,000", vm.live().stepTextProperty().get());
        assertTrue(vm.live().validationTextProperty().get().contains("4.5000 bits/dim"),
                vm.live().validationTextProperty().get());
        assertTrue(vm.live().validationTextProperty().get().contains("(best so far)"));

        for (int start = 4; start <= 100_000; start += 500) {
            List<TrainingEvent> batch = new ArrayList<>();
            for (int n = start; n < start + 500 && n <= 100_000; n++) {
                batch.add(step(n));
            }
            vm.accept(batch);
        }
        for (Chart chart : Chart.values()) {
            for (DecimatedSeries s : vm.live().charts().series(chart)) {
                assertTrue(s.size() <= DecimatedSeries.MAX_POINTS, chart + " " + s.name() + " " + s.size());
            }
        }
        assertEquals(100_000, vm.live().charts().series(Chart.LOSS).get(0).added());
        assertEquals(1.0, vm.live().progressProperty().get(), 1e-12);
    }

    @Test
    void aFailureForADialogComesThroughTheOneCallback() {
        TrainViewModel vm = viewModel();
        List<Problem> problems = new ArrayList<>();
        vm.setOnProblem(problems::add);
        vm.handoff().sendLiveToInpaint(); // no training runs: nothing to copy
        assertEquals(List.of(new Problem("Train", "Cannot copy the training's weights: no training is running")),
                problems);
    }
}
