package org.lacuna.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.lacuna.config.Hole;
import org.lacuna.config.Json;
import org.lacuna.config.Mask;
import org.lacuna.data.Images;
import org.lacuna.data.Raster;
import org.lacuna.eval.Baseline;
import org.lacuna.eval.ClassicalFiller;
import org.lacuna.eval.Removal;
import org.lacuna.model.Hvae;
import org.lacuna.sample.PhotoFiller;
import org.lacuna.sample.PyramidFiller;
import org.lacuna.store.AtomicFiles;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "removal", mixinStandardHelpOptions = true,
        description = {"Measure object removal at the photo's own resolution: object-sized holes (blobs of 2-8% of"
                + " the photo, 40-200 px across, from --seed) filled by the model (coarse to fine over a pyramid)"
                + " and by Navier-Stokes, Telea and FSR fast, each scored over the hole against the true pixels:"
                + " PSNR (dB), detail (the fill's mean squared Laplacian inside the hole over the truth's: a smear"
                + " scores near 0, the photo's own texture 1) and seconds per fill.",
                "Photos above --pixels are shrunk to it first. Use photos the model never trained on."})
final class RemovalCommand implements Callable<Integer> {

    @Parameters(paramLabel = "PHOTO", arity = "1..*", description = "the photos")
    List<Path> photos;

    @Option(names = "--holes", defaultValue = "2", paramLabel = "N", description = "holes per photo (default"
            + " ${DEFAULT-VALUE})")
    int holes;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "the holes' seed (default"
            + " ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--pixels", defaultValue = "1000000", paramLabel = "N", description = "the largest photo area"
            + " measured (default ${DEFAULT-VALUE})")
    long pixels;

    @Option(names = "--temperature", defaultValue = "0.5", paramLabel = "T", description = "the model candidate's"
            + " temperature (default ${DEFAULT-VALUE}); its mean fill is measured too")
    double temperature;

    @Option(names = "--fine-temperature", paramLabel = "T", description = "the model candidate's temperature at the"
            + " finer scales (default 0, the prior's mean)")
    Double fineTemperature;

    @Option(names = "--only-model", description = "measure the model's two fills alone (no classical fills)")
    boolean onlyModel;

    @Option(names = "--json", paramLabel = "FILE", description = "write every fill's scores and the means as JSON")
    Path json;

    @Option(names = "--pictures", paramLabel = "DIR", description = "write each hole's crop side by side: the"
            + " photo, the hole, then each method's fill")
    Path pictures;

    @Option(names = "--model", paramLabel = "FILE", description = "a model file (default: the shipped model)")
    Path model;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (holes < 1 || holes > 100 || pixels < 40_000 || pixels > 50_000_000) {
            throw new IllegalArgumentException("--holes must be 1..100 and --pixels 40000..50000000");
        }
        if (json != null && Files.isDirectory(json)) {
            throw new IllegalArgumentException("--json " + json + " is a folder, not a file");
        }
        List<Raster> loaded = new ArrayList<>();
        for (Path p : photos) {
            loaded.add(Removal.atMost(Images.read(p, 3), pixels));
        }
        if (pictures != null) {
            Files.createDirectories(pictures);
        }
        FillCommand.Loaded model = FillCommand.loadModel(this.model);
        Hvae hvae = model.model();
        boolean square = !model.freeForm();
        List<Removal.Method> methods = new ArrayList<>(List.of(
                new Removal.Method("model", new PyramidFiller(hvae, square, fineTemperature),
                        new PhotoFiller.Options(1, seed, temperature)),
                new Removal.Method("model-mean", new PyramidFiller(hvae, square), PhotoFiller.Options.mean())));
        if (!onlyModel) {
            methods.addAll(List.of(classical(Baseline.NS), classical(Baseline.TELEA), classical(Baseline.FSR_FAST)));
        }
        out.printf(Locale.ROOT, "model %s (%s holes)%s; %d photo%s, %d hole%s each, seed %d%n", model.name(),
                model.freeForm() ? "free-form" : "centre", square ? ", square windows" : "", photos.size(),
                photos.size() == 1 ? "" : "s", holes, holes == 1 ? "" : "s", seed);
        List<Removal.Row> rows = new ArrayList<>();
        for (int i = 0; i < photos.size(); i++) {
            String name = photos.get(i).getFileName().toString();
            Raster photo = loaded.get(i);
            List<Removal.Row> these = Removal.measure(name, photo, holes, seed, methods,
                    pictures == null ? null : this::picture);
            for (Removal.Row r : these) {
                out.printf(Locale.ROOT, "%-24s %4dx%-4d hole %d %6d px  %-11s %6.2f dB  detail %5.3f  %5.2f s%n",
                        name, r.width(), r.height(), r.hole(), r.holePixels(), r.method(), r.psnr(), r.detail(),
                        r.seconds());
            }
            out.flush();
            rows.addAll(these);
        }
        List<Removal.Summary> summary = Removal.summarise(rows);
        out.println();
        out.printf(Locale.ROOT, "%-11s %6s %9s %7s %9s%n", "method", "holes", "PSNR dB", "detail", "s/fill");
        for (Removal.Summary s : summary) {
            out.printf(Locale.ROOT, "%-11s %6d %9.2f %7.3f %9.2f%n", s.method(), s.holes(), s.psnr(), s.detail(),
                    s.seconds());
        }
        if (json != null) {
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("model", model.name());
            report.put("seed", seed);
            report.put("pixels", pixels);
            report.put("temperature", temperature);
            report.put("summary", summary);
            report.put("rows", rows);
            AtomicFiles.writeString(json, Json.write(report));
            out.println("wrote " + json);
        }
        return 0;
    }

    private static Removal.Method classical(Baseline b) {
        return new Removal.Method(b.key(), new ClassicalFiller(b), PhotoFiller.Options.mean());
    }

    /** The hole's neighbourhood (its bounds and as much again around), side by side: photo, hole, each fill. */
    private void picture(String photo, int hole, Raster truth, Mask mask, List<Raster> fills) {
        Hole b = mask.bounds();
        int pad = Math.max(b.width(), b.height()) / 2;
        int x0 = Math.max(0, b.left() - pad), y0 = Math.max(0, b.top() - pad);
        int w = Math.min(truth.width() - x0, b.width() + 2 * pad), h = Math.min(truth.height() - y0,
                b.height() + 2 * pad);
        List<Raster> tiles = new ArrayList<>();
        tiles.add(Images.crop(truth, x0, y0, w, h));
        Raster.Builder masked = truth.toBuilder();
        for (int y = 0; y < truth.height(); y++) {
            for (int x = 0; x < truth.width(); x++) {
                if (mask.contains(y, x)) {
                    masked.set(x, y, 0, 255);
                    masked.set(x, y, 1, 255);
                    masked.set(x, y, 2, 255);
                }
            }
        }
        tiles.add(Images.crop(masked.build(), x0, y0, w, h));
        for (Raster f : fills) {
            tiles.add(Images.crop(f, x0, y0, w, h));
        }
        Raster.Builder strip = Raster.blank(w * tiles.size(), h, 3).toBuilder();
        for (int t = 0; t < tiles.size(); t++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    for (int c = 0; c < 3; c++) {
                        strip.set(t * w + x, y, c, tiles.get(t).get(x, y, c));
                    }
                }
            }
        }
        String base = photo.replaceFirst("\\.[^.]+$", "");
        try {
            Images.write(strip.build(), pictures.resolve(base + "-hole" + hole + ".png"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
