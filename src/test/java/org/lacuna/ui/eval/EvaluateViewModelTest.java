package org.lacuna.ui.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lacuna.ui.common.Numbers;
import org.lacuna.config.Json;
import org.lacuna.model.Hvae;
import org.lacuna.model.ModelFiles;
import org.lacuna.model.TinyConfigs;
import org.lacuna.service.EvaluationService;
import org.lacuna.service.EvaluationService.GalleryRow;
import org.lacuna.service.ModelService;
import org.lacuna.service.ServiceExecutors;
import org.lacuna.service.TrainingFixtures;
import org.lacuna.service.TrainingService;
import org.lacuna.ui.common.Problem;
import org.lacuna.ui.inpaint.TestModels;

/** The Evaluate workspace's view model without a JavaFX toolkit: same-thread services, a tiny model. */
class EvaluateViewModelTest {

    @TempDir
    Path dir;

    private final List<Problem> problems = new ArrayList<>();
    private final List<GalleryRow> opened = new ArrayList<>();
    private EvaluationService evaluation;

    private EvaluateViewModel viewModel(EvaluationService service, ModelService models) {
        evaluation = service;
        TrainingService training = new TrainingService(models, dir.resolve("runs"), List.of(TinyConfigs.small()));
        EvaluateViewModel vm = new EvaluateViewModel(service, training, Runnable::run);
        vm.setOnProblem(problems::add);
        vm.setOnOpen(opened::add);
        return vm;
    }

    private EvaluateViewModel viewModel() {
        ModelService models = new ModelService(ServiceExecutors.sameThread());
        return viewModel(new EvaluationService(models, Runnable::run), models);
    }

    /** A run of the small model on 5 photos: 4 images, 3 samples, seed 7. */
    private EvaluateViewModel evaluated(Path model, Path photos) {
        EvaluateViewModel vm = viewModel();
        vm.models().chooseFile(model, false);
        vm.data().folderProperty().set(photos.toString());
        vm.imagesProperty().set(4);
        vm.samplesProperty().set(3);
        vm.seedProperty().set(7);
        assertTrue(vm.canStartProperty().get(), vm.blockedProperty().get());
        vm.start();
        assertTrue(problems.isEmpty(), problems.toString());
        return vm;
    }

    @Test
    void aRunFillsTheTableWithTheNumbersOfEvalOnTheSameImagesAndSeed() throws Exception {
        Path model = TestModels.small(dir);
        Path photos = EvalFixtures.photos(dir.resolve("photos"), 5);
        EvaluateViewModel vm = evaluated(model, photos);

        JsonNode expected = EvalFixtures.eval(model, photos, 4, 3, 7, dir.resolve("eval.json"));
        assertEquals(EvalFixtures.rows("small.lacuna", expected), EvalFixtures.cells(vm.results().table()));
        assertEquals(4, vm.results().gallery().size());
        assertEquals("Best of 3, by the true hole", ScoreTable.bestHeading(vm.results().scoresProperty().get()));
        List<Double> active = new ArrayList<>();
        expected.get("active_units").forEach(n -> active.add(n.asDouble()));
        assertEquals(active, vm.results().scoresProperty().get().get(0).activeUnits().stream()
                .map(org.lacuna.service.EvaluationScores.Level::share).toList());
        assertFalse(vm.runningProperty().get());
        assertEquals(1.0, vm.progressProperty().get());
        assertTrue(vm.progressTextProperty().get().startsWith("Evaluated 4 images in "),
                vm.progressTextProperty().get());
        assertEquals("", vm.results().comparisonProperty().get());

        // the saved report is the JSON eval --json writes
        Path report = dir.resolve("saved.json");
        vm.saveReport(report).get();
        assertEquals(expected, Json.mapper().readTree(Files.readString(report)));
        assertTrue(vm.messageProperty().get().startsWith("Saved the report of small.lacuna to "));
    }

    @Test
    void sortingTheGalleryOrdersItByTheGainOverNavierStokes() throws Exception {
        EvaluateViewModel vm = evaluated(TestModels.small(dir), EvalFixtures.photos(dir.resolve("photos"), 5));
        List<GalleryRow> inOrder = List.copyOf(vm.results().gallery());
        assertEquals(List.of(0, 1, 2, 3), inOrder.stream().map(GalleryRow::index).toList());
        List<GalleryRow> byGain = new ArrayList<>(inOrder);
        byGain.sort(Comparator.comparingDouble(GalleryRow::gain).reversed());
        assertNotEquals(inOrder, byGain, "the image order happens to be sorted by the gain: the test proves nothing");

        vm.results().orderProperty().set(EvaluationResults.Order.GAIN_DESCENDING);
        assertEquals(byGain, List.copyOf(vm.results().gallery()));
        vm.results().orderProperty().set(EvaluationResults.Order.GAIN_ASCENDING);
        List<GalleryRow> worstFirst = new ArrayList<>(byGain);
        java.util.Collections.reverse(worstFirst);
        assertEquals(worstFirst, List.copyOf(vm.results().gallery()));
        vm.results().orderProperty().set(EvaluationResults.Order.IMAGE);
        assertEquals(inOrder, List.copyOf(vm.results().gallery()));

        // the PNG follows the shown order: its first tile is the truth of the first row shown
        vm.results().orderProperty().set(EvaluationResults.Order.GAIN_ASCENDING);
        Path png = dir.resolve("gallery");
        vm.saveGallery(EvaluateViewModel.withExtension(png, ".png")).get();
        var image = javax.imageio.ImageIO.read(dir.resolve("gallery.png").toFile());
        var truth = vm.results().gallery().get(0).truth();
        int scale = 64 / truth.width(), x0 = 2 + 4 + 2, y0 = 2;
        assertEquals(truth.pixel(5, 7) & 0xFFFFFF, image.getRGB(x0 + 5 * scale, y0 + 7 * scale) & 0xFFFFFF);
        assertEquals(0xFFC62828, image.getRGB(2, 2) | 0xFF000000, "the worst row loses to Navier-Stokes: a red bar");

        vm.open(vm.results().gallery().get(1));
        assertEquals(List.of(vm.results().gallery().get(1)), opened);
        assertTrue(opened.get(0).file().endsWith(Path.of("photos", opened.get(0).source())), opened.get(0).file()
                + " " + opened.get(0).source());
    }

    @Test
    void startIsBlockedWithTheReasonUntilAModelAndDataAreChosen() throws Exception {
        EvaluateViewModel vm = viewModel();
        assertNull(vm.models().firstProperty().get(), "no model is loaded, no run, no file");
        assertTrue(vm.blockedProperty().get().startsWith("Model:"), vm.blockedProperty().get());
        assertFalse(vm.canStartProperty().get());
        Path model = TestModels.small(dir);
        vm.models().chooseFile(model, false);
        assertTrue(vm.blockedProperty().get().startsWith("Data:"), vm.blockedProperty().get());
        vm.data().folderProperty().set(dir.toString());
        assertEquals("", vm.blockedProperty().get());
        vm.models().chooseFile(model, true);
        assertEquals(vm.models().firstProperty().get(), vm.models().secondProperty().get());
        assertTrue(vm.blockedProperty().get().startsWith("Compare with:"), vm.blockedProperty().get());
        assertEquals(1, vm.models().firstChoices().size(), "a file chosen twice is one choice");
        vm.models().secondProperty().set(ModelOptions.NONE);
        assertTrue(vm.canStartProperty().get());

        // the loaded model is offered first, and chosen when nothing else is
        ModelService models = new ModelService(ServiceExecutors.sameThread());
        EvaluateViewModel withLoaded = viewModel(new EvaluationService(models, Runnable::run), models);
        withLoaded.models().loadedProperty().set(models.openModel(model).get());
        assertEquals("Loaded: small.lacuna (step 12)", withLoaded.models().firstProperty().get().text());
        assertEquals(List.of(ModelOptions.NONE, withLoaded.models().firstProperty().get()),
                withLoaded.models().secondChoices());
    }

    @Test
    void pastRunsCheckpointsAreOfferedAndTheLoadedModelReplacesAChoiceMadeForTheUser() throws Exception {
        Path photos = EvalFixtures.photos(dir.resolve("photos"), 3);
        org.lacuna.store.RunDirectory run = new org.lacuna.store.RunDirectory(dir.resolve("runs").resolve("r1"));
        run.writeConfig(TrainingFixtures.run(TinyConfigs.small(), photos, 10, 5, 5));
        Files.createDirectories(run.latestCheckpoint().getParent());
        Files.copy(TestModels.small(dir), run.latestCheckpoint());
        ModelService models = new ModelService(ServiceExecutors.sameThread());
        EvaluateViewModel vm = viewModel(new EvaluationService(models, Runnable::run), models);
        vm.models().refreshModels().get();
        assertEquals(List.of("Run r1: latest checkpoint, step 0 of the run (small)"),
                vm.models().firstChoices().stream().map(ModelOptions.Option::text).toList());
        assertEquals(vm.models().firstChoices().get(0), vm.models().firstProperty().get(), "the only choice is chosen");

        vm.data().folderProperty().set(photos.toString());
        vm.samplesProperty().set(2);
        vm.start();
        assertTrue(problems.isEmpty(), problems.toString());
        assertEquals("r1 latest", vm.results().table().get(0).name());

        // a model loaded meanwhile takes over the choice made for the user, but not one the user made
        vm.models().loadedProperty().set(models.openModel(TestModels.small(dir)).get());
        assertEquals("Loaded: small.lacuna (step 12)", vm.models().firstProperty().get().text());
        vm.models().firstProperty().set(vm.models().firstChoices().get(1));
        vm.models().loadedProperty().set(models.openModel(dir.resolve("small.lacuna")).get());
        assertEquals("Run r1: latest checkpoint, step 0 of the run (small)", vm.models().firstProperty().get().text());
    }

    @Test
    void twoModelsGiveThePairedComparisonAndEachItsGallery() throws Exception {
        Path a = TestModels.small(dir);
        Path b = dir.resolve("other.lacuna");
        ModelFiles.save(Hvae.create(TinyConfigs.small(), 9), 1, b);
        EvaluateViewModel vm = viewModel();
        vm.models().chooseFile(a, false);
        vm.models().chooseFile(b, true);
        vm.data().folderProperty().set(EvalFixtures.photos(dir.resolve("photos"), 4).toString());
        vm.samplesProperty().set(2);
        vm.start();
        assertTrue(problems.isEmpty(), problems.toString());
        assertEquals(List.of("small.lacuna", "other.lacuna"), vm.results().models());
        assertEquals(List.of("small.lacuna", "other.lacuna", "mean fill", "OpenCV Telea", "OpenCV Navier-Stokes",
                "OpenCV FSR fast"),
                vm.results().table().stream().map(ScoreTable.Row::name).toList());
        var scores = vm.results().scoresProperty().get();
        double difference = 0;
        int winsA = 0;
        for (int i = 0; i < 4; i++) {
            double d = vm.results().resultProperty().get().models().get(0).gallery().get(i).psnrMean()
                    - vm.results().resultProperty().get().models().get(1).gallery().get(i).psnrMean();
            difference += d / 4;
            winsA += d > 0.01 ? 1 : 0;
        }
        assertEquals(scores.get(0).psnrMean() - scores.get(1).psnrMean(), difference, 1e-9);
        String text = vm.results().comparisonProperty().get();
        assertTrue(text.startsWith("small.lacuna \u2212 other.lacuna, PSNR of the mean completion on the same 4 windows"
                + " and noise: " + Numbers.signed(difference) + " dB \u00b1 "), text);
        assertTrue(text.contains("small.lacuna better on " + winsA + ", "), text);

        assertEquals(vm.results().resultProperty().get().models().get(0).gallery(), List.copyOf(vm.results().gallery()));
        vm.results().shownModelProperty().set(1);
        assertEquals(vm.results().resultProperty().get().models().get(1).gallery(), List.copyOf(vm.results().gallery()));
    }

    @Test
    void aBadFolderGivesTheUsualMessageNamingItAndTheReason() throws Exception {
        EvaluateViewModel vm = viewModel();
        vm.models().chooseFile(TestModels.small(dir), false);
        Path missing = dir.resolve("no-such-photos");
        vm.data().folderProperty().set(missing.toString());
        vm.start();
        assertEquals(1, problems.size());
        assertEquals("Evaluation failed", problems.get(0).title());
        assertEquals(missing + ": no such folder or file", problems.get(0).message());

        Path empty = Files.createDirectories(dir.resolve("empty"));
        Files.writeString(empty.resolve("notes.txt"), "no photos here");
        vm.data().folderProperty().set(empty.toString());
        vm.start();
        assertEquals(2, problems.size());
        assertTrue(problems.get(1).message().startsWith("no images in " + empty + ": "), problems.get(1).message());
        assertFalse(vm.runningProperty().get());
        assertFalse(evaluation.isRunning());
        assertNull(vm.results().resultProperty().get());
    }

    @Test
    void cancelStopsTheRunAndLeavesTheServiceIdle() throws Exception {
        ModelService models = new ModelService(ServiceExecutors.sameThread());
        EvaluateViewModel vm = viewModel(EvaluationService.background(models), models);
        vm.models().chooseFile(TestModels.small(dir), false);
        vm.data().folderProperty().set(EvalFixtures.photos(dir.resolve("photos"), 12).toString());
        vm.imagesProperty().set(0);
        vm.samplesProperty().set(2);
        List<EvaluationService.Progress> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        vm.setProgressSink(p -> {
            seen.add(p);
            vm.accept(List.of(p));
            if (p.done() == 2) {
                vm.cancel();
            }
        });
        vm.start();
        TrainingFixtures.waitFor(() -> !vm.runningProperty().get());
        assertFalse(evaluation.isRunning());
        assertEquals(2, seen.size(), "it went on after the cancel: " + seen);
        assertTrue(vm.progressTextProperty().get().startsWith("Cancelled after 2 of 12 images"),
                vm.progressTextProperty().get());
        assertTrue(problems.isEmpty(), "a cancel is not a problem: " + problems);
        assertNull(vm.results().resultProperty().get());
    }

    @Test
    void aFileNameGetsItsExtension() {
        assertEquals(Path.of("a", "report.json"), EvaluateViewModel.withExtension(Path.of("a", "report"), ".json"));
        assertEquals(Path.of("g.PNG"), EvaluateViewModel.withExtension(Path.of("g.PNG"), ".png"));
    }
}
