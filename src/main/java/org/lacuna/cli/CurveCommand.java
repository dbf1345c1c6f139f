package org.lacuna.cli;

import java.awt.Color;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

import org.lacuna.config.Json;
import org.lacuna.config.RunConfig;
import org.lacuna.store.AtomicFiles;
import org.lacuna.store.RunDirectory;
import org.lacuna.store.ValidationRecord;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * A run's learning curve as a PNG (and its numbers as TSV): validation bits/dim from metrics.jsonl, and, from
 * {@code eval --json} reports of its snapshots named {@code step-NNNNNNN.json}, the PSNR of the mean completion and
 * of the best of k against Navier-Stokes and Telea on the same images; all by images seen.
 */
@Command(name = "curve", mixinStandardHelpOptions = true,
        description = "Draw a run's learning curve (validation bits/dim; PSNR against Navier-Stokes from eval reports"
                + " of its snapshots) by images seen, as a PNG, with its numbers as TSV beside it.")
final class CurveCommand implements Callable<Integer> {

    private static final Pattern STEP = Pattern.compile("step-(\\d+)\\.json");

    @Option(names = "--run", required = true, paramLabel = "DIR", description = "the run folder")
    Path run;

    @Option(names = "--evals", paramLabel = "DIR",
            description = "eval --json reports of the run's snapshots, named step-NNNNNNN.json")
    Path evals;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "the PNG to write")
    Path out;

    @Option(names = "--title", paramLabel = "TEXT", description = "the chart's title (default: the run folder's name)")
    String title;

    @Option(names = "--eval-label", paramLabel = "TEXT", defaultValue = "test crops",
            description = "what the eval reports were measured on (default: ${DEFAULT-VALUE})")
    String evalLabel;

    @Spec
    CommandSpec spec;

    @Option(names = "--steps-before", paramLabel = "N", defaultValue = "0",
            description = "the steps the run's weights had when it began (a run warm-started with --init counts from"
                    + " 0): added to its steps")
    long stepsBefore;

    @Option(names = "--earlier", paramLabel = "TSV",
            description = "the curve of the run the weights came from, as this command wrote it: drawn before this run")
    Path earlier;

    /** The TSV's header: one row per step, the images seen, then the five measures (empty when not measured). */
    static final String TSV_HEADER = "images_seen\tstep\tvalidation_bpd\tpsnr_mean\tpsnr_best\tpsnr_ns\tpsnr_telea";

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        RunDirectory dir = new RunDirectory(run);
        if (!dir.exists()) {
            throw new IOException(run + ": not a run folder (no " + RunDirectory.CONFIG + ")");
        }
        if (stepsBefore < 0) {
            throw new IllegalArgumentException("--steps-before cannot be negative: " + stepsBefore);
        }
        RunConfig config = dir.readConfig();
        int batch = config.train().batchSize();
        // by step: validation bpd, psnr mean, best, ns, telea (NaN when not measured)
        TreeMap<Long, double[]> rows = earlier == null ? new TreeMap<>() : readTsv(earlier, batch);
        int validationImages = 0;
        for (Object r : dir.readMetrics()) {
            if (r instanceof ValidationRecord v) {
                row(rows, stepsBefore + v.step())[0] = v.bpd();
                validationImages = v.images();
            }
        }
        TreeMap<Long, JsonNode> reports = reports();
        int images = 0, samples = 0;
        for (var e : reports.entrySet()) {
            JsonNode r = e.getValue();
            double[] row = row(rows, stepsBefore + e.getKey());
            row[1] = r.path("psnr_mean").asDouble();
            row[2] = r.path("psnr_best").asDouble();
            row[3] = r.path("baselines").path("ns").path("psnr").asDouble();
            row[4] = r.path("baselines").path("telea").path("psnr").asDouble();
            images = r.path("images").asInt();
            samples = r.path("samples").asInt();
        }
        boolean anyPsnr = rows.values().stream().anyMatch(v -> !Double.isNaN(v[1]));
        List<LearningCurve.Series> top = List.of(series("validation bits/dim", rows, batch, 0, 0x1F77B4, false));
        List<LearningCurve.Series> bottom = !anyPsnr ? List.of() : List.of(
                series("mean completion", rows, batch, 1, 0xD62728, false),
                series("best of " + (samples > 0 ? samples : 16) + " (oracle)", rows, batch, 2, 0xFF7F0E, false),
                series("Navier-Stokes", rows, batch, 3, 0x2CA02C, true),
                series("Telea", rows, batch, 4, 0x7F7F7F, true));
        String name = title != null ? title : String.valueOf(run.toAbsolutePath().getFileName());
        LearningCurve.write(name + ": " + config.model().name() + ", batch " + batch, top,
                "validation bits/dim of the hole" + (validationImages > 0 ? " (" + validationImages
                        + " held-out images)" : ""),
                bottom, !anyPsnr ? "PSNR of the hole: no eval reports given (--evals)"
                        : "PSNR of the hole (dB) on " + (images > 0 ? images + " " : "") + evalLabel, out);
        Path tsv = out.resolveSibling(stem(out.getFileName().toString()) + ".tsv");
        StringBuilder t = new StringBuilder(TSV_HEADER).append('\n');
        for (var e : rows.entrySet()) {
            t.append(e.getKey() * batch).append('\t').append(e.getKey());
            for (double v : e.getValue()) {
                t.append('\t').append(Double.isNaN(v) ? "" : fmt(v));
            }
            t.append('\n');
        }
        AtomicFiles.writeString(tsv, t.toString());
        long validations = rows.values().stream().filter(v -> !Double.isNaN(v[0])).count();
        long evaluated = rows.values().stream().filter(v -> !Double.isNaN(v[1])).count();
        stdout.printf("%d validation points, %d eval reports -> %s, %s%n", validations, evaluated, out, tsv);
        return 0;
    }

    private static double[] row(TreeMap<Long, double[]> rows, long step) {
        return rows.computeIfAbsent(step, k -> new double[]{Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN});
    }

    private static LearningCurve.Series series(String label, TreeMap<Long, double[]> rows, int batch, int column,
                                               int rgb, boolean reference) {
        List<LearningCurve.Point> points = new ArrayList<>();
        for (var e : rows.entrySet()) {
            if (!Double.isNaN(e.getValue()[column])) {
                points.add(new LearningCurve.Point(e.getKey() * (double) batch, e.getValue()[column]));
            }
        }
        return new LearningCurve.Series(label, points, new Color(rgb), reference);
    }

    /** An earlier curve's TSV (as {@link #call} writes it), checked line by line; its batch must be this run's. */
    static TreeMap<Long, double[]> readTsv(Path file, int batch) throws IOException {
        List<String> lines = Files.readAllLines(file);
        if (lines.isEmpty() || !lines.get(0).equals(TSV_HEADER)) {
            throw new IOException(file + ": not a learning-curve TSV (its first line is not " + TSV_HEADER.replace('\t', ' ')
                    + ")");
        }
        TreeMap<Long, double[]> rows = new TreeMap<>();
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            String[] cells = lines.get(i).split("\t", -1);
            try {
                if (cells.length != 7) {
                    throw new NumberFormatException(cells.length + " columns, not 7");
                }
                long seen = Long.parseLong(cells[0]);
                long step = Long.parseLong(cells[1]);
                if (seen != step * batch) {
                    throw new NumberFormatException(seen + " images in " + step + " steps is not batch " + batch);
                }
                double[] row = row(rows, step);
                for (int c = 0; c < 5; c++) {
                    row[c] = cells[c + 2].isEmpty() ? Double.NaN : Double.parseDouble(cells[c + 2]);
                }
            } catch (NumberFormatException e) {
                throw new IOException(file + ", line " + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        return rows;
    }

    private TreeMap<Long, JsonNode> reports() throws IOException {
        TreeMap<Long, JsonNode> reports = new TreeMap<>();
        if (evals == null) {
            return reports;
        }
        if (!Files.isDirectory(evals)) {
            throw new IOException(evals + ": not a folder of eval reports");
        }
        try (Stream<Path> files = Files.list(evals)) {
            for (Path f : files.sorted().toList()) {
                Matcher m = STEP.matcher(f.getFileName().toString());
                if (!m.matches()) {
                    continue;
                }
                try {
                    reports.put(Long.parseLong(m.group(1)), Json.mapper().readTree(Files.readString(f)));
                } catch (IOException e) {
                    throw new IOException(f + ": not an eval report (" + e.getMessage() + ")", e);
                }
            }
        }
        return reports;
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }

    private static String stem(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
