package org.lacuna.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lacuna.data.Images;
import org.lacuna.data.SyntheticImages;
import org.lacuna.eval.EvalOptions;
import org.lacuna.eval.EvalReport;
import org.lacuna.eval.Evaluator;
import org.lacuna.eval.Reports;
import org.lacuna.model.Hvae;
import org.lacuna.model.ModelFiles;
import org.lacuna.model.TinyConfigs;

/** The evaluation behind the Evaluate workspace: eval's numbers, a gallery, two models compared, and cancel. */
class EvaluationServiceTest {

    @TempDir
    Path dir;

    private Path photos(int n) throws Exception {
        Path folder = Files.createDirectories(dir.resolve("photos"));
        for (int i = 0; i < n; i++) {
            Images.write(SyntheticImages.photo(40, 36, 3, i), folder.resolve(String.format("p%02d.png", i)));
        }
        return folder;
    }

    @Test
    void oneModelGivesEvalsReportAndAGalleryOfEveryWindow() throws Exception {
        Path folder = photos(5);
        Path file = dir.resolve("a.lacuna");
        Hvae model = Hvae.create(TinyConfigs.small(), 3);
        ModelFiles.save(model, 1, file);
        ModelService models = new ModelService(ServiceExecutors.sameThread());
        EvaluationService service = new EvaluationService(models, Runnable::run);
        List<EvaluationService.Progress> progress = new ArrayList<>();
        EvaluationService.Result result = service.start(new EvaluationService.Request(
                List.of(EvaluationService.ModelChoice.file(file)), folder, 4, 3, 7), progress::add).result().get();

        // the same numbers as `eval` on the same images and seed
        var windows = new ArrayList<org.lacuna.data.Raster>();
        var data = org.lacuna.data.Datasets.openEvaluationData(folder, 16, 3).dataset();
        for (int i = 0; i < 4; i++) {
            windows.add(data.example(i, 0));
        }
        EvalReport expected = Evaluator.evaluate(ModelFiles.load(file), windows,
                new EvalOptions(3, 0, 7, EvalOptions.DEFAULT_BATCH).withBaselines(EvaluationService.fills(false)));
        EvaluationService.ModelResult only = result.models().get(0);
        assertEquals(Reports.toJson(expected), Reports.toJson(only.report()));
        assertEquals(4, only.gallery().size());
        double meanOfRows = only.gallery().stream().mapToDouble(EvaluationService.GalleryRow::psnrMean).average()
                .orElseThrow();
        assertEquals(expected.mean().psnr(), meanOfRows, 1e-9);
        var row = only.gallery().get(0);
        assertEquals(row.psnrMean() - row.psnrNavierStokes(), row.gain(), 0.0);
        assertEquals(16, row.truth().width());
        assertTrue(result.comparison().isEmpty());
        assertEquals(4, progress.size());
        assertEquals(1.0, progress.get(3).fraction(), 1e-12);
        assertEquals(0.0, progress.get(3).secondsLeft(), 1e-9);
        assertFalse(service.isRunning());
    }

    @Test
    void twoModelsAreComparedOnTheSameWindowsAndTheLoadedOneCounts() throws Exception {
        Path folder = photos(4);
        Path file = dir.resolve("b.lacuna");
        ModelFiles.save(Hvae.create(TinyConfigs.small(), 5), 1, file);
        ModelService models = new ModelService(ServiceExecutors.sameThread());
        Path loaded = dir.resolve("loaded.lacuna");
        ModelFiles.save(Hvae.create(TinyConfigs.small(), 3), 1, loaded);
        models.openModel(loaded).get();
        EvaluationService service = new EvaluationService(models, Runnable::run);
        EvaluationService.Result result = service.start(new EvaluationService.Request(List.of(
                EvaluationService.ModelChoice.loaded("the loaded model"), EvaluationService.ModelChoice.file(file)),
                folder, 0, 2, 7), p -> { }).result().get();
        assertEquals(List.of("the loaded model", "b.lacuna"), result.models().stream()
                .map(EvaluationService.ModelResult::label).toList());
        var c = result.comparison().orElseThrow();
        assertEquals(4, c.images());
        assertEquals(4, c.winsA() + c.winsB() + c.ties());
        double expected = result.models().get(0).report().mean().psnr() - result.models().get(1).report().mean().psnr();
        assertEquals(expected, c.meanDifference(), 1e-9);
    }

    @Test
    void cancelStopsBetweenImagesAndLeavesTheServiceIdle() throws Exception {
        Path folder = photos(6);
        Path file = dir.resolve("c.lacuna");
        ModelFiles.save(Hvae.create(TinyConfigs.small(), 3), 1, file);
        EvaluationService service = EvaluationService.background(new ModelService(ServiceExecutors.sameThread()));
        EvaluationService.Job[] job = new EvaluationService.Job[1];
        job[0] = service.start(new EvaluationService.Request(List.of(EvaluationService.ModelChoice.file(file)), folder,
                0, 2, 7), p -> {
                    if (p.done() == 2) {
                        job[0].cancel();
                    }
                });
        Exception e = org.junit.jupiter.api.Assertions.assertThrows(java.util.concurrent.CancellationException.class,
                () -> job[0].result().get(2, TimeUnit.MINUTES));
        assertTrue(EvaluationService.isCancellation(e), e.toString());
        assertFalse(service.isRunning());
        // and it evaluates again at once
        var again = service.start(new EvaluationService.Request(List.of(EvaluationService.ModelChoice.file(file)),
                folder, 1, 1, 7), p -> { }).result().get(2, TimeUnit.MINUTES);
        assertEquals(1, again.models().get(0).report().images());
    }

    @Test
    void aBadFolderIsReportedByName() throws Exception {
        Path file = dir.resolve("d.lacuna");
        ModelFiles.save(Hvae.create(TinyConfigs.small(), 3), 1, file);
        EvaluationService service = new EvaluationService(new ModelService(ServiceExecutors.sameThread()),
                Runnable::run);
        Path missing = dir.resolve("no-such-folder");
        ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                () -> service.start(new EvaluationService.Request(List.of(EvaluationService.ModelChoice.file(file)),
                        missing, 0, 2, 7), p -> { }).result().get());
        assertTrue(Failures.message(e).contains("no-such-folder"), Failures.message(e));
    }
}
