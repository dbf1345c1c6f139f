package org.lacuna.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CancellationException;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lacuna.config.Conditioning;
import org.lacuna.config.Hole;
import org.lacuna.config.Json;
import org.lacuna.config.SampleConfig;
import org.lacuna.data.Raster;
import org.lacuna.model.Hvae;
import org.lacuna.model.TinyConfigs;
import org.lacuna.sample.Inpainter;

class EvaluatorTest {

    private static Hvae model;
    private static List<Raster> images;
    private static EvalOptions options;
    private static EvalReport report;
    private static List<EvalProgress> progress = new ArrayList<>();

    @TempDir
    Path dir;

    @BeforeAll
    static void evaluate() {
        model = Hvae.create(TinyConfigs.tiny(Conditioning.EVERY_LEVEL), 12);
        images = LikelihoodPassTest.photos(6, 8, 1);
        options = new EvalOptions(3, 8, 5, 4);
        report = Evaluator.evaluate(model, images, options, progress::add, () -> false);
    }

    @Test
    void theReportHasEveryNumberInItsRange() {
        assertEquals("tiny", report.model());
        assertEquals(6, report.images());
        assertEquals(3, report.samples());
        assertTrue(report.bpd() > 0 && Double.isFinite(report.bpd()), "bpd " + report.bpd());
        assertTrue(report.bpdIw() < report.bpd(), "IW bound " + report.bpdIw() + " vs ELBO " + report.bpd());
        for (Quality q : List.of(report.mean(), report.best(), report.baselines().get(Baseline.TELEA))) {
            assertTrue(q.psnr() > 0 && q.psnr() < Metrics.MAX_PSNR, q.toString());
            assertTrue(q.ssim() > -1 && q.ssim() <= 1, q.toString());
        }
        assertEquals(Set.of(Baseline.values()), report.baselines().keySet());
        assertTrue(report.diversity() > 0 && report.diversity() < 1, "diversity " + report.diversity());
        assertEquals(2, report.activeUnits().size());
        assertEquals(new LevelActivity(1, report.activeUnits().get(0).active(), 2 * 4 * 4), report.activeUnits().get(0));
        assertEquals(3 * 2 * 2, report.activeUnits().get(1).units());
    }

    @Test
    void theMeanCompletionScoresAreTheInpaintersPriorMeanFill() {
        Hole hole = model.config().hole();
        double psnr = 0, ssim = 0;
        Inpainter inpainter = new Inpainter(model);
        for (Raster truth : images) {
            Raster fill = inpainter.sample(truth, SampleConfig.of(0, 0, 0)).leaves().get(0).image();
            psnr += Metrics.psnr(fill, truth, hole) / images.size();
            ssim += Ssim.ssim(fill, truth, hole) / images.size();
        }
        assertEquals(psnr, report.mean().psnr(), 1e-9);
        assertEquals(ssim, report.mean().ssim(), 1e-9);
        double meanFill = 0;
        for (Raster truth : images) {
            meanFill += Metrics.psnr(Baselines.meanFill(truth, hole), truth, hole) / images.size();
        }
        assertEquals(meanFill, report.baselines().get(Baseline.MEAN_FILL).psnr(), 1e-9);
    }

    @Test
    void progressCountsImagesAndKnowsTheTotalOfACollection() {
        assertEquals(6, progress.size());
        assertEquals(new EvalProgress(1, 6), progress.get(0));
        assertEquals(new EvalProgress(6, 6), progress.get(5));
        // an Iterable that is not a Collection: total unknown; and the same seed gives the same numbers at
        // another batch size
        List<EvalProgress> seen = new ArrayList<>();
        Iterable<Raster> stream = () -> images.subList(0, 2).iterator();
        EvalReport again = Evaluator.evaluate(model, stream, new EvalOptions(3, 0, 5, 1), seen::add, () -> false);
        assertEquals(new EvalProgress(2, -1), seen.get(1));
        assertFalse(again.hasIwBound());
        assertTrue(Double.isNaN(again.bpdIw()));
        EvalReport firstTwo = Evaluator.evaluate(model, images.subList(0, 2), new EvalOptions(3, 2, 5, 2));
        assertEquals(firstTwo.bpd(), again.bpd(), 1e-5 * firstTwo.bpd());
        assertEquals(firstTwo.best(), again.best());
        assertEquals(firstTwo.diversity(), again.diversity(), 1e-12);
    }

    @Test
    void cancellingStopsAndBadInputIsRefusedWithTheReason() {
        int[] calls = {0};
        assertThrows(CancellationException.class, () -> Evaluator.evaluate(model, images, options, p -> { },
                () -> ++calls[0] > 2));
        var empty = assertThrows(IllegalArgumentException.class,
                () -> Evaluator.evaluate(model, List.of(), options));
        assertTrue(empty.getMessage().contains("no images"), empty.getMessage());
        List<Raster> wrong = List.of(images.get(0), Raster.blank(16, 16, 1));
        var size = assertThrows(IllegalArgumentException.class, () -> Evaluator.evaluate(model, wrong, options));
        assertTrue(size.getMessage().contains("image 1 is 16x16x1") && size.getMessage().contains("8x8x1"),
                size.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new EvalOptions(0, 0, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new EvalOptions(1, -1, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new EvalOptions(1, 0, 1, 0));
    }

    @Test
    void theJsonHasTheAgreedKeysAndTheTableBothSides() throws Exception {
        Path file = dir.resolve("out/report.json");
        Reports.writeJson(report, file);
        JsonNode json = Json.mapper().readTree(Files.readString(file));
        Set<String> keys = new TreeSet<>();
        json.fieldNames().forEachRemaining(keys::add);
        assertTrue(keys.containsAll(Set.of("bpd", "psnr_mean", "psnr_best", "ssim_mean", "diversity", "active_units",
                "baselines", "ssim_best", "bpd_iw", "images", "samples")), keys.toString());
        assertEquals(report.bpd(), json.get("bpd").asDouble(), 0);
        assertEquals(report.bpdIw(), json.get("bpd_iw").asDouble(), 0);
        assertEquals(report.mean().psnr(), json.get("psnr_mean").asDouble(), 0);
        assertEquals(2, json.get("active_units").size());
        assertEquals(report.activeUnits().get(0).share(), json.get("active_units").get(0).asDouble(), 0);
        for (String b : List.of("meanfill", "telea", "ns", "fsr_fast", "fsr_best")) {
            assertTrue(json.get("baselines").get(b).get("psnr").isNumber(), b);
            assertTrue(json.get("baselines").get(b).get("ssim").isNumber(), b);
        }
        assertEquals(5, json.get("baselines").size());
        assertTrue(json.get("masks").isNull());
        EvalReport noIw = new EvalReport("m", 1, 1, 0, 1, 1.0, Double.NaN, report.mean(), report.best(), 0,
                report.activeUnits(), report.baselines());
        assertTrue(Json.mapper().readTree(Reports.toJson(noIw)).get("bpd_iw").isNull());

        String table = Reports.table(report);
        for (String label : List.of("model, mean completion", "model, best of 3", "mean fill", "OpenCV Telea",
                "OpenCV Navier-Stokes", "importance-weighted, K = 8", "active units: z1")) {
            assertTrue(table.contains(label), label + " missing from\n" + table);
        }
    }

    @Test
    void temperaturesScaleTheCompletionsAndAreReportedOnlyWhenNotOne() {
        int levels = model.config().levelCount();
        double[] cold = new double[levels];
        java.util.Arrays.fill(cold, 1e-6);
        List<Raster> three = images.subList(0, 3);
        EvalReport unit = Evaluator.evaluate(model, three, new EvalOptions(3, 0, 5, 4));
        EvalReport frozen = Evaluator.evaluate(model, three, new EvalOptions(3, 0, 5, 4).withTemperatures(cold));
        // the mean completion and the bound do not depend on the temperature; the k completions do
        assertEquals(unit.mean().psnr(), frozen.mean().psnr(), 1e-9);
        assertEquals(unit.bpd(), frozen.bpd(), 1e-9);
        assertTrue(unit.diversity() > 1e-3, "diversity at temperature 1: " + unit.diversity());
        assertTrue(frozen.diversity() < 1e-4, "diversity near temperature 0: " + frozen.diversity());
        assertEquals(frozen.mean().psnr(), frozen.best().psnr(), 0.05, "near temperature 0 every draw is the mean");

        assertFalse(Reports.toJsonTree(unit).has("temperatures"));
        JsonNode json = Reports.toJsonTree(frozen);
        assertEquals(levels, json.get("temperatures").size());
        assertEquals(1e-6, json.get("temperatures").get(0).asDouble(), 1e-12);
        assertTrue(Reports.table(frozen).contains("temperatures"), Reports.table(frozen));

        double[] wrongLength = new double[levels + 1];
        java.util.Arrays.fill(wrongLength, 1);
        assertThrows(IllegalArgumentException.class,
                () -> Evaluator.evaluate(model, three, new EvalOptions(3, 0, 5, 4).withTemperatures(wrongLength)));
        assertThrows(IllegalArgumentException.class, () -> new EvalOptions(3, 0, 5, 4, new double[]{0}));
    }

    @Test
    void theCentreHoleAsAMaskPerImageGivesTheSameReportBitForBitAndOtherMasksScoreTheirOwnPixels() {
        int side = model.config().imageSize();
        org.lacuna.config.Mask centre = org.lacuna.config.Mask.of(model.config().hole(), side, side);
        List<org.lacuna.config.Mask> same = java.util.Collections.nCopies(images.size(), centre);
        EvalReport masked = Evaluator.evaluate(model, images, same, "centre masks", options, p -> { }, () -> false,
                s -> { });
        var plain = Reports.toJsonTree(report);
        var byMask = Reports.toJsonTree(masked);
        assertTrue(plain.get("masks").isNull());
        assertEquals("centre masks", byMask.get("masks").asText());
        plain.remove("masks");
        byMask.remove("masks");
        assertEquals(plain.toString(), byMask.toString());

        // free-form holes: the mean completion changes only each image's own hole, bits/dim are over those pixels
        org.lacuna.data.MaskSampler sampler = new org.lacuna.data.MaskSampler(
                org.lacuna.config.MaskDistribution.FREE_FORM, side, model.config().hole(), 2);
        List<org.lacuna.config.Mask> own = new ArrayList<>();
        for (int i = 0; i < images.size(); i++) {
            own.add(sampler.mask(i));
        }
        List<ImageScore> scores = new ArrayList<>();
        EvalReport free = Evaluator.evaluate(model, images, own, "free-form", options.withBaselines(
                java.util.EnumSet.of(Baseline.NS, Baseline.MEAN_FILL)), p -> { }, () -> false, scores::add);
        assertEquals(Set.of(Baseline.NS, Baseline.MEAN_FILL), free.baselines().keySet());
        assertTrue(free.bpd() > 0 && Double.isFinite(free.bpd()));
        assertEquals("free-form", free.masks());
        double psnr = 0;
        for (ImageScore s : scores) {
            org.lacuna.config.Mask m = own.get(s.index());
            for (int y = 0; y < side; y++) {
                for (int x = 0; x < side; x++) {
                    if (!m.contains(y, x)) {
                        assertEquals(s.truth().get(x, y, 0), s.mean().get(x, y, 0));
                        assertEquals(s.truth().get(x, y, 0), s.fills().get(Baseline.NS).get(x, y, 0));
                    }
                }
            }
            psnr += Metrics.psnr(s.mean(), s.truth(), m) / images.size();
        }
        assertEquals(psnr, free.mean().psnr(), 1e-9);
        assertThrows(IllegalArgumentException.class, () -> Evaluator.evaluate(model, images, own.subList(0, 2), "x",
                options, p -> { }, () -> false, s -> { }));
    }
}
