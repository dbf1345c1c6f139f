package org.lacuna.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lacuna.data.Images;
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
}
