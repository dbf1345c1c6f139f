package org.lacuna.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lacuna.config.Presets;
import org.lacuna.model.Hvae;
import org.lacuna.model.ModelFiles;
import org.lacuna.store.ModelFile;
import org.lacuna.store.NpzWeights;
import org.nd4j.linalg.api.ndarray.INDArray;

/** {@code export} and {@code import} on the fashion32 preset (built, never trained). */
class ExchangeCommandsTest {

    @TempDir
    Path dir;

    @Test
    void exportThenImportGivesAModelFileWithTheSameWeights() throws Exception {
        Hvae model = Hvae.create(Presets.FASHION32, 5);
        Path file = dir.resolve("m.lacuna");
        ModelFiles.save(model, 12, file);
        Path npz = dir.resolve("m.npz");
        CliTest.Result exported = CliTest.run("export", "--model", file.toString(), "--npz", npz.toString());
        assertEquals(0, exported.code(), exported.err());
        assertTrue(exported.out().contains("weights: params"), exported.out());
        assertTrue(exported.out().contains("parameters: " + model.parameterCount()), exported.out());
        assertTrue(exported.out().contains("names: " + model.parameterNames().size()), exported.out());

        Path back = dir.resolve("back.lacuna");
        CliTest.Result imported = CliTest.run("import", "--npz", npz.toString(), "--preset", "fashion32",
                "--out", back.toString());
        assertEquals(0, imported.code(), imported.err());
        assertTrue(imported.out().contains("parameters: " + model.parameterCount()), imported.out());
        ModelFile.Content content = ModelFile.read(back);
        assertEquals(Presets.FASHION32, content.header().config());
        assertSameBits(model.parameters(), content.group(ModelFile.PARAMS));
    }

    @Test
    void aCheckpointsEmaWeightsAreExportedWhenPresent() throws Exception {
        Hvae live = Hvae.create(Presets.FASHION32, 5);
        Hvae ema = Hvae.create(Presets.FASHION32, 6);
        Path checkpoint = dir.resolve("ckpt.lacuna");
        ModelFile.write(checkpoint, new ModelFile.Header(ModelFile.FORMAT, ModelFile.VERSION, Presets.FASHION32, 100,
                Map.of()), Map.of(ModelFile.PARAMS, live.parameters(), ModelFile.EMA, ema.parameters()));
        Path npz = dir.resolve("ema.npz");
        CliTest.Result r = CliTest.run("export", "--model", checkpoint.toString(), "--npz", npz.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("weights: ema"), r.out());
        assertSameBits(ema.parameters(), NpzWeights.read(npz));
    }

    @Test
    void anImportThatDoesNotFitListsEveryProblemAndWritesNothing() throws Exception {
        Path npz = dir.resolve("every.npz");
        ModelFiles.exportNpz(Hvae.create(Presets.FASHION32, 5), npz);
        Path out = dir.resolve("top.lacuna");
        CliTest.Result r = CliTest.run("import", "--npz", npz.toString(), "--preset", "fashion32",
                "--conditioning", "top-only", "--out", out.toString());
        assertEquals(1, r.code());
        // top-only leaves C out of the convs below the top: their input widths shrink
        for (String name : List.of("h16.weight", "h8.weight", "h4.weight", "h32.weight", "misshapen", "every.npz",
                "fashion32 (top-only)")) {
            assertTrue(r.err().contains(name), r.err());
        }
        assertFalse(r.err().contains("h2.weight"), "the top conv reads C in both modes: " + r.err());

        Path broken = dir.resolve("broken.npz");
        Files.write(broken, new byte[]{'P', 'K', 3, 4, 1, 2, 3});
        CliTest.Result bad = CliTest.run("import", "--npz", broken.toString(), "--preset", "fashion32",
                "--out", out.toString());
        assertEquals(1, bad.code());
        assertTrue(bad.err().contains("broken.npz"), bad.err());
        try (var files = Files.list(dir)) {
            assertEquals(List.of("broken.npz", "every.npz"), files.map(p -> p.getFileName().toString()).sorted().toList(),
                    "no model file and no temporary file is written");
        }
    }

    private static void assertSameBits(Map<String, INDArray> expected, Map<String, INDArray> actual) {
        assertEquals(List.copyOf(expected.keySet()), List.copyOf(actual.keySet()));
        for (String name : expected.keySet()) {
            assertArrayEquals(expected.get(name).shape(), actual.get(name).shape(), name);
            float[] a = expected.get(name).dup('c').data().asFloat();
            float[] b = actual.get(name).dup('c').data().asFloat();
            for (int i = 0; i < a.length; i++) {
                if (Float.floatToRawIntBits(a[i]) != Float.floatToRawIntBits(b[i])) {
                    throw new AssertionError(name + "[" + i + "]: " + a[i] + " != " + b[i]);
                }
            }
        }
    }
}
