package org.lacuna.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lacuna.config.Hole;
import org.lacuna.config.Mask;
import org.lacuna.data.Images;
import org.lacuna.data.MaskFiles;
import org.lacuna.data.Raster;
import org.lacuna.data.SyntheticImages;

class FillCommandTest {

    @TempDir
    Path dir;

    /** Every kept pixel of {@code filled} is the photo's; returns how many hole sub-pixels changed. */
    static int checkOnlyMaskedPixelsChanged(Raster photo, Raster filled, Mask mask) {
        assertEquals(photo.width(), filled.width());
        assertEquals(photo.height(), filled.height());
        int changed = 0;
        for (int y = 0; y < photo.height(); y++) {
            for (int x = 0; x < photo.width(); x++) {
                for (int c = 0; c < photo.channels(); c++) {
                    if (!mask.contains(y, x)) {
                        assertEquals(photo.get(x, y, c), filled.get(x, y, c), "kept pixel " + x + "," + y);
                    } else if (photo.get(x, y, c) != filled.get(x, y, c)) {
                        changed++;
                    }
                }
            }
        }
        return changed;
    }

    static Mask blob(int width, int height, int cx, int cy, int r) {
        boolean[] h = new boolean[width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                h[y * width + x] = (x - cx) * (x - cx) + (y - cy) * (y - cy) < r * r || (y == cy && Math.abs(x - cx) < 2 * r);
            }
        }
        return Mask.of(width, height, h);
    }

    @Test
    void aFolderWithOneBadPairFillsTheOthersNamesTheBadOneAndExitsWithOne() throws Exception {
        Path photos = Files.createDirectories(dir.resolve("photos"));
        Path masks = Files.createDirectories(dir.resolve("masks"));
        Path out = dir.resolve("out");
        Raster a = SyntheticImages.photo(120, 90, 3, 1);
        Raster b = SyntheticImages.photo(80, 100, 3, 2);
        Raster c = SyntheticImages.photo(70, 70, 3, 3);
        Images.write(a, photos.resolve("a.png"));
        Images.write(b, photos.resolve("b.png"));
        Images.write(c, photos.resolve("c.png"));
        Images.write(SyntheticImages.photo(60, 60, 3, 4), photos.resolve("d.png"));
        Mask ma = blob(120, 90, 40, 50, 9);
        Mask mb = blob(80, 100, 60, 20, 6);
        MaskFiles.write(ma, masks.resolve("a.png"));
        MaskFiles.write(mb, masks.resolve("b.png"));
        MaskFiles.write(blob(50, 50, 20, 20, 5), masks.resolve("c.png")); // of another size
        // d has no mask
        Files.writeString(photos.resolve("notes.txt"), "not a photo");

        CliTest.Result r = CliTest.run("fill", "--image", photos.toString(), "--mask", masks.toString(), "--out",
                out.toString(), "--method", "ns");
        assertEquals(1, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("c.png") && r.err().contains("50x50"), r.err());
        assertTrue(r.err().contains("d.png") && r.err().contains("no mask"), r.err());
        assertFalse(r.err().contains("a.png") || r.err().contains("b.png"), r.err());
        assertTrue(r.out().contains("filled 2 of 4 photos") && r.out().contains("[") && r.out().contains("4/4"),
                r.out());
        assertTrue(checkOnlyMaskedPixelsChanged(a, Images.read(out.resolve("a.png"), 3), ma) > ma.area());
        assertTrue(checkOnlyMaskedPixelsChanged(b, Images.read(out.resolve("b.png"), 3), mb) > mb.area());
        assertFalse(Files.exists(out.resolve("c.png")) || Files.exists(out.resolve("d.png")));
    }

    @Test
    void theModelFillsOnePhotoWithCandidatesAndEveryClassicalMethodWorks() throws Exception {
        Raster photo = SyntheticImages.photo(150, 100, 3, 7);
        Path file = dir.resolve("photo.png");
        Images.write(photo, file);
        Mask mask = blob(150, 100, 90, 40, 10);
        Path maskFile = dir.resolve("photo-mask.png");
        MaskFiles.write(mask, maskFile);

        CliTest.Result model = CliTest.run("fill", "--image", file.toString(), "--mask", maskFile.toString(), "--out",
                dir.resolve("model").toString(), "--samples", "2", "--seed", "3");
        assertEquals(0, model.code(), model.out() + model.err());
        Raster one = Images.read(dir.resolve("model").resolve("photo-1.png"), 3);
        Raster two = Images.read(dir.resolve("model").resolve("photo-2.png"), 3);
        assertTrue(checkOnlyMaskedPixelsChanged(photo, one, mask) > mask.area());
        checkOnlyMaskedPixelsChanged(photo, two, mask);
        assertNotEquals(one, two);
        assertTrue(model.out().contains("1/1") && model.out().contains("full resolution"), model.out());

        for (String method : new String[]{"telea", "fsr-fast", "meanfill"}) {
            CliTest.Result r = CliTest.run("fill", "--image", file.toString(), "--mask", maskFile.toString(), "--out",
                    dir.resolve(method).toString(), "--method", method);
            assertEquals(0, r.code(), method + ": " + r.out() + r.err());
            assertTrue(checkOnlyMaskedPixelsChanged(photo, Images.read(dir.resolve(method).resolve("photo.png"), 3),
                    mask) > 0, method);
        }
        CliTest.Result wrong = CliTest.run("fill", "--image", file.toString(), "--mask", maskFile.toString(), "--out",
                dir.resolve("x").toString(), "--method", "magic");
        assertEquals(1, wrong.code());
        assertTrue(wrong.err().contains("magic") && wrong.err().contains("fsr-best"), wrong.err());
        // a hole wider than a model window: filled at full resolution like any other
        Mask wideMask = Mask.of(new Hole(50, 2, 6, 146), 150, 100);
        MaskFiles.write(wideMask, maskFile);
        CliTest.Result wide = CliTest.run("fill", "--image", file.toString(), "--mask", maskFile.toString(), "--out",
                dir.resolve("wide").toString());
        assertEquals(0, wide.code(), wide.out() + wide.err());
        assertTrue(checkOnlyMaskedPixelsChanged(photo, Images.read(dir.resolve("wide").resolve("photo.png"), 3),
                wideMask) > wideMask.area(), wide.out());
    }
}
