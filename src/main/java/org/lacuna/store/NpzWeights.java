package org.lacuna.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A model's weights as plain named arrays: a NumPy {@code .npz} (a zip of {@code NAME.npy} members, nothing
 * else), one float32 array per parameter under its design name ({@code E.c64.weight} [out, in, 3, 3],
 * {@code E.c64.bias} [out], ...; MODEL.md "Weight names and layout"), in the design's order. The same arrays as
 * a {@code .lacuna} file's {@code params/NAME.npy} members. No config is stored: an import names the config.
 */
public final class NpzWeights {

    /** Fixed member time stamps (1980-01-01 00:00, as numpy.savez writes), so equal weights give equal bytes. */
    private static final java.time.LocalDateTime MEMBER_TIME = java.time.LocalDateTime.of(1980, 1, 1, 0, 0);

    /** One member of an .npz: its parsed header and its bytes (data not yet converted). */
    private record Member(String name, Npy.Header header, byte[] bytes) {
    }

    private NpzWeights() {
    }

    /** Writes named arrays as float32 .npy members in the map's order, atomically (stored, not compressed). */
    public static void export(Map<String, INDArray> arrays, Path npz) throws IOException {
        List<String> names = new ArrayList<>(arrays.keySet());
        List<byte[]> encoded = new ArrayList<>(names.size());
        for (String name : names) {
            if (name.isEmpty()) {
                throw new IllegalArgumentException("an array name is empty");
            }
            encoded.add(Npy.encode(arrays.get(name)));
        }
        AtomicFiles.write(npz, out -> {
            try (ZipOutputStream zip = new ZipOutputStream(out)) {
                for (int i = 0; i < names.size(); i++) {
                    byte[] bytes = encoded.get(i);
                    ZipEntry entry = new ZipEntry(names.get(i) + ".npy");
                    entry.setMethod(ZipEntry.STORED);
                    entry.setSize(bytes.length);
                    entry.setCompressedSize(bytes.length);
                    CRC32 crc = new CRC32();
                    crc.update(bytes);
                    entry.setCrc(crc.getValue());
                    entry.setTimeLocal(MEMBER_TIME);
                    zip.putNextEntry(entry);
                    zip.write(bytes);
                    zip.closeEntry();
                }
            }
        });
    }

    /**
     * Reads every array of an .npz, in the file's order. Arrays that are not float32 are refused (all named,
     * with their types) rather than converted; a missing, corrupt or non-zip file, a member that is not a .npy
     * array, or a damaged array is an IOException naming the file.
     */
    public static Map<String, INDArray> read(Path npz) throws IOException {
        Map<String, Member> members = members(npz);
        Map<String, String> notFloat32 = notFloat32(members);
        if (!notFloat32.isEmpty()) {
            throw new WeightsMismatchException(npz, null, List.of(), List.of(), Map.of(), notFloat32);
        }
        Map<String, INDArray> arrays = new LinkedHashMap<>();
        for (Member m : members.values()) {
            arrays.put(m.name(), decode(npz, m));
        }
        return arrays;
    }

    /**
     * Reads the arrays a model expects, in the order of {@code shapes} (name to shape, in the design's layout):
     * every name must be present with its exact shape, as float32, and nothing else may be there; otherwise a
     * {@link WeightsMismatchException} lists every missing, extra, misshapen and non-float32 array, checked
     * against {@code target} (e.g. "fashion32 (every-level)"), and no array is converted.
     */
    public static Map<String, INDArray> read(Path npz, Map<String, long[]> shapes, String target) throws IOException {
        Map<String, Member> members = members(npz);
        List<String> missing = new ArrayList<>();
        Map<String, String> misshapen = new LinkedHashMap<>();
        for (Map.Entry<String, long[]> e : shapes.entrySet()) {
            Member m = members.get(e.getKey());
            if (m == null) {
                missing.add(e.getKey());
            } else if (!Arrays.equals(m.header().shape(), e.getValue())) {
                misshapen.put(e.getKey(), Arrays.toString(m.header().shape()) + " instead of "
                        + Arrays.toString(e.getValue()));
            }
        }
        List<String> extra = new ArrayList<>();
        for (String name : members.keySet()) {
            if (!shapes.containsKey(name)) {
                extra.add(name);
            }
        }
        Map<String, String> notFloat32 = notFloat32(members);
        if (!missing.isEmpty() || !extra.isEmpty() || !misshapen.isEmpty() || !notFloat32.isEmpty()) {
            throw new WeightsMismatchException(npz, target, missing, extra, misshapen, notFloat32);
        }
        Map<String, INDArray> values = new LinkedHashMap<>();
        for (String name : shapes.keySet()) {
            values.put(name, decode(npz, members.get(name)));
        }
        return values;
    }

    private static Map<String, String> notFloat32(Map<String, Member> members) {
        Map<String, String> wrong = new LinkedHashMap<>();
        for (Member m : members.values()) {
            if (!m.header().isFloat32()) {
                wrong.put(m.name(), m.header().descr() + " (" + Npy.describe(m.header().descr()) + ")");
            }
        }
        return wrong;
    }

    private static INDArray decode(Path npz, Member m) throws IOException {
        try {
            return Npy.decodeFloat32(m.bytes(), m.header());
        } catch (IOException e) {
            throw new IOException(npz + ": array " + m.name() + " is damaged: " + e.getMessage(), e);
        }
    }

    /** Every member's header and bytes, by name (the member name without ".npy"), in the file's order. */
    private static Map<String, Member> members(Path npz) throws IOException {
        if (!Files.exists(npz)) {
            throw new IOException(npz + ": no such file");
        }
        if (Files.isDirectory(npz)) {
            throw new IOException(npz + " is a folder, not an .npz file");
        }
        Map<String, Member> members = new LinkedHashMap<>();
        List<String> foreign = new ArrayList<>();
        long total = 0;
        try (ZipFile zip = new ZipFile(npz.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                String member = entry.getName();
                if (entry.isDirectory()) {
                    continue;
                }
                if (!member.endsWith(".npy")) {
                    foreign.add(member);
                    continue;
                }
                String name = member.substring(0, member.length() - 4);
                byte[] bytes;
                long room = Math.min(ModelFile.MAX_ENTRY_BYTES, ModelFile.MAX_TOTAL_BYTES - total);
                try (InputStream in = zip.getInputStream(entry)) {
                    bytes = ModelFile.readBounded(in, room);
                }
                if (bytes == null) {
                    throw new IOException(npz + ": member " + member + " unpacks to more than " + (room >> 20)
                            + " MB (no weights of these models are that large; the whole file is limited to "
                            + (ModelFile.MAX_TOTAL_BYTES >> 20) + " MB unpacked)");
                }
                total += bytes.length;
                CRC32 crc = new CRC32();
                crc.update(bytes);
                if (entry.getCrc() != -1 && entry.getCrc() != crc.getValue()) {
                    throw new IOException(npz + " is damaged: member " + member + " fails its checksum");
                }
                Npy.Header header;
                try {
                    header = Npy.header(bytes);
                } catch (IOException e) {
                    throw new IOException(npz + ": member " + member + " is damaged: " + e.getMessage(), e);
                }
                if (members.put(name, new Member(name, header, bytes)) != null) {
                    throw new IOException(npz + ": the array " + name + " appears twice");
                }
            }
        } catch (NoSuchFileException e) {
            throw new IOException(npz + ": no such file", e);
        } catch (ZipException | java.io.EOFException e) {
            throw new IOException(npz + " is not an .npz file or is damaged: " + e.getMessage(), e);
        }
        if (!foreign.isEmpty()) {
            String hint = foreign.contains(ModelFile.HEADER)
                    ? " (it is a Lacuna model file: use it with --model, or export it to .npz first)" : "";
            throw new IOException(npz + " is not a plain .npz: members that are not .npy arrays: "
                    + String.join(", ", foreign) + hint);
        }
        return members;
    }
}
