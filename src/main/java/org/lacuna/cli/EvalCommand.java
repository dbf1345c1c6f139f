package org.lacuna.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.AbstractList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.lacuna.config.Mask;
import org.lacuna.config.ModelConfig;
import org.lacuna.config.SampleConfig;
import org.lacuna.data.Dataset;
import org.lacuna.data.Datasets;
import org.lacuna.data.EvaluationData;
import org.lacuna.data.MaskFiles;
import org.lacuna.data.Raster;
import org.lacuna.eval.Baseline;
import org.lacuna.eval.EvalOptions;
import org.lacuna.eval.EvalReport;
import org.lacuna.eval.Evaluator;
import org.lacuna.eval.Reports;
import org.lacuna.model.Hvae;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Evaluate a model on a set of images: bits/dim of the hole, PSNR and SSIM of the mean and the "
                + "best of k completions, their diversity, active units per level, and the baselines (mean fill, "
                + "OpenCV Telea, Navier-Stokes, FSR fast and FSR best). The hole is the model's own, or with --masks "
                + "each image's own mask. Prints a table; --json also writes the numbers.")
final class EvalCommand implements Callable<Integer> {

    @Mixin
    ModelOptions model;

    @Option(names = "--data", required = true, paramLabel = "PATH",
            description = "an image folder (recursive; each image cut to its centred square and resized to the model's"
                    + " size) or a folder of Fashion-MNIST IDX files (its t10k file)")
    Path data;

    @Option(names = "--samples", defaultValue = "16", paramLabel = "K",
            description = "completions per image for the best-of-k and the diversity (default ${DEFAULT-VALUE})")
    int samples;

    @Option(names = "--iw", defaultValue = "0", paramLabel = "K",
            description = "posterior samples per image of the importance-weighted bound; 0 = off (default ${DEFAULT-VALUE})")
    int iw;

    @Option(names = "--limit", paramLabel = "N", description = "evaluate only the first N images (by file name)")
    Integer limit;

    @Option(names = "--seed", defaultValue = "7", description = "random seed (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--batch", defaultValue = "32", paramLabel = "N",
            description = "images per model call of the bits/dim pass (default ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--temperature", paramLabel = "T[,T...]", split = ",",
            description = "the completions' temperature: one for every level, or one per level, top level first"
                    + " (default 1: the model's own prior)")
    double[] temperature;

    @Option(names = "--masks", paramLabel = "DIR",
            description = "score each image with its own mask: DIR holds, for each image, a PNG of its size named as"
                    + " it with .png (crop-00001.png), white (>127) = hole, black = keep (as crops --masks cuts them);"
                    + " the mask goes through the image's centred square and resize")
    Path masks;

    @Option(names = "--baselines", paramLabel = "NAME[,NAME...]", split = ",",
            description = "the classical fills to score: meanfill, telea, ns, fsr-fast, fsr-best (default: all;"
                    + " FSR best takes seconds an image)")
    List<String> baselines;

    @Option(names = "--json", paramLabel = "FILE", description = "also write the report as JSON to this file")
    Path json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        EvalOptions options = new EvalOptions(samples, iw, seed, batch);
        if (limit != null && limit < 1) {
            throw new IllegalArgumentException("--limit must be at least 1, not " + limit);
        }
        if (json != null) {
            Cli.checkOutput("--json", json, true, data);
        }
        Hvae hvae = model.load();
        if (temperature != null) {
            options = options.withTemperatures(perLevel(temperature, hvae.config().levelCount()));
        }
        if (baselines != null) {
            java.util.Set<Baseline> chosen = java.util.EnumSet.noneOf(Baseline.class);
            for (String b : baselines) {
                chosen.add(Baseline.parse(b));
            }
            options = options.withBaselines(chosen);
        }
        PrintWriter err = spec.commandLine().getErr();
        List<Raster> windows = open(hvae.config(), err);
        List<Mask> holes = masks == null ? null : readMasks(hvae.config(), windows.size());
        long start = System.nanoTime();
        List<org.lacuna.eval.ImageRow> rows = new java.util.ArrayList<>();
        EvalReport report = Evaluator.evaluate(hvae, windows, holes, masks == null ? null : masks.toString(), options,
                p -> {
                    if (p.imagesDone() % 32 == 0 || p.imagesDone() == p.imagesTotal()) {
                        err.printf(Locale.ROOT, "evaluated %d/%d images%n", p.imagesDone(), p.imagesTotal());
                    }
                }, () -> Thread.currentThread().isInterrupted(),
                s -> rows.add(org.lacuna.eval.ImageRow.of(s, dataset.source(s.index()))));
        long seconds = (System.nanoTime() - start) / 1_000_000_000L;
        PrintWriter out = spec.commandLine().getOut();
        out.print(Reports.table(report));
        out.printf(Locale.ROOT, "(%d s)%n", seconds);
        if (json != null) {
            Reports.writeJson(report, rows, json);
            out.println("report -> " + json);
        }
        return 0;
    }

    /** One temperature for every level, or one per level. */
    static double[] perLevel(double[] given, int levels) {
        if (given.length == 1) {
            return SampleConfig.everyLevel(levels, given[0]);
        }
        if (given.length != levels) {
            throw new IllegalArgumentException("--temperature takes one value or one per level (" + levels
                    + "), not " + given.length);
        }
        return given.clone();
    }

    /** The opened data set (for the masks' names and the per-image rows' sources). */
    private Dataset dataset;

    /**
     * The mask of each of the first n images, read from --masks before anything is evaluated; every missing,
     * unreadable or mis-sized mask is named (the first ten), and then the command fails.
     */
    private List<Mask> readMasks(ModelConfig config, int n) throws IOException {
        if (Datasets.isIdx(data)) {
            throw new IllegalArgumentException("--masks needs an image folder for --data, not IDX files");
        }
        if (!java.nio.file.Files.isDirectory(masks)) {
            throw new IllegalArgumentException("--masks " + masks + ": no such folder");
        }
        List<Mask> out = new java.util.ArrayList<>(n);
        List<String> problems = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            String name = dataset.source(i);
            Path file = MaskFiles.pathFor(masks, name);
            try {
                if (!java.nio.file.Files.exists(file)) {
                    throw new IOException(file + ": no mask for " + name + " (expected this file)");
                }
                Mask m = MaskFiles.read(file);
                int[] size = MaskFiles.imageSize(data.resolve(name));
                if (m.width() != size[0] || m.height() != size[1]) {
                    throw new IOException(file + ": the mask is " + m.width() + "x" + m.height() + ", its image "
                            + name + " " + size[0] + "x" + size[1]);
                }
                Mask window = MaskFiles.toEvaluationWindow(m, config.imageSize());
                if (window.isEmpty()) {
                    throw new IOException(file + ": the mask has no hole" + (m.isEmpty() ? ""
                            : " left at " + config.imageSize() + "x" + config.imageSize()));
                }
                out.add(window);
            } catch (IOException e) {
                problems.add(e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            StringBuilder sb = new StringBuilder(problems.size() + " of " + n + " masks are missing or wrong:");
            for (String p : problems.subList(0, Math.min(10, problems.size()))) {
                sb.append(System.lineSeparator()).append("  ").append(p);
            }
            if (problems.size() > 10) {
                sb.append(System.lineSeparator()).append("  and ").append(problems.size() - 10).append(" more");
            }
            throw new IllegalArgumentException(sb.toString());
        }
        return out;
    }

    /** The evaluation windows: the first {@code limit} examples of the data (an IDX folder's t10k file). */
    private List<Raster> open(ModelConfig config, PrintWriter err) throws IOException {
        EvaluationData opened = Datasets.openEvaluationData(data, config.imageSize(), config.channels());
        this.dataset = opened.dataset();
        if (opened.report().skippedFiles() > 0) {
            err.printf("%s: %d files skipped (see the log)%n", data, opened.report().skippedFiles());
        }
        Dataset dataset = opened.dataset();
        int n = limit == null ? dataset.size() : Math.min(limit, dataset.size());
        return new AbstractList<>() {
            @Override
            public Raster get(int index) {
                return dataset.example(index, 0);
            }

            @Override
            public int size() {
                return n;
            }
        };
    }
}
