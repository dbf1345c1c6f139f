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
import org.lacuna.eval.LearningCurve;
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

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        RunDirectory dir = new RunDirectory(run);
        if (!dir.exists()) {
            throw new IOException(run + ": not a run folder (no " + RunDirectory.CONFIG + ")");
        }
        RunConfig config = dir.readConfig();
        int batch = config.train().batchSize();
        List<LearningCurve.Point> bpd = new ArrayList<>();
        int validationImages = 0;
        for (Object r : dir.readMetrics()) {
            if (r instanceof ValidationRecord v) {
                bpd.add(new LearningCurve.Point(v.step() * (double) batch, v.bpd()));
                validationImages = v.images();
            }
        }
        TreeMap<Long, JsonNode> reports = reports();
        List<LearningCurve.Point> mean = new ArrayList<>(), best = new ArrayList<>(), ns = new ArrayList<>(),
                telea = new ArrayList<>();
        int images = 0, samples = 0;
        for (var e : reports.entrySet()) {
            double seen = e.getKey() * (double) batch;
            JsonNode r = e.getValue();
            mean.add(new LearningCurve.Point(seen, r.path("psnr_mean").asDouble()));
            best.add(new LearningCurve.Point(seen, r.path("psnr_best").asDouble()));
            ns.add(new LearningCurve.Point(seen, r.path("baselines").path("ns").path("psnr").asDouble()));
            telea.add(new LearningCurve.Point(seen, r.path("baselines").path("telea").path("psnr").asDouble()));
            images = r.path("images").asInt();
            samples = r.path("samples").asInt();
        }
        List<LearningCurve.Series> top = List.of(new LearningCurve.Series("validation bits/dim", bpd,
                new Color(0x1F77B4), false));
        List<LearningCurve.Series> bottom = reports.isEmpty() ? List.of() : List.of(
                new LearningCurve.Series("mean completion", mean, new Color(0xD62728), false),
                new LearningCurve.Series("best of " + samples + " (oracle)", best, new Color(0xFF7F0E), false),
                new LearningCurve.Series("Navier-Stokes", ns, new Color(0x2CA02C), true),
                new LearningCurve.Series("Telea", telea, new Color(0x7F7F7F), true));
        String name = title != null ? title : String.valueOf(run.toAbsolutePath().getFileName());
        LearningCurve.write(name + ": " + config.model().name() + ", batch " + batch, top,
                "validation bits/dim of the hole (" + validationImages + " held-out images)",
                bottom, reports.isEmpty() ? "PSNR of the hole: no eval reports given (--evals)"
                        : "PSNR of the hole (dB) on " + images + " " + evalLabel, out);
        Path tsv = out.resolveSibling(stem(out.getFileName().toString()) + ".tsv");
        StringBuilder t = new StringBuilder("images_seen\tstep\tvalidation_bpd\tpsnr_mean\tpsnr_best\tpsnr_ns\tpsnr_telea\n");
        TreeMap<Long, String[]> rows = new TreeMap<>();
        for (Object r : dir.readMetrics()) {
            if (r instanceof ValidationRecord v) {
                rows.computeIfAbsent(v.step(), k -> new String[5])[0] = fmt(v.bpd());
            }
        }
        for (var e : reports.entrySet()) {
            String[] row = rows.computeIfAbsent(e.getKey(), k -> new String[5]);
            JsonNode r = e.getValue();
            row[1] = fmt(r.path("psnr_mean").asDouble());
            row[2] = fmt(r.path("psnr_best").asDouble());
            row[3] = fmt(r.path("baselines").path("ns").path("psnr").asDouble());
            row[4] = fmt(r.path("baselines").path("telea").path("psnr").asDouble());
        }
        for (var e : rows.entrySet()) {
            t.append((long) (e.getKey() * (double) batch)).append('\t').append(e.getKey());
            for (String v : e.getValue()) {
                t.append('\t').append(v == null ? "" : v);
            }
            t.append('\n');
        }
        AtomicFiles.writeString(tsv, t.toString());
        stdout.printf("%d validation points, %d eval reports -> %s, %s%n", bpd.size(), reports.size(), out, tsv);
        return 0;
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
