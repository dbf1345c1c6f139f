package org.lacuna.train;

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
import org.lacuna.config.ModelConfig;
import org.lacuna.data.AtomicFiles;
import org.lacuna.model.Hvae;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Lacuna's model file ({@code .lacuna}): a zip holding {@code lacuna.json} (format, version, the full model
 * config, training step and any further sections) and one NumPy {@code .npy} array per named tensor, grouped in
 * folders: {@code params/} (the weights, float32, in the design's names and layout) and, in training checkpoints,
 * further groups such as the EMA weights and the optimizer's moments. A model is rebuilt from the file alone.
 */
public final class ModelFile {

    public static final String FORMAT = "lacuna-model";
    public static final int VERSION = 1;
    public static final String HEADER = "lacuna.json";
    public static final String PARAMS = "params";

    /** The JSON header. {@code sections} holds free-form JSON text of the writers that add state (trainer, notes). */
    public record Header(String format, int version, ModelConfig config, long step, Map<String, String> sections) {
    }

    /** A file's content: its header and its arrays by group and name. */
    public record Content(Header header, Map<String, Map<String, INDArray>> groups) {

        public Map<String, INDArray> group(String name) {
            return groups.getOrDefault(name, Map.of());
        }
    }

    private ModelFile() {
    }

    /** Saves a model's weights (and nothing else) with its config. */
    public static void save(Hvae model, long step, Path file) throws IOException {
        write(file, new Header(FORMAT, VERSION, model.config(), step, Map.of()), Map.of(PARAMS, model.parameters()));
    }

    /**
     * Writes a slim copy of a model file for sampling: the weights it samples with (the EMA of a checkpoint) as
     * its only group, with the same config and step. Returns the step.
     */
    public static long saveForSampling(Path source, Path target) throws IOException {
        Content content = read(source);
        Hvae model = loadForSampling(content, source);
        Header h = content.header();
        write(target, new Header(FORMAT, VERSION, h.config(), h.step(), Map.of()), Map.of(PARAMS, model.parameters()));
        return h.step();
    }

    /** Writes a file atomically. Arrays are stored as float32 for params-like groups of a float model. */
    public static void write(Path file, Header header, Map<String, Map<String, INDArray>> groups) throws IOException {
        AtomicFiles.write(file, out -> {
            try (ZipOutputStream zip = new ZipOutputStream(out)) {
                zip.putNextEntry(new ZipEntry(HEADER));
                zip.write(Json.write(header).getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
                for (Map.Entry<String, Map<String, INDArray>> group : groups.entrySet()) {
                    for (Map.Entry<String, INDArray> array : group.getValue().entrySet()) {
                        zip.putNextEntry(new ZipEntry(group.getKey() + "/" + array.getKey() + ".npy"));
                        zip.write(Nd4j.toNpyByteArray(array.getValue().castTo(DataType.FLOAT).dup('c')));
                        zip.closeEntry();
                    }
                }
            }
        });
    }

    /** Reads a file; a missing, corrupt or foreign file is an IOException whose message names it and the reason. */
    public static Content read(Path file) throws IOException {
        Header header = null;
        Map<String, Map<String, INDArray>> groups = new LinkedHashMap<>();
        try (InputStream in = Files.newInputStream(file); ZipInputStream zip = new ZipInputStream(in)) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                String name = entry.getName();
                byte[] bytes = zip.readAllBytes();
                if (name.equals(HEADER)) {
                    header = parseHeader(file, bytes);
                } else if (name.endsWith(".npy") && name.indexOf('/') > 0) {
                    String group = name.substring(0, name.indexOf('/'));
                    String key = name.substring(name.indexOf('/') + 1, name.length() - 4);
                    groups.computeIfAbsent(group, g -> new LinkedHashMap<>()).put(key, parseArray(file, name, bytes));
                }
            }
        } catch (NoSuchFileException e) {
            throw new IOException(file + ": no such file", e);
        } catch (ZipException | java.io.EOFException e) {
            throw new IOException(file + " is not a Lacuna model file or is damaged: " + e.getMessage(), e);
        }
        if (header == null) {
            throw new IOException(file + " is not a Lacuna model file (no " + HEADER + " inside)");
        }
        return new Content(header, groups);
    }

    /** The group that holds the EMA of the weights in training checkpoints. */
    public static final String EMA = "ema";

    /**
     * Rebuilds the model a file describes, for sampling and evaluation: with the EMA weights when the file is a
     * training checkpoint that has them, else with its weights.
     */
    public static Hvae load(Path file) throws IOException {
        return loadForSampling(read(file), file);
    }

    /** The model of content already read, with its EMA weights when it has them ({@code file} names it in errors). */
    public static Hvae loadForSampling(Content content, Path file) throws IOException {
        return load(content, content.group(EMA).isEmpty() ? PARAMS : EMA, file);
    }

    public static Hvae load(Content content, String group, Path file) throws IOException {
        Hvae model = Hvae.create(content.header().config(), 0);
        Map<String, INDArray> params = content.group(group);
        checkNames(file, model, params);
        try {
            model.setParameters(params);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
        return model;
    }

    private static void checkNames(Path file, Hvae model, Map<String, INDArray> params) throws IOException {
        var expected = new java.util.LinkedHashSet<>(model.parameterNames());
        var missing = new java.util.ArrayList<>(expected);
        missing.removeAll(params.keySet());
        var extra = new java.util.ArrayList<>(params.keySet());
        extra.removeAll(expected);
        if (!missing.isEmpty() || !extra.isEmpty()) {
            throw new IOException(file + " does not match its own config: missing " + missing + ", unexpected " + extra);
        }
    }

    private static Header parseHeader(Path file, byte[] bytes) throws IOException {
        Header header;
        try {
            header = Json.read(new String(bytes, StandardCharsets.UTF_8), Header.class);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + " has an unreadable header: " + e.getMessage(), e);
        }
        if (!FORMAT.equals(header.format())) {
            throw new IOException(file + " is not a Lacuna model file (format '" + header.format() + "')");
        }
        if (header.version() > VERSION) {
            throw new IOException(file + " was written by a newer Lacuna (format version " + header.version() + ")");
        }
        return header;
    }

    private static INDArray parseArray(Path file, String entry, byte[] bytes) throws IOException {
        try {
            return Nd4j.createNpyFromByteArray(bytes).dup();
        } catch (RuntimeException e) {
            throw new IOException(file + ": array " + entry + " is damaged (" + e.getMessage() + ")", e);
        }
    }
}
