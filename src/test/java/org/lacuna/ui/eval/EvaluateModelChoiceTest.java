package org.lacuna.ui.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lacuna.model.Hvae;
import org.lacuna.model.ModelFiles;
import org.lacuna.model.TinyConfigs;
import org.lacuna.service.EvaluationService;
import org.lacuna.service.ModelInfo;
import org.lacuna.service.ModelService;
import org.lacuna.service.ServiceExecutors;
import org.lacuna.service.TrainingService;
import org.lacuna.ui.inpaint.TestModels;

/** Issue 24: the shipped model stays a choice, and a gallery row opens with the model it was evaluated with. */
class EvaluateModelChoiceTest {

    @TempDir
    Path dir;

    @Test
    void theShippedModelStaysAChoiceWhateverModelIsLoaded() throws Exception {
        ModelService models = new ModelService(ServiceExecutors.sameThread());
        EvaluateViewModel vm = new EvaluateViewModel(new EvaluationService(models, Runnable::run),
                new TrainingService(models, dir.resolve("runs"), List.of(TinyConfigs.small())), Runnable::run);
        vm.models().offerShipped(true);
        ModelInfo other = models.openModel(TestModels.small(dir)).get();
        vm.models().loadedProperty().set(other);
        List<String> texts = vm.models().firstChoices().stream().map(ModelOptions.Option::text).toList();
        assertTrue(texts.get(0).startsWith("Loaded: small.lacuna"), texts.toString());
        assertEquals("Shipped model (coco64)", texts.get(1));
        assertTrue(vm.models().firstChoices().get(1).choice().isShipped());
        assertTrue(vm.models().secondChoices().stream().anyMatch(o -> o.choice() != null && o.choice().isShipped()));
    }

    @Test
    void aGalleryRowOpensWithTheModelOfTheGalleryShown() throws Exception {
        ModelService models = new ModelService(ServiceExecutors.sameThread());
        EvaluateViewModel vm = new EvaluateViewModel(new EvaluationService(models, Runnable::run),
                new TrainingService(models, dir.resolve("runs"), List.of(TinyConfigs.small())), Runnable::run);
        List<String> order = new ArrayList<>();
        vm.setOnOpenModel(c -> order.add("model " + c.file().getFileName()));
        vm.setOnOpen(r -> order.add("row " + r.index()));
        Path a = TestModels.small(dir);
        Path b = dir.resolve("other.lacuna");
        ModelFiles.save(Hvae.create(TinyConfigs.small(), 9), 1, b);
        vm.models().chooseFile(a, false);
        vm.models().chooseFile(b, true);
        vm.data().folderProperty().set(EvalFixtures.photos(dir.resolve("photos"), 3).toString());
        vm.samplesProperty().set(2);
        vm.start();
        vm.open(vm.results().gallery().get(0));
        vm.results().shownModelProperty().set(1);
        vm.open(vm.results().gallery().get(1));
        assertEquals(List.of("model small.lacuna", "row " + vm.results().resultProperty().get().models().get(0)
                .gallery().get(0).index(), "model other.lacuna", "row " + vm.results().gallery().get(1).index()), order);
    }

    @Test
    void theSavedReportHasARowPerImageAsEvalJsonHas() throws Exception {
        ModelService models = new ModelService(ServiceExecutors.sameThread());
        EvaluateViewModel vm = new EvaluateViewModel(new EvaluationService(models, Runnable::run),
                new TrainingService(models, dir.resolve("runs"), List.of(TinyConfigs.small())), Runnable::run);
        Path model = TestModels.small(dir);
        Path photos = EvalFixtures.photos(dir.resolve("photos"), 3);
        vm.models().chooseFile(model, false);
        vm.data().folderProperty().set(photos.toString());
        vm.imagesProperty().set(3);
        vm.samplesProperty().set(2);
        vm.seedProperty().set(7);
        vm.start();
        Path saved = dir.resolve("saved.json");
        vm.saveReport(saved).get();
        com.fasterxml.jackson.databind.JsonNode report = org.lacuna.config.Json.mapper()
                .readTree(java.nio.file.Files.readString(saved));
        com.fasterxml.jackson.databind.JsonNode rows = report.get("per_image");
        assertEquals(vm.results().gallery().size(), rows.size(), report.toString());
        var first = vm.results().resultProperty().get().models().get(0).gallery().get(0);
        assertEquals(first.source(), rows.get(0).get("source").asText());
        assertEquals(first.psnrMean(), rows.get(0).get("psnr_mean").asDouble(), 1e-9);
        assertEquals(first.gain(), rows.get(0).get("gain_over_ns").asDouble(), 1e-9);
        assertEquals(EvalFixtures.eval(model, photos, 3, 2, 7, dir.resolve("eval.json")), report,
                "the same JSON as eval --json");
    }
}
