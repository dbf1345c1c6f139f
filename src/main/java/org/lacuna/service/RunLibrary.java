package org.lacuna.service;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

import org.lacuna.config.Json;
import org.lacuna.config.RunConfig;
import org.lacuna.data.Images;
import org.lacuna.store.RunDirectory;
import org.lacuna.store.StepRecord;
import org.lacuna.store.ValidationRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Run folders on disk: listing them, and reading one's metrics and last preview as service records. */
final class RunLibrary {

    private static final Logger LOG = LoggerFactory.getLogger(RunLibrary.class);
    /** Bytes read from the end of metrics.jsonl to find the last step (a line is a few hundred bytes). */
    private static final int TAIL = 16 * 1024;

    private RunLibrary() {
    }

    /** The run folders directly under root, the most recently active first; a folder that is not a run is left out. */
    static List<RunSummary> list(Path root) throws IOException {
        return listing(root).runs();
    }

    /** As {@link #list}, with a line for each run folder that cannot be read (its file and the reason). */
    static RunListing listing(Path root) throws IOException {
        List<RunSummary> runs = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return new RunListing(runs, unreadable);
        }
        try (Stream<Path> children = Files.list(root)) {
            for (Path folder : children.sorted().toList()) {
                if (!new RunDirectory(folder).exists()) {
                    continue;
                }
                try {
                    runs.add(summary(folder));
                } catch (IOException | RuntimeException e) {
                    LOG.warn("skipping run folder {}: {}", folder, e.getMessage());
                    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                    unreadable.add(message.startsWith(folder.toString()) ? message : folder + ": " + message);
                }
            }
        }
        runs.sort(Comparator.comparing(RunSummary::modified).reversed());
        return new RunListing(runs, unreadable);
    }

    static RunSummary summary(Path folder) throws IOException {
        RunDirectory dir = new RunDirectory(folder);
        RunConfig config = dir.readConfig();
        Path metrics = dir.metricsFile();
        Path stamp = Files.exists(metrics) ? metrics : dir.configFile();
        return new RunSummary(dir.root(), config, lastStep(metrics),
                Files.isRegularFile(dir.latestCheckpoint()) ? dir.latestCheckpoint() : null,
                Files.isRegularFile(dir.bestCheckpoint()) ? dir.bestCheckpoint() : null,
                Files.getLastModifiedTime(stamp).toInstant());
    }

    /** The run's metrics as service records, and its newest preview grid. */
    static RunHistory history(Path folder) throws IOException {
        RunDirectory dir = new RunDirectory(folder);
        if (!dir.exists()) {
            throw new IOException(folder + " is not a run folder (it has no " + RunDirectory.CONFIG + ")");
        }
        List<TrainingEvent.Step> steps = new ArrayList<>();
        List<TrainingEvent.Validation> validations = new ArrayList<>();
        for (Object record : dir.readMetrics()) {
            if (record instanceof StepRecord s) {
                steps.add(step(s));
            } else if (record instanceof ValidationRecord v) {
                validations.add(validation(v));
            }
        }
        return new RunHistory(summary(folder), steps, validations, lastPreview(dir));
    }

    static TrainingEvent.Step step(StepRecord r) {
        return new TrainingEvent.Step(r.step(), r.loss(), r.recon(), r.kl(), r.bpd(), r.beta(), r.gradNorm(),
                r.skipped(), r.skips(), r.imagesPerSecond(), r.elapsedSeconds());
    }

    static TrainingEvent.Validation validation(ValidationRecord r) {
        return new TrainingEvent.Validation(r.step(), r.recon(), r.kl(), r.bpd(), r.images(), r.best());
    }

    private static Picture lastPreview(RunDirectory dir) {
        if (!Files.isDirectory(dir.previews())) {
            return null;
        }
        try (Stream<Path> files = Files.list(dir.previews())) {
            Path last = files.filter(f -> RunDirectory.isPreviewName(f.getFileName().toString()))
                    .max(Comparator.comparing(f -> f.getFileName().toString())).orElse(null);
            return last == null ? null : Pictures.of(Images.read(last, 3));
        } catch (IOException e) {
            LOG.warn("cannot read the previews of {}: {}", dir.root(), e.getMessage());
            return null;
        }
    }

    /** The step of the last step record in metrics.jsonl, read from its end; 0 when there is none. */
    static long lastStep(Path metrics) throws IOException {
        if (!Files.isRegularFile(metrics)) {
            return 0;
        }
        byte[] tail;
        try (RandomAccessFile file = new RandomAccessFile(metrics.toFile(), "r")) {
            long length = file.length();
            int n = (int) Math.min(length, TAIL);
            tail = new byte[n];
            file.seek(length - n);
            file.readFully(tail);
        }
        String[] lines = new String(tail, StandardCharsets.UTF_8).split("\n");
        long last = 0;
        for (int i = lines.length - 1; i >= 0; i--) {
            try {
                JsonNode node = Json.mapper().readTree(lines[i]);
                if (node != null && node.path("type").asText().equals("step")) {
                    return node.path("step").asLong();
                }
                if (node != null && node.has("step")) {
                    last = Math.max(last, node.path("step").asLong());
                }
            } catch (IOException e) {
                // a torn line, or the cut first line of the tail
            }
        }
        return last;
    }
}
