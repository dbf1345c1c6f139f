package org.lacuna.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lacuna.config.Presets;
import org.lacuna.config.SampleConfig;
import org.lacuna.data.Images;
import org.lacuna.data.Raster;
import org.lacuna.model.Hvae;
import org.lacuna.sample.CompletionTree;
import org.lacuna.sample.Inpainter;
import org.lacuna.sample.TreeGrid;

class CliTest {

    @TempDir
    Path dir;

    record Result(int code, String out, String err) {
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = Cli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void filesOpenTheAppWhileCommandsOptionsAndTyposGoToTheCli() throws Exception {
        Path photo = java.nio.file.Files.createFile(dir.resolve("holiday photo"));
        assertEquals(false, Cli.isCommandLine());
        assertEquals(false, Cli.isCommandLine("beach.jpg"));
        assertEquals(false, Cli.isCommandLine("BEACH.JPEG", "other.png"));
        assertEquals(false, Cli.isCommandLine("model.lacuna", "beach.webp"));
        assertEquals(false, Cli.isCommandLine("weights.npz"));
        // an existing file without an image's extension is a file too
        assertEquals(false, Cli.isCommandLine(photo.toString()));
        assertEquals(true, Cli.isCommandLine("train", "--preset", "coco64"));
        assertEquals(true, Cli.isCommandLine("selftest"));
        assertEquals(true, Cli.isCommandLine("--version"));
        assertEquals(true, Cli.isCommandLine("-h"));
        // a mistyped command is neither: the CLI says what it did not recognise
        assertEquals(true, Cli.isCommandLine("trian"));
        Result typo = run("trian");
        assertEquals(2, typo.code());
        assertTrue(typo.err().contains("trian"), typo.err());
    }

    @Test
    void selftestSamplesADemoPhotoWithTheShippedModel() {
        org.junit.jupiter.api.Assumptions.assumeTrue(
                org.lacuna.service.ModelService.class.getResource(org.lacuna.service.ModelService.SHIPPED_MODEL) != null,
                "this build carries no shipped model");
        Result r = run("selftest");
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("model: shipped coco64"), r.out());
        assertTrue(r.out().contains("sampled: 1 completion in"), r.out());
        assertTrue(r.out().contains("Navier-Stokes"), r.out());
        assertTrue(r.out().contains("selftest: ok"), r.out());
    }

    @Test
    void soakSamplesAloneThenTrainsAndSamplesAtOnceAndEndsWithTheGrowthLine() {
        Result r = run("soak", "--minutes", "0.35", "--preset", "fashion32", "--batch", "4", "--sample-calls", "20",
                "--report-seconds", "5");
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("sampling alone: 20 calls"), r.out());
        long rows = r.out().lines().filter(l -> l.matches(" *\\d+\\.\\d +\\d+ +\\d+ +\\d+ +\\d+ +\\d+")).count();
        assertTrue(rows >= 3, "a memory report every 5 s: " + r.out());
        String last = r.out().lines().reduce((a, b) -> b).orElse("");
        assertTrue(last.matches("rss_growth_pct_per_hour: -?\\d+\\.\\d\\d"), last);
    }

    @Test
    void curveDrawsValidationAndEvalReportsByImagesSeenAndWritesTheirNumbers() throws Exception {
        Path runDir = java.nio.file.Files.createDirectories(dir.resolve("run"));
        org.lacuna.store.RunDirectory run = new org.lacuna.store.RunDirectory(runDir);
        run.writeConfig(new org.lacuna.config.RunConfig(Presets.FASHION32,
                org.lacuna.config.TrainConfig.builder("photos").batchSize(8).build()));
        try (var metrics = run.openMetrics()) {
            metrics.write(new org.lacuna.store.ValidationRecord(100, 900, new double[]{1, 2, 3}, 5.5, 64, true));
            metrics.write(new org.lacuna.store.ValidationRecord(200, 800, new double[]{1, 2, 3}, 5.0, 64, true));
        }
        Path evals = java.nio.file.Files.createDirectories(dir.resolve("evals"));
        java.nio.file.Files.writeString(evals.resolve("step-0000200.json"), "{\"images\": 10, \"samples\": 16,"
                + " \"psnr_mean\": 24.5, \"psnr_best\": 25.25, \"baselines\": {\"ns\": {\"psnr\": 26.0},"
                + " \"telea\": {\"psnr\": 25.5}}}");
        java.nio.file.Files.writeString(evals.resolve("notes.txt"), "not a report: ignored");
        Path png = dir.resolve("curve.png");
        Result r = run("curve", "--run", runDir.toString(), "--evals", evals.toString(), "--out", png.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("2 validation points, 1 eval reports"), r.out());
        java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(png.toFile());
        assertEquals(960, image.getWidth());
        assertEquals(java.util.List.of(
                "images_seen\tstep\tvalidation_bpd\tpsnr_mean\tpsnr_best\tpsnr_ns\tpsnr_telea",
                "800\t100\t5.5000\t\t\t\t", "1600\t200\t5.0000\t24.5000\t25.2500\t26.0000\t25.5000"),
                java.nio.file.Files.readAllLines(dir.resolve("curve.tsv")));
        Result missing = run("curve", "--run", dir.resolve("nothing").toString(), "--out", png.toString());
        assertEquals(1, missing.code());
        assertTrue(missing.err().contains("not a run folder"), missing.err());

        // a run warm-started from the step-200 weights of that run: drawn after it, its steps counted from 200
        Path earlier = dir.resolve("earlier.tsv");
        java.nio.file.Files.copy(dir.resolve("curve.tsv"), earlier);
        Path joined = dir.resolve("joined.png");
        Result both = run("curve", "--run", runDir.toString(), "--evals", evals.toString(), "--earlier",
                earlier.toString(), "--steps-before", "200", "--out", joined.toString());
        assertEquals(0, both.code(), both.err());
        assertTrue(both.out().contains("4 validation points, 2 eval reports"), both.out());
        assertEquals(java.util.List.of(
                "images_seen\tstep\tvalidation_bpd\tpsnr_mean\tpsnr_best\tpsnr_ns\tpsnr_telea",
                "800\t100\t5.5000\t\t\t\t", "1600\t200\t5.0000\t24.5000\t25.2500\t26.0000\t25.5000",
                "2400\t300\t5.5000\t\t\t\t", "3200\t400\t5.0000\t24.5000\t25.2500\t26.0000\t25.5000"),
                java.nio.file.Files.readAllLines(dir.resolve("joined.tsv")));
        // a curve of another batch size, or a file that is not a curve, is refused with the file and the line
        java.nio.file.Files.writeString(earlier, "images_seen\tstep\tvalidation_bpd\tpsnr_mean\tpsnr_best\tpsnr_ns"
                + "\tpsnr_telea\n999\t100\t5.5\t\t\t\t\n");
        Result wrongBatch = run("curve", "--run", runDir.toString(), "--earlier", earlier.toString(), "--out",
                joined.toString());
        assertEquals(1, wrongBatch.code());
        assertTrue(wrongBatch.err().contains("earlier.tsv, line 2") && wrongBatch.err().contains("batch 8"),
                wrongBatch.err());
    }

    @Test
    void infoPrintsTheDesignsParameterCounts() {
        Result every = run("info", "--preset", "coco64");
        assertEquals(0, every.code(), every.err());
        assertTrue(every.out().contains("parameters: 2591430"), every.out());
        assertTrue(every.out().contains("\"conditioning\" : \"every-level\""), every.out());
        Result top = run("info", "--preset", "coco64", "--conditioning", "top-only");
        assertTrue(top.out().contains("parameters: 2361030"), top.out());
    }

    @Test
    void sampleWritesAGridWhoseTilesKeepTheInputsBorder() throws Exception {
        Path image = dir.resolve("photo.png");
        Raster photo = org.lacuna.data.SyntheticImages.photo(48, 40, 3, 3);
        Images.write(photo, image);
        Path grid = dir.resolve("grid.png");
        Result r = run("sample", "--preset", "fashion32", "--image", image.toString(), "--branching", "2,1,2",
                "--seed", "7", "--out", grid.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("4 completions"), r.out());

        // the same request through the library gives the same grid, and every tile keeps the input's border
        Hvae model = Hvae.create(Presets.FASHION32, 1);
        Raster grey = Images.read(image, 1);
        Raster input = Images.resize(Images.centreSquare(grey), 32, 32);
        // sample's default temperature is SampleConfig.DEFAULT_TEMPERATURE at every level
        double t = SampleConfig.DEFAULT_TEMPERATURE;
        CompletionTree tree = new Inpainter(model).sample(input,
                new SampleConfig(new int[]{2, 1, 2}, new double[]{t, t, t}, 7));
        TreeGrid.Layout layout = TreeGrid.render(tree, Presets.FASHION32.hole(), 1);
        Raster written = Images.read(grid, 1);
        assertEquals(layout.image(), written);
        assertEquals(4, layout.tiles().size());
        for (TreeGrid.Tile tile : layout.tiles()) {
            for (int y = 0; y < 32; y++) {
                for (int x = 0; x < 32; x++) {
                    if (!Presets.FASHION32.hole().contains(y, x)) {
                        assertEquals(input.get(x, y, 0), written.get(tile.x() + x, tile.y() + y, 0));
                    }
                }
            }
        }
    }

    @Test
    void aMissingOrBrokenImageIsOneClearLine() throws Exception {
        Result missing = run("sample", "--preset", "fashion32", "--image", dir.resolve("nope.png").toString(),
                "--branching", "1,1,1", "--out", dir.resolve("g.png").toString());
        assertEquals(1, missing.code());
        assertTrue(missing.err().contains("nope.png") && missing.err().contains("no such file"), missing.err());

        Path broken = dir.resolve("broken.jpg");
        java.nio.file.Files.write(broken, new byte[]{(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 0, 1, 2, 3});
        Result bad = run("sample", "--preset", "fashion32", "--image", broken.toString(), "--branching", "1,1,1",
                "--out", dir.resolve("g.png").toString());
        assertEquals(1, bad.code());
        assertTrue(bad.err().contains("broken.jpg"), bad.err());
        assertTrue(!java.nio.file.Files.exists(dir.resolve("g.png")));
    }

    @Test
    void aWrongBranchingIsRefusedWithTheReason() {
        Result r = run("sample", "--preset", "fashion32", "--image", "x.png", "--branching", "2,2", "--out", "g.png");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("3 counts"), r.err());
    }
}
