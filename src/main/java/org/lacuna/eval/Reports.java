package org.lacuna.eval;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.lacuna.config.Json;
import org.lacuna.store.AtomicFiles;

/**
 * An {@link EvalReport} as a printed table and as JSON. The JSON keys:
 * <pre>
 * bpd, psnr_mean, psnr_best, ssim_mean, diversity,
 * active_units        the share of active units of each level, z1 first,
 * baselines           {meanfill, telea, ns, fsr_fast, fsr_best} (those scored), each {psnr, ssim},
 * masks               null for the model's own hole, else what the holes were (eval --masks: the folder),
 * and besides: model, images, samples, seed, ssim_best,
 * bpd_iw              the importance-weighted bound in bits/dim, null when not computed,
 * iw_samples          K (0 when not computed),
 * active_units_count  the number of active units of each level, z1 first,
 * latent_units        the number of units of each level, z1 first,
 * temperatures        the completions' temperature per level, top level first; only when some level's is not 1,
 * per_image           a row per window (eval --json and the app's saved report): index, source, psnr_mean,
 *                     psnr_best, psnr_ns, psnr_telea, gain_over_ns.
 * </pre>
 */
public final class Reports {

    private Reports() {
    }

    public static ObjectNode toJsonTree(EvalReport r) {
        ObjectNode root = Json.mapper().createObjectNode();
        root.put("model", r.model());
        root.put("images", r.images());
        root.put("samples", r.samples());
        root.put("seed", r.seed());
        double[] temperatures = r.nonUnitTemperatures();
        if (temperatures != null) {
            var array = root.putArray("temperatures");
            for (double t : temperatures) {
                array.add(t);
            }
        }
        if (r.masks() == null) {
            root.putNull("masks");
        } else {
            root.put("masks", r.masks());
        }
        root.put("bpd", r.bpd());
        root.put("bpd_over", r.modelled().equals(EvalReport.HOLE) ? "hole" : "image");
        if (r.hasIwBound()) {
            root.put("bpd_iw", r.bpdIw());
        } else {
            root.putNull("bpd_iw");
        }
        root.put("iw_samples", r.iwSamples());
        root.put("psnr_mean", r.mean().psnr());
        root.put("psnr_best", r.best().psnr());
        root.put("ssim_mean", r.mean().ssim());
        root.put("ssim_best", r.best().ssim());
        root.put("diversity", r.diversity());
        ArrayNode shares = root.putArray("active_units");
        ArrayNode counts = root.putArray("active_units_count");
        ArrayNode units = root.putArray("latent_units");
        for (LevelActivity a : r.activeUnits()) {
            shares.add(a.share());
            counts.add(a.active());
            units.add(a.units());
        }
        ObjectNode baselines = root.putObject("baselines");
        for (Map.Entry<Baseline, Quality> e : r.baselines().entrySet()) {
            ObjectNode b = baselines.putObject(e.getKey().key());
            b.put("psnr", e.getValue().psnr());
            b.put("ssim", e.getValue().ssim());
        }
        return root;
    }

    public static String toJson(EvalReport r) {
        try {
            return Json.mapper().writeValueAsString(toJsonTree(r));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the report as JSON", e);
        }
    }

    /** Writes the JSON report to a file, atomically. */
    public static void writeJson(EvalReport r, Path file) throws IOException {
        AtomicFiles.writeString(file, toJson(r) + System.lineSeparator());
    }

    /**
     * Writes the JSON report with a row per evaluated window under {@code per_image} (index, source, psnr_mean,
     * psnr_best, psnr_ns, psnr_telea, gain_over_ns), atomically.
     */
    public static void writeJson(EvalReport r, java.util.List<ImageRow> rows, Path file) throws IOException {
        ObjectNode root = toJsonTree(r);
        ArrayNode array = root.putArray("per_image");
        for (ImageRow row : rows) {
            ObjectNode o = array.addObject();
            o.put("index", row.index());
            o.put("source", row.source());
            o.put("psnr_mean", row.psnrMean());
            o.put("psnr_best", row.psnrBest());
            putScore(o, "psnr_ns", row.psnrNavierStokes());
            putScore(o, "psnr_telea", row.psnrTelea());
            putScore(o, "gain_over_ns", row.psnrMean() - row.psnrNavierStokes());
        }
        try {
            AtomicFiles.writeString(file, Json.mapper().writeValueAsString(root) + System.lineSeparator());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the report as JSON", e);
        }
    }

    /** The report as a small text table: the model and the baselines side by side. */
    public static String table(EvalReport r) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%s: %d images, %d completions each, seed %d%n", r.model(), r.images(),
                r.samples(), r.seed()));
        if (r.nonUnitTemperatures() != null) {
            sb.append(String.format(Locale.ROOT, "completions at temperatures %s (top level first)%n",
                    java.util.Arrays.toString(r.nonUnitTemperatures())));
        }
        if (r.masks() != null) {
            sb.append(String.format(Locale.ROOT, "holes: each image's own mask (%s); scores over the masked pixels%n",
                    r.masks()));
        }
        sb.append(String.format(Locale.ROOT, "bits/dim of %s: %.4f (negative ELBO, one sample)", r.modelled(), r.bpd()));
        if (r.hasIwBound()) {
            sb.append(String.format(Locale.ROOT, ", %.4f (importance-weighted, K = %d)", r.bpdIw(), r.iwSamples()));
        }
        sb.append(System.lineSeparator()).append(System.lineSeparator());
        String row = "%-44s %10s %8s%n";
        sb.append(String.format(Locale.ROOT, row, "fill of the hole", "PSNR (dB)", "SSIM"));
        sb.append(qualityRow("model, mean completion", r.mean()));
        sb.append(qualityRow("model, best of " + r.samples() + " (oracle: by the true hole)", r.best()));
        for (Map.Entry<Baseline, Quality> e : r.baselines().entrySet()) {
            sb.append(qualityRow(e.getKey().label(), e.getValue()));
        }
        sb.append(System.lineSeparator());
        sb.append(String.format(Locale.ROOT, "diversity of the %d completions (mean pairwise RMS, 0..1): %.4f%n",
                r.samples(), r.diversity()));
        sb.append("active units:");
        for (LevelActivity a : r.activeUnits()) {
            sb.append(String.format(Locale.ROOT, " z%d %d/%d (%.1f%%)", a.level(), a.active(), a.units(),
                    100 * a.share()));
        }
        return sb.append(System.lineSeparator()).toString();
    }

    private static String qualityRow(String label, Quality q) {
        return String.format(Locale.ROOT, "%-44s %10.2f %8.4f%n", label, q.psnr(), q.ssim());
    }

    /** A score, or null when it was not measured (a fill left out by {@code eval --baselines}). */
    private static void putScore(ObjectNode o, String key, double value) {
        if (Double.isNaN(value)) {
            o.putNull(key);
        } else {
            o.put(key, value);
        }
    }
}
