package org.lacuna.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lacuna.config.MaskDistribution;
import org.lacuna.config.ModelConfig;
import org.lacuna.config.SampleConfig;
import org.lacuna.data.Raster;
import org.lacuna.model.Hvae;
import org.lacuna.model.LossTerms;
import org.lacuna.model.ModelFiles;
import org.lacuna.model.TinyConfigs;
import org.lacuna.sample.Inpainter;
import org.lacuna.train.Optimizer;
import org.lacuna.train.TestBatches;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ModelFileTest {

    @TempDir
    Path dir;

    @Test
    void saveAndLoadGiveTheSameLossAndTheSameSamples() throws IOException {
        ModelConfig config = TinyConfigs.small();
        Hvae model = Hvae.create(config, 17);
        // train a little so the weights are not the initial ones of any seed
        Optimizer optimizer = new Optimizer(model, TestBatches.ADAM.withLearningRate(1e-3));
        INDArray x = TestBatches.images(config, 3, 5);
        INDArray[] eps = TestBatches.noise(config, 3, 6);
        for (int i = 0; i < 3; i++) {
            optimizer.step(x, eps, 0.5);
        }
        Path file = dir.resolve("m.lacuna");
        ModelFiles.save(model, 3, file);
        Hvae loaded = ModelFiles.load(file);

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
        IOException e = assertThrows(IOException.class, () -> ModelFiles.load(file));
        assertTrue(e.getMessage().contains("broken.lacuna"), e.getMessage());

        Path text = dir.resolve("notes.lacuna");
        Files.writeString(text, "hello");
        IOException e2 = assertThrows(IOException.class, () -> ModelFiles.load(text));
        assertTrue(e2.getMessage().contains("notes.lacuna") && e2.getMessage().contains("not a Lacuna model"),
                e2.getMessage());

        IOException e3 = assertThrows(IOException.class, () -> ModelFiles.load(dir.resolve("absent.lacuna")));
        assertTrue(e3.getMessage().contains("absent.lacuna"), e3.getMessage());
    }

    @Test
    void aTruncatedFileIsRefused() throws IOException {
        Hvae model = Hvae.create(TinyConfigs.small(), 1);
        Path file = dir.resolve("full.lacuna");
        ModelFiles.save(model, 0, file);
        byte[] bytes = Files.readAllBytes(file);
        Path cut = dir.resolve("cut.lacuna");
        Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        IOException e = assertThrows(IOException.class, () -> ModelFiles.load(cut));
        assertTrue(e.getMessage().contains("cut.lacuna"), e.getMessage());
    }

    @Test
    void theShippedModelOpensFromTheClassPathWithTheBitsNd4jsCodecRead() throws IOException {
        String resource = "/models/coco64.lacuna";
        ModelFile.Content content;
        try (InputStream in = ModelFileTest.class.getResourceAsStream(resource)) {
            assertNotNull(in, resource + " is on the class path");
            content = ModelFile.read(in, resource);
        }
        assertEquals("coco64", content.header().config().name());
        assertEquals(ModelFile.PARAMS, content.samplingGroup(), "a slim file samples with its weights");
        Hvae model = ModelFiles.forSampling(content, resource);
        assertEquals(model.parameterNames(), List.copyOf(content.samplingWeights().keySet()));

        // the file was written with ND4J's .npy codec: Npy reads every array of it bit for bit as ND4J did
        int arrays = 0;
        try (InputStream in = ModelFileTest.class.getResourceAsStream(resource);
             ZipInputStream zip = new ZipInputStream(in)) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                if (!entry.getName().endsWith(".npy")) {
                    continue;
                }
                INDArray nd4j = Nd4j.createNpyFromByteArray(zip.readAllBytes()).dup();
                String name = entry.getName();
                String group = name.substring(0, name.indexOf('/'));
                INDArray npy = content.group(group).get(name.substring(group.length() + 1, name.length() - 4));
                assertArrayEquals(nd4j.shape(), npy.shape(), name);
                assertArrayEquals(bits(nd4j), bits(npy), name);
                arrays++;
            }
        }
        assertEquals(model.parameterNames().size(), arrays);
    }

    @Test
    void aStreamReadsAsTheFileAndItsErrorsNameIt() throws IOException {
        Hvae model = Hvae.create(TinyConfigs.small(), 4);
        Path file = dir.resolve("m.lacuna");
        ModelFiles.save(model, 7, file);
        ModelFile.Content fromPath = ModelFile.read(file);
        ModelFile.Content fromStream = ModelFile.read(new ByteArrayInputStream(Files.readAllBytes(file)), "a stream");
        assertEquals(fromPath.header(), fromStream.header());
        for (String name : model.parameterNames()) {
            assertArrayEquals(bits(fromPath.group(ModelFile.PARAMS).get(name)),
                    bits(fromStream.group(ModelFile.PARAMS).get(name)), name);
        }
        // what this codec writes, ND4J's reads (files stay readable by builds that decoded with ND4J)
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(file))) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                if (entry.getName().endsWith(".npy")) {
                    String name = entry.getName().substring(ModelFile.PARAMS.length() + 1, entry.getName().length() - 4);
                    assertArrayEquals(bits(model.parameter(name)),
                            bits(Nd4j.createNpyFromByteArray(zip.readAllBytes()).dup()), name);
                }
            }
        }

        IOException e = assertThrows(IOException.class,
                () -> ModelFile.read(new ByteArrayInputStream("hello".getBytes()), "the shipped model"));
        assertTrue(e.getMessage().contains("the shipped model") && e.getMessage().contains("not a Lacuna model"),
                e.getMessage());
    }

    @Test
    void aFileSamplesWithItsEmaWeightsWhenItHasThem() throws IOException {
        ModelConfig config = TinyConfigs.small();
        Hvae live = Hvae.create(config, 1);
        Hvae ema = Hvae.create(config, 2);
        Path checkpoint = dir.resolve("checkpoint.lacuna");
        ModelFile.write(checkpoint, new ModelFile.Header(ModelFile.FORMAT, ModelFile.VERSION, config, 5, Map.of()),
                Map.of(ModelFile.PARAMS, live.parameters(), ModelFile.EMA, ema.parameters()));
        ModelFile.Content content = ModelFile.read(checkpoint);
        assertEquals(ModelFile.EMA, content.samplingGroup());
        assertEquals(ema.parameter("out.weight"), content.samplingWeights().get("out.weight"));
        assertEquals(ema.parameter("out.weight"), ModelFiles.load(checkpoint).parameter("out.weight"));

        Path plain = dir.resolve("plain.lacuna");
        ModelFile.write(plain, new ModelFile.Header(ModelFile.FORMAT, ModelFile.VERSION, config, 5, Map.of()),
                Map.of(ModelFile.PARAMS, live.parameters(), ModelFile.EMA, Map.of()));
        assertEquals(ModelFile.PARAMS, ModelFile.read(plain).samplingGroup(), "an empty EMA group is no EMA");
        assertEquals(live.parameter("out.weight"), ModelFiles.load(plain).parameter("out.weight"));
    }

    @Test
    void aModelFileSaysWhichHolesItsWeightsWereTrainedOn() throws IOException {
        ModelConfig config = TinyConfigs.small();
        Hvae model = Hvae.create(config, 1);
        Path old = dir.resolve("old.lacuna");
        ModelFile.write(old, new ModelFile.Header(ModelFile.FORMAT, ModelFile.VERSION, config, 5, Map.of()),
                Map.of(ModelFile.PARAMS, model.parameters()));
        assertEquals(MaskDistribution.CENTRE, ModelFile.read(old).masks("old"), "a file from before free-form holes");

        Path free = dir.resolve("free.lacuna");
        ModelFiles.save(model, 5, MaskDistribution.FREE_FORM, free);
        assertEquals(MaskDistribution.FREE_FORM, ModelFile.read(free).masks("free"));

        // a training checkpoint says it in its training section; its slim copy keeps it
        Path checkpoint = dir.resolve("latest.lacuna");
        String train = "{\"steps\": 10, \"masks\": \"free-form\"}";
        ModelFile.write(checkpoint, new ModelFile.Header(ModelFile.FORMAT, ModelFile.VERSION, config, 5,
                Map.of(ModelFile.TRAIN_SECTION, train)), Map.of(ModelFile.PARAMS, model.parameters(),
                ModelFile.EMA, model.parameters()));
        assertEquals(MaskDistribution.FREE_FORM, ModelFile.read(checkpoint).masks("latest"));
        Path slim = dir.resolve("slim.lacuna");
        ModelFiles.saveForSampling(checkpoint, slim, 100);
        assertEquals(MaskDistribution.FREE_FORM, ModelFile.read(slim).masks("slim"));

        Path bad = dir.resolve("bad.lacuna");
        ModelFile.write(bad, new ModelFile.Header(ModelFile.FORMAT, ModelFile.VERSION, config, 5,
                Map.of(ModelFile.MASKS, "triangles")), Map.of(ModelFile.PARAMS, model.parameters()));
        IOException e = assertThrows(IOException.class, () -> ModelFile.read(bad).masks(bad.toString()));
        assertTrue(e.getMessage().contains(bad.toString()) && e.getMessage().contains("triangles"), e.getMessage());
    }

    private static int[] bits(INDArray a) {
        float[] f = a.castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT).dup('c').data().asFloat();
        int[] bits = new int[f.length];
        for (int i = 0; i < f.length; i++) {
            bits[i] = Float.floatToRawIntBits(f[i]);
        }
        return bits;
    }
}
