package org.lacuna.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lacuna.config.Json;
import org.lacuna.data.Images;
import org.lacuna.data.SyntheticImages;

class EvalCommandTest {

    @TempDir
    Path dir;

    @Test
    void evalOnAFolderPrintsTheTableAndWritesJsonWithEveryKey() throws Exception {
        Path data = Files.createDirectories(dir.resolve("images"));
        for (int i = 0; i < 3; i++) {
            Images.write(SyntheticImages.photo(32, 32, 1, i), data.resolve("img" + i + ".png"));
        }
        Files.writeString(data.resolve("notes.txt"), "not an image");
        Path nested = Files.createDirectories(data.resolve("sub"));
        Images.write(SyntheticImages.photo(32, 32, 1, 9), nested.resolve("deeper.png"));
        Path json = dir.resolve("report.json");

        CliTest.Result r = CliTest.run("eval", "--preset", "fashion32", "--data", data.toString(), "--samples", "2",
                "--iw", "2", "--limit", "2", "--seed", "3", "--json", json.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("OpenCV Telea") && r.out().contains("model, best of 2"), r.out());
        assertTrue(r.err().contains("evaluated 2/2 images"), r.err());

        JsonNode report = Json.mapper().readTree(Files.readString(json));
        for (String key : List.of("bpd", "psnr_mean", "psnr_best", "ssim_mean", "diversity", "active_units",
                "baselines", "bpd_iw", "ssim_best", "images", "samples")) {
            assertTrue(report.has(key), key + " missing in " + report);
        }
        assertEquals(2, report.get("images").asInt());
        assertEquals(2, report.get("samples").asInt());
        assertEquals(3, report.get("active_units").size());
        assertTrue(report.get("bpd").asDouble() > 0);
        for (String b : List.of("meanfill", "telea", "ns")) {
            assertTrue(report.get("baselines").get(b).get("psnr").isNumber(), b);
            assertTrue(report.get("baselines").get(b).get("ssim").isNumber(), b);
        }
    }

    @Test
    void aFolderWithoutImagesOrWithABrokenOneIsOneClearLine() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        Files.writeString(empty.resolve("readme.md"), "nothing here");
        CliTest.Result none = CliTest.run("eval", "--preset", "fashion32", "--data", empty.toString());
        assertEquals(1, none.code());
        assertTrue(none.err().contains("no images"), none.err());

        Path broken = Files.createDirectories(dir.resolve("broken"));
        Files.write(broken.resolve("bad.png"), new byte[]{(byte) 0x89, 'P', 'N', 'G', 0, 1, 2});
        Path json = dir.resolve("never.json");
        CliTest.Result bad = CliTest.run("eval", "--preset", "fashion32", "--data", broken.toString(), "--json",
                json.toString());
        assertEquals(1, bad.code());
        assertTrue(bad.err().contains("bad.png"), bad.err());
        assertFalse(Files.exists(json));
    }
}
