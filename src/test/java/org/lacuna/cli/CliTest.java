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
        CompletionTree tree = new Inpainter(model).sample(input, SampleConfig.of(7, 2, 1, 2));
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
