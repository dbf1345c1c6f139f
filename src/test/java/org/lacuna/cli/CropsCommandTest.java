package org.lacuna.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lacuna.config.Mask;
import org.lacuna.data.Images;
import org.lacuna.data.MaskFiles;
import org.lacuna.data.PhotoCrops;
import org.lacuna.data.Raster;
import org.lacuna.data.SyntheticImages;

class CropsCommandTest {

    @TempDir
    Path dir;

    @Test
    void theSamePhotosAndSeedGiveTheSameCropsInAnyArgumentOrderAndUnderAnyName() throws Exception {
        Path a = dir.resolve("a.png");
        Path b = dir.resolve("b.png");
        Images.write(SyntheticImages.photo(700, 500, 3, 1), a);
        Images.write(SyntheticImages.photo(400, 900, 3, 2), b);
        CliTest.Result one = CliTest.run("crops", "--out", dir.resolve("one").toString(), "--count", "6", "--seed", "3",
                a.toString(), b.toString());
        assertEquals(0, one.code(), one.err());
        Path renamed = dir.resolve("0-first.png");
        Files.copy(b, renamed);
        CliTest.Result two = CliTest.run("crops", "--out", dir.resolve("two").toString(), "--count", "6", "--seed", "3",
                renamed.toString(), a.toString());
        assertEquals(0, two.code(), two.err());
        for (int i = 0; i < 6; i++) {
            String name = String.format("crop-%05d.png", i);
            Raster r = Images.read(dir.resolve("one").resolve(name), 3);
            assertEquals(64, r.width());
            assertTrue(!PhotoCrops.isFlat(r));
            assertArrayEquals(Files.readAllBytes(dir.resolve("one").resolve(name)),
                    Files.readAllBytes(dir.resolve("two").resolve(name)));
        }
        String manifest = Files.readString(dir.resolve("one").resolve("crops.tsv"));
        assertTrue(manifest.contains("crop-00000.png\t") && manifest.contains("a.png") && manifest.contains("b.png"),
                manifest);

        CliTest.Result again = CliTest.run("crops", "--out", dir.resolve("one").toString(), a.toString());
        assertEquals(1, again.code());
        assertTrue(again.err().contains("not an empty folder"), again.err());
        CliTest.Result missing = CliTest.run("crops", "--out", dir.resolve("x").toString(), dir.resolve("no.png").toString());
        assertEquals(1, missing.code());
        assertTrue(missing.err().contains("no.png"), missing.err());
    }

    @Test
    void cropsWithMasksAreTheSameForASeedAndEvalReadsThemAndNamesAMissingOne() throws Exception {
        Path a = dir.resolve("a.png");
        Images.write(SyntheticImages.photo(300, 200, 3, 1), a);
        CliTest.Result one = CliTest.run("crops", "--out", dir.resolve("c1").toString(), "--count", "5", "--masks",
                dir.resolve("m1").toString(), "--mask-seed", "4", a.toString());
        assertEquals(0, one.code(), one.err());
        CliTest.Result two = CliTest.run("crops", "--out", dir.resolve("c2").toString(), "--count", "5", "--masks",
                dir.resolve("m2").toString(), "--mask-seed", "4", a.toString());
        assertEquals(0, two.code(), two.err());
        CliTest.Result other = CliTest.run("crops", "--out", dir.resolve("c3").toString(), "--count", "5", "--masks",
                dir.resolve("m3").toString(), "--mask-seed", "5", a.toString());
        assertEquals(0, other.code(), other.err());
        int differ = 0;
        for (int i = 0; i < 5; i++) {
            String name = String.format("crop-%05d.png", i);
            assertArrayEquals(Files.readAllBytes(dir.resolve("m1").resolve(name)),
                    Files.readAllBytes(dir.resolve("m2").resolve(name)));
            Mask m = MaskFiles.read(dir.resolve("m1").resolve(name));
            assertEquals(64, m.width());
            assertTrue(m.coverage() >= 0.05 && m.coverage() <= 0.6, m.toString());
            if (!m.equals(MaskFiles.read(dir.resolve("m3").resolve(name)))) {
                differ++;
            }
        }
        assertTrue(differ >= 3, "another mask seed gives other masks");
        // the crops themselves are those without --masks
        CliTest.Result plain = CliTest.run("crops", "--out", dir.resolve("c4").toString(), "--count", "5", a.toString());
        assertEquals(0, plain.code(), plain.err());
        assertArrayEquals(Files.readAllBytes(dir.resolve("c1").resolve("crop-00003.png")),
                Files.readAllBytes(dir.resolve("c4").resolve("crop-00003.png")));
        CliTest.Result inside = CliTest.run("crops", "--out", dir.resolve("c5").toString(), "--masks",
                dir.resolve("c5").resolve("masks").toString(), a.toString());
        assertEquals(1, inside.code());

        Path json = dir.resolve("masked.json");
        CliTest.Result eval = CliTest.run("eval", "--preset", "coco64", "--data", dir.resolve("c1").toString(),
                "--masks", dir.resolve("m1").toString(), "--samples", "2", "--limit", "3", "--baselines",
                "ns,fsr-fast", "--json", json.toString());
        assertEquals(0, eval.code(), eval.err());
        assertTrue(eval.out().contains("each image's own mask") && eval.out().contains("OpenCV FSR fast")
                && !eval.out().contains("OpenCV Telea"), eval.out());
        String report = Files.readString(json);
        assertTrue(report.contains("\"fsr_fast\"") && report.contains("\"masks\""), report);

        Files.delete(dir.resolve("m1").resolve("crop-00001.png"));
        CliTest.Result missing = CliTest.run("eval", "--preset", "coco64", "--data", dir.resolve("c1").toString(),
                "--masks", dir.resolve("m1").toString(), "--samples", "2");
        assertEquals(1, missing.code());
        assertTrue(missing.err().contains("crop-00001.png") && missing.err().contains("no mask"), missing.err());
        MaskFiles.write(MaskFiles.read(dir.resolve("m1").resolve("crop-00000.png")).crop(0, 0, 32, 32),
                dir.resolve("m1").resolve("crop-00001.png"));
        CliTest.Result mismatched = CliTest.run("eval", "--preset", "coco64", "--data", dir.resolve("c1").toString(),
                "--masks", dir.resolve("m1").toString(), "--samples", "2");
        assertEquals(1, mismatched.code());
        assertTrue(mismatched.err().contains("crop-00001.png") && mismatched.err().contains("32x32"),
                mismatched.err());
    }
}
