package org.lacuna.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.lacuna.config.Mask;
import org.lacuna.data.Images;
import org.lacuna.data.ObjectHoles;
import org.lacuna.data.Raster;
import org.lacuna.sample.PhotoFiller;

/**
 * Object removal measured at a photo's own resolution (issue 23): object-sized holes ({@link ObjectHoles}) in whole
 * photos, each filled by every method, scored over the hole against the photo's true pixels: PSNR, and detail (the
 * fill's mean squared Laplacian over the truth's, {@link Metrics#detail}), with the seconds each fill took.
 */
public final class Removal {

    /** Photos larger than this are shrunk to it first (about one megapixel, the photo size). */
    public static final long DEFAULT_PIXELS = 1_000_000;

    /** One method's fill of one hole. */
    public record Row(String photo, int width, int height, int hole, int holePixels, String method, double psnr,
                      double detail, double seconds) {
    }

    /** A method's means over all holes. */
    public record Summary(String method, int holes, double psnr, double detail, double seconds) {
    }

    /** A fill, named. */
    public record Method(String name, PhotoFiller filler, PhotoFiller.Options options) {
    }

    /** Receives each hole's fills as they are made (for pictures of them), in the methods' order. */
    public interface Sink {
        void accept(String photo, int hole, Raster truth, Mask mask, List<Raster> fills);
    }

    private Removal() {
    }

    /** A photo at most {@code maxPixels} in area (shrunk, keeping its aspect), or the photo itself. */
    public static Raster atMost(Raster photo, long maxPixels) {
        double area = (double) photo.width() * photo.height();
        if (area <= maxPixels) {
            return photo;
        }
        double s = Math.sqrt(maxPixels / area);
        return Images.resize(photo, Math.max(1, (int) Math.floor(photo.width() * s)),
                Math.max(1, (int) Math.floor(photo.height() * s)));
    }

    /**
     * Fills {@code holes} holes of one photo (already at its measuring size) with every method.
     *
     * @param seed the holes' seed: hole i of a photo of this size is {@code ObjectHoles.blob(w, h, seed, i)}
     */
    public static List<Row> measure(String name, Raster photo, int holes, long seed, List<Method> methods,
            Sink sink) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < holes; i++) {
            Mask mask = ObjectHoles.blob(photo.width(), photo.height(), seed, i);
            List<Raster> fills = new ArrayList<>();
            for (Method m : methods) {
                long t0 = System.nanoTime();
                Raster fill = m.filler().fill(photo, mask, m.options()).photos().get(0);
                double seconds = (System.nanoTime() - t0) / 1e9;
                fills.add(fill);
                rows.add(new Row(name, photo.width(), photo.height(), i, mask.area(), m.name(),
                        Metrics.psnr(photo, fill, mask), Metrics.detail(photo, fill, mask), seconds));
            }
            if (sink != null) {
                sink.accept(name, i, photo, mask, fills);
            }
        }
        return rows;
    }

    /** Each method's mean PSNR, detail and seconds over the rows, in the order the methods first appear. */
    public static List<Summary> summarise(List<Row> rows) {
        Map<String, double[]> sums = new LinkedHashMap<>();
        for (Row r : rows) {
            double[] s = sums.computeIfAbsent(r.method(), k -> new double[5]);
            s[0]++;
            s[1] += r.psnr();
            if (!Double.isNaN(r.detail())) {
                s[2] += r.detail();
                s[4]++;
            }
            s[3] += r.seconds();
        }
        List<Summary> out = new ArrayList<>();
        sums.forEach((method, s) -> out.add(new Summary(method, (int) s[0], s[1] / s[0],
                s[4] > 0 ? s[2] / s[4] : Double.NaN, s[3] / s[0])));
        return out;
    }
}
