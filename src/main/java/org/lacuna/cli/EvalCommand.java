package org.lacuna.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.AbstractList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import org.lacuna.config.ModelConfig;
import org.lacuna.data.Images;
import org.lacuna.data.Raster;
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
                + "OpenCV Telea and Navier-Stokes). Prints a table; --json also writes the numbers.")
final class EvalCommand implements Callable<Integer> {

    @Mixin
    ModelOptions model;

    @Option(names = "--data", required = true, paramLabel = "PATH",
            description = "a folder of images (not its subfolders); each is cut to its centred square and resized to "
                    + "the model's size")
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
        Hvae hvae = model.load();
        List<Raster> windows = openFolder(data, hvae.config(), limit == null ? Integer.MAX_VALUE : limit);
        PrintWriter err = spec.commandLine().getErr();
        long start = System.nanoTime();
        EvalReport report = Evaluator.evaluate(hvae, windows, options, p -> {
            if (p.imagesDone() % 32 == 0 || p.imagesDone() == p.imagesTotal()) {
                err.printf(Locale.ROOT, "evaluated %d/%d images%n", p.imagesDone(), p.imagesTotal());
            }
        }, () -> Thread.currentThread().isInterrupted());
        long seconds = (System.nanoTime() - start) / 1_000_000_000L;
        PrintWriter out = spec.commandLine().getOut();
        out.print(Reports.table(report));
        out.printf(Locale.ROOT, "(%d s)%n", seconds);
        if (json != null) {
            Reports.writeJson(report, json);
            out.println("report -> " + json);
        }
        return 0;
    }

    private static final Set<String> EXTENSIONS = Set.of("png", "jpg", "jpeg", "bmp", "gif", "webp");

    /**
     * TEMPORARY: to be replaced by the data package's {@code Datasets.openForEvaluation} when it is merged.
     * The image files of a folder (not its subfolders), by file name, at most {@code limit}, as windows at the
     * model's size: each decoded when the evaluation reaches it (Images.read), cut to its centred square and resized.
     * A file that cannot be decoded ends the evaluation with a message naming it.
     */
    private static List<Raster> openFolder(Path dir, ModelConfig config, int limit) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException(dir + ": not a folder");
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(Files::isRegularFile).filter(EvalCommand::isImageName).sorted().limit(limit).toList();
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException(dir + ": no images (PNG, JPEG, BMP, GIF, WebP) in the folder");
        }
        return new AbstractList<>() {
            @Override
            public Raster get(int index) {
                try {
                    Raster image = Images.read(files.get(index), config.channels());
                    return Images.resize(Images.centreSquare(image), config.imageSize(), config.imageSize());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            @Override
            public int size() {
                return files.size();
            }
        };
    }

    private static boolean isImageName(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 && EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }
}
