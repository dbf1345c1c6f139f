package org.lacuna.ui.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lacuna.config.Presets;
import org.lacuna.model.TinyConfigs;
import org.lacuna.service.ModelService;
import org.lacuna.service.ServiceExecutors;
import org.lacuna.service.TrainingFixtures;
import org.lacuna.service.TrainingService;

/** Issue 24: fine-tuning from the shipped model in the form, and warnings about unwise settings. */
class RunFormGuardrailsTest {

    @TempDir
    Path dir;

    @Test
    void startingFromTheShippedModelChoosesItsPresetAndTheFineTuneRecipe() {
        ModelService models = new ModelService(ServiceExecutors.sameThread());
        TrainingService training = new TrainingService(models, dir.resolve("runs"),
                List.of(Presets.FASHION32, Presets.COCO64));
        RunForm form = new TrainViewModel(models, training, () -> { }, Runnable::run).form();
        assertEquals("fashion32", form.presetProperty().get().name());
        form.fromShippedProperty().set(true);
        assertEquals("coco64", form.presetProperty().get().name());
        assertEquals("fine-tune", form.recipeProperty().get());
        assertEquals("0", form.klWarmupProperty().get());
        assertEquals("3000", form.stepsProperty().get());
        assertEquals("0.00005", form.learningRateProperty().get());
    }

    @Test
    void aFolderSmallerThanABatchALongKlWarmupAndHoursOfTrainingAreWarned() throws Exception {
        ModelService models = new ModelService(ServiceExecutors.sameThread());
        TrainingService training = new TrainingService(models, dir.resolve("runs"), List.of(TinyConfigs.small()));
        RunForm form = new TrainViewModel(models, training, () -> { }, Runnable::run).form();
        form.data().folderProperty().set(TrainingFixtures.photos(dir.resolve("photos"), 6).toString());
        form.check().check();
        form.batchProperty().set("8");
        form.stepsProperty().set("1000");
        form.klWarmupProperty().set("100");
        assertTrue(form.warningProperty().get().contains("fewer than a batch of 8"), form.warningProperty().get());
        form.batchProperty().set("4");
        assertEquals("", form.warningProperty().get());
        form.klWarmupProperty().set("5000");
        assertTrue(form.warningProperty().get().contains("KL warm-up (5,000 steps) is longer than the run"),
                form.warningProperty().get());
        form.klWarmupProperty().set("0");
        form.batchProperty().set("32");
        form.stepsProperty().set("200000");
        assertTrue(form.warningProperty().get().contains("hours"), form.warningProperty().get());
    }
}
