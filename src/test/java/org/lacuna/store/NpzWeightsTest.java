package org.lacuna.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lacuna.config.ModelConfig;
import org.lacuna.config.SampleConfig;
import org.lacuna.data.Raster;
import org.lacuna.model.Hvae;
import org.lacuna.model.LossTerms;
import org.lacuna.model.ModelFiles;
import org.lacuna.model.TinyConfigs;
import org.lacuna.sample.Inpainter;
import org.lacuna.train.TestBatches;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class NpzWeightsTest {

    @TempDir
    Path dir;

    @Test
    void exportThenImportGivesTheSameBitsTheSameLossAndTheSameSamples() throws IOException {
        ModelConfig config = TinyConfigs.small();
        Hvae model = Hvae.create(config, 17);
        Path npz = dir.resolve("w.npz");
        ModelFiles.exportNpz(model, npz);

        // plain named float32 arrays in the design's order and layout, nothing else
        try (ZipFile zip = new ZipFile(npz.toFile())) {
            List<String> members = zip.stream().map(java.util.zip.ZipEntry::getName).toList();
            assertEquals(model.parameterNames().stream().map(n -> n + ".npy").toList(), members);
            for (String name : model.parameterNames()) {
                Npy.Header h = Npy.header(zip.getInputStream(zip.getEntry(name + ".npy")).readAllBytes());
                assertEquals("<f4", h.descr());
                assertFalse(h.fortranOrder());
                assertArrayEquals(model.parameter(name).shape(), h.shape());
                assertEquals(0, h.dataOffset() % 64, "header padded as NumPy pads it");
            }
        }

        Hvae imported = ModelFiles.importNpz(config, npz);
        for (String name : model.parameterNames()) {
            assertArrayEquals(bits(model.parameter(name)), bits(imported.parameter(name)), name);
        }
        INDArray x = TestBatches.images(config, 3, 5);
        INDArray[] eps = TestBatches.noise(config, 3, 6);
        LossTerms a = model.evaluate(x, eps, 1.0);
        LossTerms b = imported.evaluate(x, eps, 1.0);
        assertEquals(a.loss(), b.loss(), 0.0);
        assertEquals(a.bpd(), b.bpd(), 0.0);
        Raster window = org.lacuna.data.Tensors.toRaster(x, 0);
        SampleConfig request = SampleConfig.of(9, 2, 1, 2);
        assertEquals(new Inpainter(model).sample(window, request).leaves(),
                new Inpainter(imported).sample(window, request).leaves());

        // the same weights give the same bytes, and read() gives the same arrays
        Path again = dir.resolve("again.npz");
        ModelFiles.exportNpz(imported, again);
        assertArrayEquals(Files.readAllBytes(npz), Files.readAllBytes(again));
        Map<String, INDArray> read = NpzWeights.read(npz);
        assertEquals(model.parameterNames(), new ArrayList<>(read.keySet()));
        try (var files = Files.list(dir)) {
            assertEquals(2, files.count(), "no temporary file is left behind");
        }
    }

    @Test
    void readsWhatNumpyWrites() throws Exception {
        for (String file : new String[]{"numpy-float32.npz", "numpy-float32-compressed.npz"}) {
            Map<String, INDArray> arrays = NpzWeights.read(resource(file));
            assertEquals(List.of("a", "f.weight", "conv.weight", "conv.bias", "s"), new ArrayList<>(arrays.keySet()));
            INDArray a = arrays.get("a");
            assertArrayEquals(new long[]{2, 3}, a.shape());
            assertEquals(Float.floatToRawIntBits(-0.0f), Float.floatToRawIntBits(a.getFloat(0, 0)));
            assertEquals(-0.5f, a.getFloat(0, 1), 0f);
            assertEquals(1.0f, a.getFloat(1, 1), 0f);
            assertEquals(Float.MIN_VALUE, a.getFloat(1, 2), 0f);
            INDArray f = arrays.get("f.weight"); // stored in Fortran order: values by (row, column) all the same
            for (int r = 0; r < 3; r++) {
                for (int c = 0; c < 2; c++) {
                    assertEquals(2 * r + c + 0.25f, f.getFloat(r, c), 0f);
                }
            }
            INDArray w = arrays.get("conv.weight");
            assertArrayEquals(new long[]{2, 3, 3, 3}, w.shape());
            assertEquals((float) Math.sin(1 * 27 + 2 * 9 + 1 * 3 + 2), w.getFloat(1, 2, 1, 2), 1e-6f);
            assertArrayEquals(new long[]{2}, arrays.get("conv.bias").shape());
            assertEquals(0, arrays.get("s").rank());
            assertEquals(2.5f, arrays.get("s").getFloat(0), 0f);
        }
        // what Lacuna writes is byte for byte what numpy.savez writes for a C-order float32 array
        try (ZipFile zip = new ZipFile(resource("numpy-float32.npz").toFile())) {
            byte[] numpy = zip.getInputStream(zip.getEntry("conv.weight.npy")).readAllBytes();
            assertArrayEquals(numpy, Npy.encode(NpzWeights.read(resource("numpy-float32.npz")).get("conv.weight")));
        }
    }

    @Test
    void arraysThatAreNotFloat32AreRefusedByNameAndType() throws Exception {
        WeightsMismatchException e = assertThrows(WeightsMismatchException.class,
                () -> NpzWeights.read(resource("numpy-mixed.npz")));
        assertEquals(List.of("d", "i", "h", "be"), new ArrayList<>(e.notFloat32().keySet()));
        for (String part : new String[]{"numpy-mixed.npz", "d <f8 (float64)", "i <i8 (int64)", "h <f2 (float16)",
                "be >f4 (big-endian float32)"}) {
            assertTrue(e.getMessage().contains(part), e.getMessage());
        }
        assertFalse(e.getMessage().contains("ok "), e.getMessage());
    }

    @Test
    void importRefusesEveryMissingExtraMisshapenAndNonFloatArrayAtOnce() throws IOException {
        ModelConfig config = TinyConfigs.tiny(org.lacuna.config.Conditioning.EVERY_LEVEL);
        Hvae model = Hvae.create(config, 3);
        Map<String, byte[]> members = new LinkedHashMap<>();
        for (Map.Entry<String, INDArray> p : model.parameters().entrySet()) {
            members.put(p.getKey(), Npy.encode(p.getValue()));
        }
        members.remove("q1.weight");
        members.remove("out.bias");
        members.put("h2.weight", Npy.encode(Nd4j.zeros(DataType.FLOAT, 4, 8, 3, 3)));
        members.put("p1.bias", Npy.encode(Nd4j.zeros(DataType.FLOAT, 4, 1)));
        members.put("E.c8.bias", npy("<f8", new long[]{3}, new byte[24]));
        members.put("ema.q1.weight", Npy.encode(Nd4j.zeros(DataType.FLOAT, 1)));
        members.put("optimizer", Npy.encode(Nd4j.zeros(DataType.FLOAT, 2)));
        Path npz = dir.resolve("bad.npz");
        writeNpz(npz, members);

        Hvae target = Hvae.create(config, 4);
        INDArray before = target.parameter("E.c4.weight").dup();
        WeightsMismatchException e = assertThrows(WeightsMismatchException.class, () -> ModelFiles.loadNpz(target, npz));
        assertEquals(List.of("q1.weight", "out.bias"), e.missing());
        assertEquals(List.of("ema.q1.weight", "optimizer"), e.extra());
        assertEquals(List.of("h2.weight", "p1.bias"), new ArrayList<>(e.misshapen().keySet()));
        assertEquals("[4, 8, 3, 3] instead of [4, 7, 3, 3]", e.misshapen().get("h2.weight"));
        assertEquals(List.of("E.c8.bias"), new ArrayList<>(e.notFloat32().keySet()));
        for (String part : new String[]{"bad.npz", "tiny (every-level)", "q1.weight", "out.bias", "ema.q1.weight",
                "optimizer", "h2.weight [4, 8, 3, 3] instead of [4, 7, 3, 3]", "p1.bias [4, 1] instead of [4]",
                "E.c8.bias <f8 (float64)"}) {
            assertTrue(e.getMessage().contains(part), e.getMessage());
        }
        assertEquals(before, target.parameter("E.c4.weight"), "nothing is loaded when the file does not fit");
    }

    @Test
    void aCorruptOrForeignFileIsAClearErrorNamingIt() throws IOException {
        Path text = dir.resolve("notes.npz");
        Files.writeString(text, "hello");
        assertMessage(text, "notes.npz", "not an .npz");

        Hvae model = Hvae.create(TinyConfigs.tiny(org.lacuna.config.Conditioning.TOP_ONLY), 1);
        Path full = dir.resolve("full.npz");
        ModelFiles.exportNpz(model, full);
        byte[] bytes = Files.readAllBytes(full);
        Path cut = dir.resolve("cut.npz");
        Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        assertMessage(cut, "cut.npz", "not an .npz");

        // one flipped bit in an array's data: the member's checksum catches it
        Path flipped = dir.resolve("flipped.npz");
        bytes[200] ^= 0x10;
        Files.write(flipped, bytes);
        assertMessage(flipped, "flipped.npz", "damaged");

        // an array whose header promises more data than it has
        Path shortData = dir.resolve("short.npz");
        byte[] header = npy("<f4", new long[]{4}, new byte[12]);
        writeNpz(shortData, Map.of("x", header));
        assertMessage(shortData, "short.npz", "x is damaged");

        Path lacuna = dir.resolve("m.lacuna");
        ModelFiles.save(model, 0, lacuna);
        assertMessage(lacuna, "m.lacuna", "Lacuna model file");

        assertMessage(dir.resolve("absent.npz"), "absent.npz", "no such file");
    }

    // ---------------------------------------------------------------- helpers

    private static void assertMessage(Path file, String... parts) {
        IOException e = assertThrows(IOException.class, () -> NpzWeights.read(file));
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), e.getMessage());
        }
    }

    private static Path resource(String name) throws Exception {
        return Path.of(NpzWeightsTest.class.getResource(name).toURI());
    }

    private static int[] bits(INDArray a) {
        float[] f = a.dup('c').data().asFloat();
        int[] bits = new int[f.length];
        for (int i = 0; i < f.length; i++) {
            bits[i] = Float.floatToRawIntBits(f[i]);
        }
        return bits;
    }

    /** A .npy with any type string and raw data, as another program might write it. */
    static byte[] npy(String descr, long[] shape, byte[] data) {
        String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + Npy.pythonTuple(shape) + ", }";
        int pad = (64 - (10 + dict.length() + 1) % 64) % 64;
        byte[] header = (dict + " ".repeat(pad) + "\n").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(10 + header.length + data.length)
                .order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[]{(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) header.length).put(header)
                .put(data);
        return b.array();
    }

    static void writeNpz(Path file, Map<String, byte[]> members) throws IOException {
        try (var zip = new java.util.zip.ZipOutputStream(Files.newOutputStream(file))) {
            for (Map.Entry<String, byte[]> m : members.entrySet()) {
                zip.putNextEntry(new java.util.zip.ZipEntry(m.getKey() + ".npy"));
                zip.write(m.getValue());
                zip.closeEntry();
            }
        }
    }
}
