package org.lacuna.corpus;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import org.lacuna.corpus.BadInputs.Entry;

/**
 * The bad-input corpus's model files and .npz files, made from valid ones ({@link BadInputs} has the images and the
 * entries' form).
 */
final class BadArchives {

    private BadArchives() {
    }

    // ---------------------------------------------------------------- model files

    /** Model files made from a valid one ({@code good}, a .lacuna). */
    static List<Entry> models(Path good) {
        List<Entry> e = new ArrayList<>();
        e.add(new Entry("truncated.lacuna", "damaged", f -> {
            byte[] b = Files.readAllBytes(good);
            Files.write(f, java.util.Arrays.copyOf(b, b.length / 2));
        }));
        e.add(new Entry("text.lacuna", "not a Lacuna model file", f -> Files.writeString(f, "hello\n")));
        e.add(new Entry("no-version.lacuna", "$.version is missing",
                f -> rewriteHeader(good, f, h -> h.replaceFirst("\"version\" *: *\\d+ *,", ""))));
        e.add(new Entry("newer-version.lacuna", "written by a newer Lacuna",
                f -> rewriteHeader(good, f, h -> h.replaceFirst("\"version\" *: *\\d+", "\"version\" : 99"))));
        e.add(new Entry("nan-weights.lacuna", "NaN or infinite", f -> poisonFirstArray(good, f)));
        e.add(new Entry("zip-bomb.lacuna", "unpacks to more than", f -> {
            try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(f))) {
                zip.putNextEntry(new ZipEntry("padding.bin"));
                byte[] zeros = new byte[1 << 20];
                for (int i = 0; i < 1100; i++) {
                    zip.write(zeros);
                }
                zip.closeEntry();
            }
        }));
        e.add(new Entry("duplicate-entries.lacuna", "appears twice", f -> duplicateHeader(good, f)));
        e.add(new Entry("path-traversal.lacuna", null, f -> {
            Map<String, byte[]> entries = entries(good);
            entries.put("../../../lacuna-corpus-escaped.txt", "escaped".getBytes(StandardCharsets.UTF_8));
            zip(entries, f);
        }));
        return e;
    }

    static Map<String, byte[]> entries(Path zipFile) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(zipFile))) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                entries.put(entry.getName(), zip.readAllBytes());
            }
        }
        return entries;
    }

    static void zip(Map<String, byte[]> entries, Path file) throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            for (Map.Entry<String, byte[]> en : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(en.getKey()));
                zip.write(en.getValue());
                zip.closeEntry();
            }
        }
    }

    private static void rewriteHeader(Path good, Path file, java.util.function.UnaryOperator<String> edit)
            throws IOException {
        Map<String, byte[]> entries = entries(good);
        String header = new String(entries.get(org.lacuna.store.ModelFile.HEADER), StandardCharsets.UTF_8);
        String edited = edit.apply(header);
        if (edited.equals(header)) {
            throw new IllegalStateException("the edit changed nothing in " + header);
        }
        entries.put(org.lacuna.store.ModelFile.HEADER, edited.getBytes(StandardCharsets.UTF_8));
        zip(entries, file);
    }

    /** The first array's first value set to NaN (the .npy data starts after its header; float32 little-endian). */
    private static void poisonFirstArray(Path good, Path file) throws IOException {
        Map<String, byte[]> entries = entries(good);
        for (Map.Entry<String, byte[]> en : entries.entrySet()) {
            if (en.getKey().endsWith(".npy")) {
                byte[] npy = en.getValue().clone();
                int offset = org.lacuna.store.Npy.header(npy).dataOffset();
                ByteBuffer.wrap(npy, offset, 4).order(ByteOrder.LITTLE_ENDIAN).putFloat(Float.NaN);
                en.setValue(npy);
                break;
            }
        }
        zip(entries, file);
    }

    /** The header twice: written as lacuna.json and lacunX.json, then the second's name patched in place. */
    private static void duplicateHeader(Path good, Path file) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>(entries(good));
        entries.put("lacunX.json", entries.get(org.lacuna.store.ModelFile.HEADER));
        zip(entries, file);
        byte[] bytes = Files.readAllBytes(file);
        byte[] from = "lacunX.json".getBytes(StandardCharsets.US_ASCII);
        int patched = 0;
        for (int i = 0; i + from.length <= bytes.length; i++) {
            if (java.util.Arrays.equals(bytes, i, i + from.length, from, 0, from.length)) {
                bytes[i + 5] = 'a';
                patched++;
            }
        }
        if (patched != 2) {
            throw new IllegalStateException("expected the name in the local and the central header, found " + patched);
        }
        Files.write(file, bytes);
    }

    // ---------------------------------------------------------------- .npz weights

    /** .npz files made from a valid one ({@code good}, float32 C-order arrays). */
    static List<Entry> npzs(Path good) {
        List<Entry> e = new ArrayList<>();
        e.add(new Entry("float64.npz", "float64", f -> editFirst(good, f, (h, data) -> npy("<f8", h.shape(), false,
                toFloat64(data)))));
        e.add(new Entry("big-endian.npz", "big-endian float32", f -> editFirst(good, f, (h, data) -> npy(">f4",
                h.shape(), false, swap(data)))));
        e.add(new Entry("fortran-order.npz", null, f -> editFirst(good, f, (h, data) -> npy("<f4", h.shape(), true,
                toFortran(data, h.shape())))));
        e.add(new Entry("huge-shape.npz", "instead of", f -> editFirst(good, f, (h, data) -> npy("<f4",
                new long[]{1_000_000, 1_000_000}, false, new byte[16]))));
        e.add(new Entry("truncated-data.npz", "damaged", f -> editFirst(good, f, (h, data) -> npy("<f4", h.shape(),
                false, java.util.Arrays.copyOf(data, data.length - 4)))));
        return e;
    }

    interface Edit {
        byte[] apply(org.lacuna.store.Npy.Header header, byte[] data) throws IOException;
    }

    private static void editFirst(Path good, Path file, Edit edit) throws IOException {
        Map<String, byte[]> entries = entries(good);
        for (Map.Entry<String, byte[]> en : entries.entrySet()) {
            byte[] npy = en.getValue();
            org.lacuna.store.Npy.Header h = org.lacuna.store.Npy.header(npy);
            if (h.shape().length >= 2) {
                byte[] data = java.util.Arrays.copyOfRange(npy, h.dataOffset(), npy.length);
                en.setValue(edit.apply(h, data));
                break;
            }
        }
        zip(entries, file);
    }

    /** A version 1.0 .npy: magic, header dict padded to 64 bytes, data. */
    static byte[] npy(String descr, long[] shape, boolean fortran, byte[] data) {
        StringBuilder dims = new StringBuilder();
        for (long d : shape) {
            dims.append(d).append(", ");
        }
        String dict = "{'descr': '" + descr + "', 'fortran_order': " + (fortran ? "True" : "False") + ", 'shape': ("
                + (shape.length == 1 ? dims.toString().trim() : dims.substring(0, Math.max(0, dims.length() - 2)))
                + "), }";
        int total = 10 + dict.length() + 1;
        int pad = (64 - total % 64) % 64;
        String header = dict + " ".repeat(pad) + "\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[]{(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
        out.writeBytes(ByteBuffer.allocate(2).order(ByteOrder.LITTLE_ENDIAN).putShort((short) header.length()).array());
        out.writeBytes(header.getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(data);
        return out.toByteArray();
    }

    private static byte[] toFloat64(byte[] f32) {
        ByteBuffer in = ByteBuffer.wrap(f32).order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer out = ByteBuffer.allocate(f32.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        while (in.remaining() >= 4) {
            out.putDouble(in.getFloat());
        }
        return out.array();
    }

    private static byte[] swap(byte[] f32) {
        byte[] out = new byte[f32.length];
        for (int i = 0; i + 3 < f32.length; i += 4) {
            out[i] = f32[i + 3];
            out[i + 1] = f32[i + 2];
            out[i + 2] = f32[i + 1];
            out[i + 3] = f32[i];
        }
        return out;
    }

    /** C-order float32 data of that shape, rewritten in Fortran (column-major) order. */
    static byte[] toFortran(byte[] c, long[] shape) {
        int n = c.length / 4;
        int[] dims = new int[shape.length];
        for (int i = 0; i < shape.length; i++) {
            dims[i] = (int) shape[i];
        }
        byte[] f = new byte[c.length];
        int[] index = new int[dims.length];
        for (int k = 0; k < n; k++) {
            // k is the C-order position of index; find its Fortran-order position
            int pos = 0, stride = 1;
            for (int d = 0; d < dims.length; d++) {
                pos += index[d] * stride;
                stride *= dims[d];
            }
            System.arraycopy(c, 4 * k, f, 4 * pos, 4);
            for (int d = dims.length - 1; d >= 0; d--) {
                if (++index[d] < dims[d]) {
                    break;
                }
                index[d] = 0;
            }
        }
        return f;
    }
}
