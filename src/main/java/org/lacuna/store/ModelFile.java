package org.lacuna.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import org.lacuna.config.Json;
import org.lacuna.config.MaskDistribution;
import org.lacuna.config.ModelConfig;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Lacuna's model file ({@code .lacuna}): a zip holding {@code lacuna.json} (format, version, the full model
 * config, training step and any further sections) and one NumPy {@code .npy} array ({@link Npy}, float32) per
 * named tensor, grouped in folders: {@code params/} (the weights, in the design's names and layout) and, in
 * training checkpoints, further groups such as the EMA weights ({@code ema/}) and the optimizer's moments. This
 * class reads and writes the content; {@code org.lacuna.model.ModelFiles} builds a model from it.
 */
public final class ModelFile {

    public static final String FORMAT = "lacuna-model";
    public static final int VERSION = 1;
    public static final String HEADER = "lacuna.json";
    /** The group of the weights. */
    public static final String PARAMS = "params";
    /** The group that holds the EMA of the weights in training checkpoints. */
    public static final String EMA = "ema";

    /** The JSON header. {@code sections} holds free-form JSON text of the writers that add state (trainer, notes). */
    public record Header(String format, int version, ModelConfig config, long step, Map<String, String> sections) {
    }

    /** A file's content: its header and its arrays by group and name. */
    public record Content(Header header, Map<String, Map<String, INDArray>> groups) {

        public Map<String, INDArray> group(String name) {
            return groups.getOrDefault(name, Map.of());
        }

        /**
         * The group a file samples with: its EMA weights when it has a non-empty {@link #EMA} group (a training
         * checkpoint), else its {@link #PARAMS}.
         */
        public String samplingGroup() {
            return group(EMA).isEmpty() ? PARAMS : EMA;
        }

        /** The weights of {@link #samplingGroup()}. */
        public Map<String, INDArray> samplingWeights() {
            return group(samplingGroup());
        }

        /**
         * The holes the weights were trained on: the {@link #MASKS} section (a slim model or a snapshot), else the
         * {@code masks} of a checkpoint's training section, else the model's own hole (every file written before
         * free-form training existed, and imported weights). An unknown name is an IOException naming the file.
         */
        public MaskDistribution masks(String source) throws IOException {
            try {
                String own = header.sections().get(MASKS);
                if (own != null) {
                    return MaskDistribution.parse(own);
                }
                String train = header.sections().get(TRAIN_SECTION);
                if (train != null) {
                    com.fasterxml.jackson.databind.JsonNode node = Json.mapper().readTree(train).get("masks");
                    if (node != null && !node.isNull()) {
                        return MaskDistribution.parse(node.asText());
                    }
                }
                return MaskDistribution.CENTRE;
            } catch (IllegalArgumentException | com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IOException(source + ": unreadable mask distribution: " + e.getMessage(), e);
            }
        }
    }

    /** The section that names the holes a model's weights were trained on ({@link MaskDistribution#label()}). */
    public static final String MASKS = "masks";
    /** A training checkpoint's section with the run's training configuration (written by the trainer). */
    public static final String TRAIN_SECTION = "train";

    private ModelFile() {
    }

    /**
     * Writes a file of weights with their config, step and the holes they were trained on ({@link #MASKS}),
     * atomically.
     */
    public static void writeWeights(Path file, ModelConfig config, long step, MaskDistribution masks,
            Map<String, INDArray> params) throws IOException {
        write(file, new Header(FORMAT, VERSION, config, step, Map.of(MASKS, masks.label())), Map.of(PARAMS, params));
    }

    /** Writes a file atomically. Every array is stored as float32 in C order. */
    public static void write(Path file, Header header, Map<String, Map<String, INDArray>> groups) throws IOException {
        AtomicFiles.write(file, out -> {
            try (ZipOutputStream zip = new ZipOutputStream(out)) {
                zip.putNextEntry(new ZipEntry(HEADER));
                zip.write(Json.write(header).getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
                for (Map.Entry<String, Map<String, INDArray>> group : groups.entrySet()) {
                    for (Map.Entry<String, INDArray> array : group.getValue().entrySet()) {
                        zip.putNextEntry(new ZipEntry(group.getKey() + "/" + array.getKey() + ".npy"));
                        zip.write(Npy.encode(array.getValue()));
                        zip.closeEntry();
                    }
                }
            }
        });
    }

    /** Reads a file; a missing, corrupt or foreign file is an IOException whose message names it and the reason. */
    public static Content read(Path file) throws IOException {
        requireRegularFile(file, "a model file");
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        } catch (NoSuchFileException e) {
            throw new IOException(file + ": no such file", e);
        }
    }

    /**
     * Refuses at once what is not a plain file (a folder, a named pipe that would block the read forever, a device),
     * naming it: {@code what} says what was expected ("a model file").
     */
    public static void requireRegularFile(Path file, String what) throws IOException {
        if (Files.isRegularFile(file)) {
            return;
        }
        if (Files.isDirectory(file)) {
            throw new IOException(file + " is a folder, not " + what);
        }
        if (Files.exists(file)) {
            throw new IOException(file + " is not a regular file (a named pipe, a device or a socket), not " + what);
        }
        throw new IOException(file + ": no such file");
    }

    /**
     * Reads a file from a stream (a class-path resource, say) and closes the stream; {@code name} names it in
     * errors, which are IOExceptions with the reason, as for a file.
     */
    public static Content read(InputStream in, String name) throws IOException {
        Header header = null;
        Map<String, Map<String, INDArray>> groups = new LinkedHashMap<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        long total = 0;
        try (ZipInputStream zip = new ZipInputStream(in)) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                String entryName = entry.getName();
                if (!seen.add(entryName)) {
                    throw new IOException(name + " is damaged: the entry " + entryName + " appears twice");
                }
                long room = Math.min(MAX_ENTRY_BYTES, MAX_TOTAL_BYTES - total);
                byte[] bytes = readBounded(zip, room);
                if (bytes == null) {
                    throw new IOException(name + " is not a Lacuna model file: " + entryName + " unpacks to more than "
                            + (room >> 20) + " MB (a model's largest array is a few MB; the whole file is limited to "
                            + (MAX_TOTAL_BYTES >> 20) + " MB unpacked)");
                }
                total += bytes.length;
                if (entryName.equals(HEADER)) {
                    header = parseHeader(name, bytes);
                } else if (entryName.endsWith(".npy") && entryName.indexOf('/') > 0) {
                    String group = entryName.substring(0, entryName.indexOf('/'));
                    String key = entryName.substring(entryName.indexOf('/') + 1, entryName.length() - 4);
                    groups.computeIfAbsent(group, g -> new LinkedHashMap<>())
                            .put(key, parseArray(name, entryName, bytes));
                }
            }
        } catch (ZipException | java.io.EOFException e) {
            throw new IOException(name + " is not a Lacuna model file or is damaged: " + e.getMessage(), e);
        }
        if (header == null) {
            throw new IOException(name + " is not a Lacuna model file (no " + HEADER + " inside)");
        }
        return new Content(header, groups);
    }

    /** The most one entry may unpack to: far above any model's largest array, far below the heap. */
    static final long MAX_ENTRY_BYTES = 256L << 20;
    /** The most a whole file may unpack to. */
    static final long MAX_TOTAL_BYTES = 1024L << 20;

    /** The entry's bytes, or null when it holds more than {@code limit} (read no further than that). */
    static byte[] readBounded(InputStream in, long limit) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        byte[] buffer = new byte[1 << 16];
        long read = 0;
        int n;
        while ((n = in.read(buffer)) > 0) {
            read += n;
            if (read > limit) {
                return null;
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    private static Header parseHeader(String name, byte[] bytes) throws IOException {
        Header header;
        try {
            header = Json.read(new String(bytes, StandardCharsets.UTF_8), Header.class);
        } catch (IllegalArgumentException e) {
            throw new IOException(name + " is not a Lacuna model file, or is damaged: in its header " + HEADER + ", "
                    + e.getMessage(), e);
        }
        if (!FORMAT.equals(header.format())) {
            throw new IOException(name + " is not a Lacuna model file (format '" + header.format() + "')");
        }
        if (header.version() > VERSION) {
            throw new IOException(name + " was written by a newer Lacuna (model format version " + header.version()
                    + "; this one reads up to " + VERSION + "): update Lacuna to open it");
        }
        return header;
    }

    private static INDArray parseArray(String name, String entry, byte[] bytes) throws IOException {
        INDArray array;
        try {
            array = Npy.decodeFloat32(bytes, Npy.header(bytes));
        } catch (IOException | RuntimeException e) {
            throw new IOException(name + ": array " + entry + " is damaged (" + e.getMessage() + ")", e);
        }
        long bad = array.length() == 0 ? 0 : array.neq(array).castTo(org.nd4j.linalg.api.buffer.DataType.INT)
                .sumNumber().longValue() + org.nd4j.linalg.ops.transforms.Transforms.abs(array, true)
                .gt(Float.MAX_VALUE).castTo(org.nd4j.linalg.api.buffer.DataType.INT).sumNumber().longValue();
        if (bad > 0) {
            throw new IOException(name + ": array " + entry + " holds " + bad + " NaN or infinite values: the weights"
                    + " are broken (a training that diverged?)");
        }
        return array;
    }
}
