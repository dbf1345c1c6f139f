package org.lacuna.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import org.lacuna.config.Mask;
import org.lacuna.config.MaskDistribution;
import org.lacuna.data.Images;
import org.lacuna.data.MaskFiles;
import org.lacuna.data.Raster;
import org.lacuna.eval.Baseline;
import org.lacuna.eval.ClassicalFiller;
import org.lacuna.model.Hvae;
import org.lacuna.model.ModelFiles;
import org.lacuna.sample.PhotoFiller;
import org.lacuna.sample.PyramidFiller;
import org.lacuna.service.ModelService;
import org.lacuna.store.ModelFile;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "fill", mixinStandardHelpOptions = true,
        description = {"Fill the holes of photos given their masks (IOPaint's convention: a PNG of the photo's size,"
                + " white (>127) = hole, black = keep; in a folder, named as the photo with .png).",
                "Writes each filled photo to --out as PNG under the photo's name with .png (cat.jpg -> cat.png):"
                        + " the same size, only the hole's pixels changed; with --samples N, N candidates each"
                        + " (cat-1.png ... cat-N.png) instead. A photo that cannot be filled (no mask, a mask of"
                        + " another size, an unreadable file) is named with the reason and the others are still"
                        + " done; the exit code is then 1.",
                "--method model fills at the photo's own resolution, any hole: coarse to fine over a pyramid, the"
                        + " model's windows at every scale, the finest detail from matching patches of the photo"
                        + " (docs/REMOVAL.md)."})
final class FillCommand implements Callable<Integer> {

    private static final Set<String> IMAGE_EXTENSIONS = Set.of("png", "jpg", "jpeg", "bmp", "gif", "webp");
    private static final int BAR = 24;

    @Option(names = "--image", required = true, paramLabel = "FILE|DIR",
            description = "a photo, or a folder of photos (its files, not its sub-folders)")
    Path image;

    @Option(names = "--mask", required = true, paramLabel = "FILE|DIR",
            description = "the photo's mask, or a folder of masks named as the photos with .png")
    Path mask;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "the folder to write the filled photos to")
    Path out;

    @Option(names = "--method", defaultValue = "model", paramLabel = "METHOD",
            description = "model, ns, telea, fsr-fast, fsr-best or meanfill (default ${DEFAULT-VALUE}; FSR best takes"
                    + " seconds per hole)")
    String method;

    @Option(names = "--model", paramLabel = "FILE", description = "with --method model: a model file (default: the"
            + " shipped model)")
    Path model;

    @Option(names = "--samples", paramLabel = "N", description = "with --method model: N candidates per photo drawn"
            + " from the prior (default: the mean completion alone)")
    Integer samples;

    @Option(names = "--seed", defaultValue = "7", paramLabel = "S", description = "the candidates' seed (default"
            + " ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--temperature", paramLabel = "T", description = "the candidates' temperature at every level"
            + " (default 0.5)")
    Double temperature;

    @Spec
    CommandSpec spec;

    /** A photo and its mask file. */
    record Pair(Path photo, Path mask) {
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter outWriter = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        boolean byModel = method.strip().equalsIgnoreCase("model");
        if (!byModel && (samples != null || model != null || temperature != null)) {
            throw new IllegalArgumentException("--samples, --model and --temperature apply to --method model");
        }
        if (samples != null && samples < 1) {
            throw new IllegalArgumentException("--samples must be at least 1, not " + samples);
        }
        PhotoFiller.Options options = new PhotoFiller.Options(samples == null ? 0 : samples, seed,
                temperature == null ? org.lacuna.config.SampleConfig.DEFAULT_TEMPERATURE : temperature);
        List<Pair> pairs = pairs();
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new IllegalArgumentException("--out " + out + " is a file, not a folder");
        }
        PhotoFiller filler;
        if (byModel) {
            Loaded loaded = loadModel(model);
            filler = new PyramidFiller(loaded.model(), !loaded.freeForm());
            outWriter.printf(Locale.ROOT, "filling %d photo%s with the model (%s)%s%n", pairs.size(),
                    pairs.size() == 1 ? "" : "s", model == null ? "the shipped model" : model,
                    samples == null ? ", its mean completion" : String.format(Locale.ROOT,
                            ", %d candidates each at temperature %s, seed %d", samples, options.temperature(), seed));
        } else {
            filler = new ClassicalFiller(Baseline.parse(method));
            outWriter.printf(Locale.ROOT, "filling %d photo%s with %s%n", pairs.size(), pairs.size() == 1 ? "" : "s",
                    Baseline.parse(method).label());
        }
        Files.createDirectories(out);
        int failed = 0;
        long start = System.nanoTime();
        for (int i = 0; i < pairs.size(); i++) {
            Pair pair = pairs.get(i);
            String name = pair.photo().getFileName().toString();
            long t0 = System.nanoTime();
            String result;
            try {
                PhotoFiller.Filled filled = fill(filler, pair, options);
                List<Path> written = write(pair.photo(), filled.photos());
                result = "-> " + (written.size() == 1
                        ? written.get(0).getFileName().toString() : written.size() + " candidates") + " ("
                        + filled.note() + ")";
            } catch (IOException | IllegalArgumentException | java.io.UncheckedIOException e) {
                failed++;
                result = "FAILED";
                err.println("error: " + name + ": " + message(e));
            }
            outWriter.println(bar(i + 1, pairs.size()) + " " + name + " " + result + String.format(Locale.ROOT,
                    " %.1f s", (System.nanoTime() - t0) / 1e9));
            outWriter.flush();
        }
        outWriter.printf(Locale.ROOT, "filled %d of %d photos into %s in %.0f s%s%n", pairs.size() - failed,
                pairs.size(), out, (System.nanoTime() - start) / 1e9,
                failed > 0 ? String.format(Locale.ROOT, "; %d failed (see the errors above)", failed) : "");
        return failed > 0 ? 1 : 0;
    }

    private PhotoFiller.Filled fill(PhotoFiller filler, Pair pair, PhotoFiller.Options options) throws IOException {
        if (pair.mask() == null || !Files.exists(pair.mask())) {
            throw new IOException("no mask" + (pair.mask() == null ? "" : " (expected " + pair.mask() + ")"));
        }
        Raster photo = Images.read(pair.photo(), 3);
        Mask m = MaskFiles.read(pair.mask());
        if (m.width() != photo.width() || m.height() != photo.height()) {
            throw new IOException("the mask " + pair.mask() + " is " + m.width() + "x" + m.height() + ", the photo "
                    + photo.width() + "x" + photo.height());
        }
        if (m.isEmpty()) {
            throw new IOException("the mask " + pair.mask() + " has no hole (no pixel above 127)");
        }
        return filler.fill(photo, m, options);
    }

    /** Writes the filled photos: name.png, or name-1.png ... name-N.png for candidates. */
    private List<Path> write(Path photo, List<Raster> filled) throws IOException {
        String base = baseName(photo);
        List<Path> written = new ArrayList<>();
        boolean candidates = samples != null;
        for (int k = 0; k < filled.size(); k++) {
            Path file = out.resolve(candidates ? base + "-" + (k + 1) + ".png" : base + ".png");
            Images.write(filled.get(k), file);
            written.add(file);
        }
        return written;
    }

    /** The photos and their masks. */
    private List<Pair> pairs() throws IOException {
        if (!Files.exists(image)) {
            throw new IOException(image + ": no such file or folder");
        }
        if (!Files.exists(mask)) {
            throw new IOException(mask + ": no such file or folder");
        }
        if (Files.isDirectory(image)) {
            if (!Files.isDirectory(mask)) {
                throw new IllegalArgumentException("--image is a folder, so --mask must be a folder of masks");
            }
            List<Path> photos;
            try (Stream<Path> s = Files.list(image)) {
                photos = s.filter(p -> Files.isRegularFile(p) && isImage(p)
                        && !p.getFileName().toString().startsWith(".")).sorted().toList();
            }
            if (photos.isEmpty()) {
                throw new IOException(image + ": no photos (PNG, JPEG, BMP, GIF, WebP)");
            }
            if (image.toAbsolutePath().normalize().equals(out.toAbsolutePath().normalize())) {
                throw new IllegalArgumentException("--out must not be the photos' folder: the filled photos would"
                        + " replace them");
            }
            return photos.stream().map(p -> new Pair(p, MaskFiles.pathFor(mask, p))).toList();
        }
        Path m = Files.isDirectory(mask) ? MaskFiles.pathFor(mask, image) : mask;
        return List.of(new Pair(image, m));
    }

    /** A model to fill with, what to call it, and whether it knows holes of any shape. */
    record Loaded(Hvae model, String name, boolean freeForm) {
    }

    /** The model file, or the shipped model when {@code file} is null. */
    static Loaded loadModel(Path file) throws IOException {
        org.lacuna.runtime.Backend.announce();
        if (file != null) {
            ModelFile.Content content = ModelFile.read(file);
            return new Loaded(ModelFiles.forSampling(content, file.toString()), file.toString(),
                    content.masks(file.toString()) == MaskDistribution.FREE_FORM);
        }
        try (InputStream in = ModelService.class.getResourceAsStream(ModelService.SHIPPED_MODEL)) {
            if (in == null) {
                throw new IOException("this build carries no shipped model: name one with --model FILE");
            }
            String name = "the shipped model " + ModelService.SHIPPED_MODEL;
            ModelFile.Content content = ModelFile.read(in, name);
            return new Loaded(ModelFiles.forSampling(content, name), name,
                    content.masks(name) == MaskDistribution.FREE_FORM);
        }
    }

    private static boolean isImage(Path p) {
        String n = p.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 && IMAGE_EXTENSIONS.contains(n.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    private static String baseName(Path p) {
        String n = p.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }

    private static String message(Exception e) {
        Throwable t = e instanceof java.io.UncheckedIOException u ? u.getCause() : e;
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    /** "[#########---------------]  3/8". */
    static String bar(int done, int total) {
        int filled = (int) Math.round((double) BAR * done / total);
        String digits = Integer.toString(total);
        return "[" + "#".repeat(filled) + "-".repeat(BAR - filled) + "] "
                + String.format(Locale.ROOT, "%" + digits.length() + "d/%s", done, digits);
    }
}
