package org.lacuna.store;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.lacuna.config.Json;
import org.lacuna.config.RunConfig;

/**
 * A run folder: {@code config.json} (model and training config), {@code metrics.jsonl} (one JSON object a line:
 * every {@link StepRecord} and {@link ValidationRecord}, enough to redraw every chart of the run),
 * {@code checkpoints/latest.lacuna} and {@code checkpoints/best.lacuna} (model files, {@link ModelFile}),
 * {@code snapshots/} and {@code previews/}.
 */
public final class RunDirectory {

    public static final String CONFIG = "config.json";
    public static final String METRICS = "metrics.jsonl";

    private final Path root;

    public RunDirectory(Path root) {
        this.root = root.toAbsolutePath();
    }

    public Path root() {
        return root;
    }

    public Path configFile() {
        return root.resolve(CONFIG);
    }

    public Path metricsFile() {
        return root.resolve(METRICS);
    }

    public Path latestCheckpoint() {
        return root.resolve("checkpoints").resolve("latest.lacuna");
    }

    public Path bestCheckpoint() {
        return root.resolve("checkpoints").resolve("best.lacuna");
    }

    /** Where slim copies of the EMA weights go every {@code snapshotEvery} steps. */
    public Path snapshot(long step) {
        return root.resolve("snapshots").resolve(String.format("step-%07d.lacuna", step));
    }

    public Path previews() {
        return root.resolve("previews");
    }

    /** The preview grid of a step: {@code previews/step-NNNNNNN.png}. */
    public Path preview(long step) {
        return previews().resolve(String.format("step-%07d.png", step));
    }

    /** Whether a file name is that of a preview grid. */
    public static boolean isPreviewName(String fileName) {
        return fileName.matches("step-\\d+\\.png");
    }

    public boolean exists() {
        return Files.isRegularFile(configFile());
    }

    /**
     * Deletes what writes cut short left behind (AtomicFiles' hidden {@code .NAME.*.partial} files in the run folder,
     * its checkpoints and previews): a process killed while writing leaves one, and nothing else removes it. Call
     * only while no process writes to the run. Returns how many were deleted.
     */
    public int removeUnfinishedWrites() throws IOException {
        int removed = 0;
        for (Path folder : new Path[]{root, root.resolve("checkpoints"), root.resolve("snapshots"), previews()}) {
            if (!Files.isDirectory(folder)) {
                continue;
            }
            try (var files = Files.list(folder)) {
                for (Path f : files.toList()) {
                    String name = f.getFileName().toString();
                    if (name.startsWith(".") && name.endsWith(AtomicFiles.PARTIAL) && Files.isRegularFile(f)) {
                        Files.deleteIfExists(f);
                        removed++;
                    }
                }
            }
        }
        return removed;
    }

    public void writeConfig(RunConfig config) throws IOException {
        AtomicFiles.writeString(configFile(), Json.write(config));
    }

    public RunConfig readConfig() throws IOException {
        try {
            String text;
            try {
                text = Files.readString(configFile());
            } catch (java.nio.charset.CharacterCodingException e) {
                throw new IOException(configFile() + ": not a text file (its bytes are not UTF-8 text)", e);
            }
            JsonNode tree = Json.mapper().readTree(text);
            if (!(tree instanceof ObjectNode)) {
                throw new IOException(configFile() + ": not a run configuration ("
                        + (text.isBlank() ? "the file is empty" : "not a JSON object") + ")");
            }
            if (tree instanceof ObjectNode o && o.get("train") instanceof ObjectNode train) {
                org.lacuna.config.TrainConfig.upgradeLegacy(train);
            }
            return Json.read(Json.mapper().writeValueAsString(tree), RunConfig.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IOException(configFile() + ": not valid JSON: " + Json.describe(e), e);
        } catch (IllegalArgumentException e) {
            throw new IOException(configFile() + ": " + e.getMessage(), e);
        }
    }

    /** Appends records to metrics.jsonl, one line each, flushed per line. */
    public MetricsWriter openMetrics() throws IOException {
        Files.createDirectories(root);
        return new MetricsWriter(Files.newBufferedWriter(metricsFile(), StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND));
    }

    /**
     * Drops every record past a step (a run killed after its last checkpoint logged steps that the resumed run will
     * do again) and any torn last line; rewritten atomically.
     */
    public void truncateMetricsAfter(long step) throws IOException {
        if (!Files.exists(metricsFile())) {
            return;
        }
        StringBuilder kept = new StringBuilder();
        for (String line : readLines(metricsFile())) {
            JsonNode node = parse(line);
            if (node != null && node.path("step").asLong(Long.MAX_VALUE) <= step) {
                kept.append(line).append('\n');
            }
        }
        AtomicFiles.writeString(metricsFile(), kept.toString());
    }

    /** The highest step metrics.jsonl records (0 when it has none). */
    public long lastLoggedStep() throws IOException {
        long last = 0;
        if (!Files.exists(metricsFile())) {
            return 0;
        }
        for (String line : readLines(metricsFile())) {
            JsonNode node = parse(line);
            if (node != null) {
                last = Math.max(last, node.path("step").asLong(0));
            }
        }
        return last;
    }

    /** A text file's lines; a file that is not UTF-8 text is an IOException that names it and says so. */
    private static List<String> readLines(Path file) throws IOException {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new IOException(file + ": not a text file (its bytes are not UTF-8 text); move it aside", e);
        }
    }

    /** The run's records, in order: StepRecord and ValidationRecord objects. A torn or foreign line is skipped. */
    public List<Object> readMetrics() throws IOException {
        List<Object> records = new ArrayList<>();
        if (!Files.exists(metricsFile())) {
            return records;
        }
        for (String line : readLines(metricsFile())) {
            JsonNode node = parse(line);
            if (node == null) {
                continue;
            }
            String type = node.path("type").asText();
            ((ObjectNode) node).remove("type");
            try {
                if (type.equals("step")) {
                    records.add(Json.mapper().treeToValue(node, StepRecord.class));
                } else if (type.equals("validation")) {
                    records.add(Json.mapper().treeToValue(node, ValidationRecord.class));
                }
            } catch (IOException | IllegalArgumentException e) {
                // a line of another version or a torn line: skipped
            }
        }
        return records;
    }

    private static JsonNode parse(String line) {
        if (line.isBlank()) {
            return null;
        }
        try {
            JsonNode node = Json.mapper().readTree(line);
            return node instanceof ObjectNode ? node : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** The open metrics file. */
    public static final class MetricsWriter implements AutoCloseable {
        private final BufferedWriter out;

        private MetricsWriter(BufferedWriter out) {
            this.out = out;
        }

        public void write(Object record) throws IOException {
            ObjectNode node = Json.mapper().createObjectNode();
            node.put("type", record instanceof StepRecord ? "step" : "validation");
            node.setAll((ObjectNode) Json.mapper().valueToTree(record));
            out.write(Json.mapper().writer().without(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(node));
            out.write('\n');
            out.flush();
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }
}
