package org.lacuna.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lacuna.config.ModelConfig;
import org.lacuna.config.SampleConfig;
import org.lacuna.data.Raster;
import org.lacuna.model.Hvae;
import org.lacuna.model.LossTerms;
import org.lacuna.model.TinyConfigs;
import org.lacuna.sample.Inpainter;
import org.nd4j.linalg.api.ndarray.INDArray;

class ModelFileTest {

    @TempDir
    Path dir;

    @Test
    void saveAndLoadGiveTheSameLossAndTheSameSamples() throws IOException {
        ModelConfig config = TinyConfigs.small();
        Hvae model = Hvae.create(config, 17);
        // train a little so the weights are not the initial ones of any seed
        Optimizer optimizer = new Optimizer(model, AdamSettings.DEFAULT.withLearningRate(1e-3));
        INDArray x = TestBatches.images(config, 3, 5);
        INDArray[] eps = TestBatches.noise(config, 3, 6);
        for (int i = 0; i < 3; i++) {
            optimizer.step(x, eps, 0.5);
        }
        Path file = dir.resolve("m.lacuna");
        ModelFile.save(model, 3, file);
        Hvae loaded = ModelFile.load(file);

        assertEquals(config, loaded.config());
        LossTerms a = model.evaluate(x, eps, 1.0);
        LossTerms b = loaded.evaluate(x, eps, 1.0);
        assertEquals(a.loss(), b.loss(), 0.0);
        assertEquals(a.bpd(), b.bpd(), 0.0);
        Raster window = org.lacuna.data.Tensors.toRaster(x, 0);
        SampleConfig request = SampleConfig.of(9, 2, 1, 2);
        assertEquals(new Inpainter(model).sample(window, request).leaves(),
                new Inpainter(loaded).sample(window, request).leaves());
        assertEquals(3, ModelFile.read(file).header().step());
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file is left behind");
        }
        assertEquals("rw-r--r--", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(file)), "not the temporary file's owner-only mode");
    }

    @Test
    void aCorruptFileIsAClearErrorNamingIt() throws IOException {
        Path file = dir.resolve("broken.lacuna");
        Files.write(file, new byte[]{'P', 'K', 3, 4, 1, 2, 3});
        IOException e = assertThrows(IOException.class, () -> ModelFile.load(file));
        assertTrue(e.getMessage().contains("broken.lacuna"), e.getMessage());

        Path text = dir.resolve("notes.lacuna");
        Files.writeString(text, "hello");
        IOException e2 = assertThrows(IOException.class, () -> ModelFile.load(text));
        assertTrue(e2.getMessage().contains("notes.lacuna") && e2.getMessage().contains("not a Lacuna model"),
                e2.getMessage());

        IOException e3 = assertThrows(IOException.class, () -> ModelFile.load(dir.resolve("absent.lacuna")));
        assertTrue(e3.getMessage().contains("absent.lacuna"), e3.getMessage());
    }

    @Test
    void aTruncatedFileIsRefused() throws IOException {
        Hvae model = Hvae.create(TinyConfigs.small(), 1);
        Path file = dir.resolve("full.lacuna");
        ModelFile.save(model, 0, file);
        byte[] bytes = Files.readAllBytes(file);
        Path cut = dir.resolve("cut.lacuna");
        Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        IOException e = assertThrows(IOException.class, () -> ModelFile.load(cut));
        assertTrue(e.getMessage().contains("cut.lacuna"), e.getMessage());
    }
}
