package org.lacuna.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lacuna.config.Json;

/** The benchmark's plumbing (not its speed: speed is read from `bench` itself, never asserted in tests). */
class BenchCommandTest {

    @TempDir
    Path dir;

    @Test
    void quickBenchWritesEveryKey() throws Exception {
        Path json = dir.resolve("bench.json");
        CliTest.Result r = CliTest.run("bench", "--preset", "fashion32", "--quick", "--json", json.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode node = Json.mapper().readTree(Files.readString(json));
        for (String key : new String[]{"parameters", "backend", "onednn", "threads", "train_img_per_s",
                "train_img_per_s_b64", "sample16_ms", "sample1_ms", "removal_candidate_s", "train_rss_mb", "train_rss_mb_b64", "train_path"}) {
            assertTrue(node.has(key), "missing " + key + " in " + node);
        }
        assertEquals(2589122, node.get("parameters").asLong());
        assertTrue(node.get("train_img_per_s").asDouble() > 0);
        assertTrue(node.get("removal_candidate_s").asDouble() > 0);
        assertTrue(r.out().contains("sample16_ms"));
        assertEquals("onednn-direct", node.get("train_path").asText(), "training takes oneDNN's direct path here");
    }

    @Test
    void theFolderMeasurementTimesARealTrainingsFirstStepsAndTheRest() throws Exception {
        Path photos = Files.createDirectories(dir.resolve("photos"));
        for (int i = 0; i < 6; i++) {
            org.lacuna.data.Images.write(org.lacuna.data.SyntheticImages.photo(200, 160, 1, i),
                    photos.resolve("p" + i + ".png"));
        }
        Path json = dir.resolve("folder.json");
        CliTest.Result r = CliTest.run("bench", "--preset", "fashion32", "--quick", "--train-only", "--data",
                photos.toString(), "--folder-steps", "12", "--json", json.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode node = Json.mapper().readTree(Files.readString(json));
        for (String key : new String[]{"folder_open_s", "folder_first10_s_per_step", "folder_first10_max_s",
                "folder_rest_s_per_step", "folder_img_per_s"}) {
            assertTrue(node.has(key) && node.get(key).asDouble() > 0, "missing " + key + " in " + node);
        }
        assertTrue(node.get("folder_first10_max_s").asDouble() >= node.get("folder_first10_s_per_step").asDouble());
        CliTest.Result tooFew = CliTest.run("bench", "--preset", "fashion32", "--quick", "--train-only", "--data",
                photos.toString(), "--folder-steps", "5");
        assertEquals(1, tooFew.code());
        assertTrue(tooFew.err().contains("at least 12 steps"), tooFew.err());
    }
}
