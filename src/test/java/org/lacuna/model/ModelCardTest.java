package org.lacuna.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.lacuna.config.Json;
import org.lacuna.store.ModelFile;

/** The shipped model's card says what the shipped model is: its step, its size, and the numbers of its reports. */
class ModelCardTest {

    @Test
    void theCardMatchesTheShippedModelAndItsEvaluationReports() throws Exception {
        Path card = Path.of("models", "coco64.json");
        Path model = Path.of("models", "coco64.lacuna");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(model), "no shipped model in this checkout");
        JsonNode c = Json.mapper().readTree(Files.readString(card));
        ModelFile.Content content = ModelFile.read(model);
        assertEquals(content.header().step(), c.path("step").asLong(), "step");
        assertEquals(c.path("step").asLong() * c.path("batch").asLong(), c.path("images_seen").asLong());
        assertEquals(ModelFiles.forSampling(content, model.toString()).parameterCount(),
                c.path("configuration").path("parameters").asLong());
        assertTrue(c.path("evaluations").size() >= 2, "the test crops and photos of another kind");
        for (JsonNode e : c.path("evaluations")) {
            JsonNode report = Json.mapper().readTree(Files.readString(Path.of(e.path("file").asText())));
            assertEquals(report.path("images").asInt(), e.path("images").asInt());
            assertEquals(report.path("bpd").asDouble(), e.path("bits_per_dim").asDouble(), 5e-5);
            assertEquals(report.path("psnr_mean").asDouble(), e.path("psnr_mean").asDouble(), 0.005);
            assertEquals(report.path("psnr_best").asDouble(), e.path("psnr_best_of_16_oracle").asDouble(), 0.005);
            assertEquals(report.path("baselines").path("ns").path("psnr").asDouble(),
                    e.path("baselines").path("ns").path("psnr").asDouble(), 0.005);
        }
        JsonNode targets = c.path("targets_issue_12");
        JsonNode test = c.path("evaluations").get(0);
        boolean met = test.path("psnr_mean").asDouble() >= targets.path("psnr_mean_at_least").asDouble()
                && test.path("psnr_best_of_16_oracle").asDouble() >= targets.path("psnr_best_of_16_at_least").asDouble()
                && test.path("bits_per_dim").asDouble() <= targets.path("bits_per_dim_at_most").asDouble();
        assertEquals(met, targets.path("met").asBoolean(), "the card's verdict on the targets");
    }
}
