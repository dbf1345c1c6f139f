package org.lacuna.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lacuna.config.Json;
import org.lacuna.config.Presets;
import org.lacuna.data.Images;
import org.lacuna.data.SyntheticImages;
import org.lacuna.model.Hvae;
import org.lacuna.model.ModelFiles;
import org.lacuna.store.ModelFile;
import org.lacuna.store.NpzWeights;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Issue 24's hostile inputs to the commands: each is refused at once with the file and the reason. */
class HostileInputTest {

    @TempDir
    Path dir;

    private Path model() throws Exception {
        Path file = dir.resolve("model.lacuna");
        ModelFiles.save(Hvae.create(Presets.FASHION32, 1), 0, file);
        return file;
    }

    private Path photo() throws Exception {
        Path photo = dir.resolve("photo.png");
        Images.write(SyntheticImages.photo(80, 60, 3, 5), photo);
        return photo;
    }

    @Test
    void importRefusesNanWeightsAnExistingOutWithoutForceAndItsOwnInput() throws Exception {
        Path npz = dir.resolve("w.npz");
        assertEquals(0, CliTest.run("export", "--model", model().toString(), "--npz", npz.toString()).code());
        Map<String, INDArray> weights = new LinkedHashMap<>(NpzWeights.read(npz));
        String first = weights.keySet().iterator().next();
        INDArray poisoned = weights.get(first).dup();
        poisoned.putScalar(0, Float.NaN);
        weights.put(first, poisoned);
        Path bad = dir.resolve("nan.npz");
        NpzWeights.export(weights, bad);

        Path out = dir.resolve("imported.lacuna");
        CliTest.Result nan = CliTest.run("import", "--npz", bad.toString(), "--preset", "fashion32", "--out",
                out.toString());
        assertEquals(1, nan.code(), nan.out() + nan.err());
        assertTrue(nan.err().contains(first) && nan.err().contains("NaN"), nan.err());
        assertFalse(Files.exists(out), "nothing written");

        assertEquals(0, CliTest.run("import", "--npz", npz.toString(), "--preset", "fashion32", "--out",
                out.toString()).code());
        byte[] before = Files.readAllBytes(out);
        CliTest.Result again = CliTest.run("import", "--npz", npz.toString(), "--preset", "fashion32", "--out",
                out.toString());
        assertEquals(1, again.code());
        assertTrue(again.err().contains(out + " exists already; add --force"), again.err());
        assertArrayEquals(before, Files.readAllBytes(out));
        assertEquals(0, CliTest.run("import", "--npz", npz.toString(), "--preset", "fashion32", "--out",
                out.toString(), "--force").code());

        CliTest.Result self = CliTest.run("import", "--npz", npz.toString(), "--preset", "fashion32", "--out",
                npz.toString(), "--force");
        assertEquals(1, self.code());
        assertTrue(self.err().contains("is an input of the command"), self.err());
    }

    @Test
    void sampleRefusesToWriteOverItsPhotoAndNamesATooSmallWindow() throws Exception {
        Path photo = photo();
        byte[] before = Files.readAllBytes(photo);
        CliTest.Result r = CliTest.run("sample", "--preset", "fashion32", "--image", photo.toString(), "--branching",
                "1,1,1", "--out", photo.toString());
        assertEquals(1, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("is an input of the command"), r.err());
        assertArrayEquals(before, Files.readAllBytes(photo));
        for (String side : new String[]{"0", "4"}) {
            CliTest.Result w = CliTest.run("sample", "--preset", "fashion32", "--image", photo.toString(),
                    "--branching", "1,1,1", "--window", "0,0," + side, "--out", dir.resolve("g.png").toString());
            assertEquals(1, w.code(), w.out() + w.err());
            assertTrue(w.err().contains("too small"), w.err());
            assertFalse(w.err().contains("not inside"), w.err());
        }
    }

    @Test
    void aFifoAsImageOrModelIsRefusedAtOnce() throws Exception {
        Path fifo = dir.resolve("pipe.png");
        Process mk = new ProcessBuilder("mkfifo", fifo.toString()).start();
        org.junit.jupiter.api.Assumptions.assumeTrue(mk.waitFor() == 0, "mkfifo is not available");
        Path model = model();
        Assertions.assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            CliTest.Result image = CliTest.run("sample", "--model", model.toString(), "--image", fifo.toString(),
                    "--branching", "1,1,1", "--out", dir.resolve("g.png").toString());
            assertEquals(1, image.code(), image.out() + image.err());
            assertTrue(image.err().contains(fifo + ": is not a regular file"), image.err());
            CliTest.Result m = CliTest.run("info", "--model", fifo.toString());
            assertEquals(1, m.code(), m.out() + m.err());
            assertTrue(m.err().contains(fifo + " is not a regular file"), m.err());
            CliTest.Result folder = CliTest.run("info", "--model", dir.toString());
            assertTrue(folder.err().contains(dir + " is a folder, not a model file"), folder.err());
        });
    }

    @Test
    void aModelFilesConfigurationIsBoundedBeforeAnythingIsBuilt() throws Exception {
        Path model = model();
        for (String edit : new String[]{"widths", "imageSize"}) {
            Path huge = dir.resolve("huge-" + edit + ".lacuna");
            rewriteHeader(model, huge, header -> {
                ObjectNode config = (ObjectNode) header.get("config");
                if (edit.equals("widths")) {
                    ArrayNode widths = (ArrayNode) config.get("widths");
                    widths.set(1, 100_000);
                } else {
                    config.put("imageSize", 1 << 20);
                }
            });
            CliTest.Result r = Assertions.assertTimeoutPreemptively(Duration.ofSeconds(60),
                    () -> CliTest.run("info", "--model", huge.toString()));
            assertEquals(1, r.code(), r.out() + r.err());
            assertTrue(r.err().contains(huge.toString()) && r.err().contains("the largest Lacuna builds"), r.err());
        }
    }

    private static void rewriteHeader(Path from, Path to, java.util.function.Consumer<ObjectNode> edit)
            throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(from));
             ZipOutputStream out = new ZipOutputStream(bytes)) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                byte[] content = in.readAllBytes();
                if (e.getName().equals(ModelFile.HEADER)) {
                    ObjectNode header = (ObjectNode) Json.mapper().readTree(content);
                    edit.accept(header);
                    content = Json.mapper().writeValueAsString(header).getBytes(StandardCharsets.UTF_8);
                }
                out.putNextEntry(new ZipEntry(e.getName()));
                out.write(content);
                out.closeEntry();
            }
        }
        Files.write(to, bytes.toByteArray());
    }

    @Test
    void evalChecksItsJsonTargetBeforeEvaluatingAndOptionErrorsReadPlainly() throws Exception {
        Path photos = Files.createDirectories(dir.resolve("photos"));
        Images.write(SyntheticImages.photo(40, 40, 3, 1), photos.resolve("a.png"));
        CliTest.Result r = CliTest.run("eval", "--preset", "fashion32", "--data", photos.toString(), "--samples", "2",
                "--json", dir.toString());
        assertEquals(1, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("--json " + dir + " is a folder"), r.err());
        assertFalse(r.err().contains("evaluated"), "checked before the evaluation: " + r.err());

        CliTest.Result mode = CliTest.run("train", "--run", dir.resolve("r").toString(), "--mode", "bogus");
        assertEquals(2, mode.code());
        assertFalse(mode.err().contains("java.lang"), mode.err());
        assertTrue(mode.err().contains("bogus"), mode.err());
    }
}
