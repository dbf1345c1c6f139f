package org.lacuna.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.Test;

class TrainConfigTest {

    @Test
    void jsonRoundTripsEveryField() {
        TrainConfig c = Presets.recipe("photos", "/data");
        String json = Json.write(c);
        assertTrue(json.contains("\"mode\" : \"crops\""), json);
        assertTrue(json.contains("\"gradientScale\" : \"per-image\""), json);
        assertEquals(c, Json.read(json, TrainConfig.class));
    }

    @Test
    void aConfigJsonFromBeforeRecipesReadsWithTheSettingsItTrainedWith() throws Exception {
        String legacy = """
                {"data":"/d","mode":"crops","validationFraction":0.05,"batchSize":32,"learningRate":2.0E-4,
                 "steps":100,"klWarmupSteps":50,"clipNorm":200.0,"skipNorm":400.0,"emaRate":0.999,
                 "checkpointEvery":10,"validateEvery":5,"validationBatches":8,"previewEvery":5,"seed":1}""";
        ObjectNode node = (ObjectNode) Json.mapper().readTree(legacy);
        TrainConfig.upgradeLegacy(node);
        TrainConfig c = Json.read(Json.mapper().writeValueAsString(node), TrainConfig.class);
        assertEquals(GradientScale.PER_SUBPIXEL, c.gradientScale());
        assertEquals(0, c.lrWarmupSteps());
        assertEquals(ExampleMode.CROPS, c.mode());
        assertEquals(5, c.previewEvery());
        assertEquals(MaskDistribution.CENTRE, c.masks(), "runs from before free-form masks trained on the centre hole");
        assertEquals(0, c.lrDecaySteps());
        assertThrows(IllegalArgumentException.class, () -> Json.read(legacy, TrainConfig.class),
                "without the upgrade the old form is refused (strict JSON)");
    }

    @Test
    void warmUpsAndRecipes() {
        TrainConfig c = TrainConfig.builder("/d").learningRate(1e-3).lrWarmupSteps(10).klWarmupSteps(100).build();
        assertEquals(1e-4, c.learningRate(0), 1e-12);
        assertEquals(1e-3, c.learningRate(9), 1e-12);
        assertEquals(1e-3, c.learningRate(5000), 1e-12);
        assertEquals(0.5, c.beta(50), 1e-12);
        assertEquals(2e-4, TrainConfig.defaults("/d").learningRate(0), 1e-12, "the reference has no warm-up");
        assertEquals(Presets.REFERENCE.toBuilder().data("/d").build(), TrainConfig.defaults("/d"));
        assertEquals(3072.0, GradientScale.PER_SUBPIXEL.factor(Presets.COCO64));
        assertEquals(1.0, GradientScale.PER_IMAGE.factor(Presets.COCO64));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Presets.recipe("fast", "/d"));
        assertTrue(e.getMessage().contains("reference, photos"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TrainConfig.builder("/d").mode(null).build());
    }

    @Test
    void theDecayTakesTheLastStepsDownToZeroAlongAHalfCosine() {
        TrainConfig c = TrainConfig.builder("/d").learningRate(1e-3).steps(1000).lrDecaySteps(100).build();
        assertEquals(1e-3, c.learningRate(899), 1e-15, "constant before the decay");
        assertEquals(1e-3 * 0.5 * (1 + Math.cos(Math.PI / 100)), c.learningRate(900), 1e-12);
        assertEquals(0.5e-3, c.learningRate(949), 1e-12, "half way");
        assertEquals(0.0, c.learningRate(999), 1e-15, "the last step");
        assertTrue(c.learningRate(950) < c.learningRate(940));
        TrainConfig longer = c.withScheduleOf(c.toBuilder().steps(2000).lrDecaySteps(300).build());
        assertEquals(1e-3, longer.learningRate(999), 1e-15, "a resumed run may move its decay");
        assertEquals(c.toBuilder().steps(2000).lrDecaySteps(300).build(), longer);
        assertThrows(IllegalArgumentException.class, () -> c.toBuilder().lrDecaySteps(-1).build());
    }

    @Test
    void theFreeFormRecipeIsThePhotosRecipeOnHolesOfAnyShape() {
        TrainConfig f = Presets.recipe("free-form", "/d");
        assertEquals(MaskDistribution.FREE_FORM, f.masks());
        assertEquals(Presets.recipe("photos", "/d").toBuilder().masks(MaskDistribution.FREE_FORM).build(), f);
        assertEquals(MaskDistribution.CENTRE, Presets.REFERENCE.masks(), "the reference trains on the centre hole");
        assertEquals(f, Json.read(Json.write(f), TrainConfig.class));
        assertTrue(Json.write(f).contains("\"masks\" : \"free-form\""), Json.write(f));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MaskDistribution.parse("circles"));
        assertTrue(e.getMessage().contains("centre, free-form"), e.getMessage());
    }
}
