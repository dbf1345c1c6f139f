package org.lacuna.data;

import org.lacuna.config.ExampleMode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetsTest {

    @TempDir
    Path dir;

    @Test
    void resizeModeGivesCentreSquaresResizedToTheModelSize() throws Exception {
        List<Path> files = List.of(
                TestFiles.image(dir.resolve("a.png"), 80, 60, 1, "png"),
                TestFiles.image(dir.resolve("b/b.png"), 64, 64, 2, "png"),
                TestFiles.image(dir.resolve("c.png"), 100, 130, 3, "png"));
        for (int channels : new int[]{3, 1}) {
            DataSplit split = Datasets.openForTraining(dir, 64, channels, ExampleMode.RESIZE, 0, 7);
            Dataset train = split.train();
            assertEquals(3, train.size());
            assertEquals(0, split.validation().size());
            for (int i = 0; i < 3; i++) {
                Raster expected = Images.resize(Images.centreSquare(Images.read(files.get(i), channels)), 64, 64);
                assertEquals(expected, train.example(i, 0));
                assertEquals(expected, train.example(i, 5), "resize examples do not depend on the epoch");
            }
            assertEquals(Images.read(files.get(1), channels), train.example(1, 0), "model-size images used as is");
        }
        Dataset onDemand = Datasets.openForTraining(dir, 64, 3, ExampleMode.RESIZE, 0, 7, 0).train();
        assertEquals(Images.resize(Images.centreSquare(Images.read(files.get(2), 3)), 64, 64),
                onDemand.example(2, 0), "over the memory budget, prepared images go to a temporary file");
    }

    @Test
    void cropsAreDeterministicPerSeedEpochAndIndexAndDifferAcrossThem() throws Exception {
        TestFiles.image(dir.resolve("wide.png"), 300, 180, 1, "png");
        TestFiles.image(dir.resolve("tall.png"), 150, 260, 2, "png");
        TestFiles.image(dir.resolve("big.png"), 400, 300, 3, "png"); // pre-shrunk to a short side of 4 x 32
        DataSplit a = Datasets.openForTraining(dir, 32, 3, ExampleMode.CROPS, 0, 11);
        DataSplit b = Datasets.openForTraining(dir, 32, 3, ExampleMode.CROPS, 0, 11, 0); // kept in a temporary file
        DataSplit other = Datasets.openForTraining(dir, 32, 3, ExampleMode.CROPS, 0, 12);
        Dataset train = a.train();
        assertEquals(Math.max(3 * Datasets.CROPS_PER_FILE, Datasets.MIN_CROPS), train.size());
        Set<Raster> distinct = new HashSet<>();
        for (int i = 0; i < 30; i++) {
            Raster r = train.example(i, 4);
            assertEquals(32, r.width());
            assertEquals(32, r.height());
            assertEquals(r, train.example(i, 4));
            assertEquals(r, b.train().example(i, 4));
            assertNotEquals(r, train.example(i, 5), "a new window each epoch");
            assertNotEquals(r, other.train().example(i, 4), "another seed, other windows");
            distinct.add(r);
        }
        assertEquals(30, distinct.size(), "examples differ across indices");
        Thread.currentThread().interrupt(); // as a closing BatchLoader does to its thread mid-read
        Raster whileInterrupted = b.train().example(3, 1);
        assertTrue(Thread.interrupted());
        assertEquals(train.example(3, 1), whileInterrupted);
        assertEquals(train.example(4, 1), b.train().example(4, 1), "the temporary file survives an interrupt");
        assertEquals(List.of("big.png", "tall.png", "wide.png"),
                List.of(train.source(0), train.source(1), train.source(2 + 3 * 100)));
    }

    @Test
    void aPhotoAtTheModelSizeGivesItselfAsItsOnlyCrop() throws Exception {
        Path file = TestFiles.image(dir.resolve("exact.png"), 32, 32, 4, "png");
        Dataset train = Datasets.openForTraining(dir, 32, 3, ExampleMode.CROPS, 0, 1).train();
        assertEquals(Images.read(file, 3), train.example(17, 3));
    }

    @Test
    void theSplitIsByFileDeterministicAndLeavesAFileOnEachSide() throws Exception {
        for (int i = 0; i < 10; i++) {
            TestFiles.image(dir.resolve("p" + i + ".png"), 48, 40, i, "png");
        }
        DataSplit split = Datasets.openForTraining(dir, 32, 3, ExampleMode.CROPS, 0.3, 5);
        Set<String> train = sources(split.train());
        Set<String> validation = sources(split.validation());
        assertEquals(7, train.size());
        assertEquals(3, validation.size());
        Set<String> all = new HashSet<>(train);
        all.addAll(validation);
        assertEquals(10, all.size(), "no file on both sides: " + train + " " + validation);
        assertEquals(Math.max(3 * Datasets.VALIDATION_CROPS_PER_FILE, Datasets.MIN_VALIDATION_CROPS),
                split.validation().size());
        assertEquals(split.validation().example(3, 0), split.validation().example(3, 9),
                "validation crops are fixed across epochs");

        DataSplit again = Datasets.openForTraining(dir, 32, 3, ExampleMode.RESIZE, 0.3, 5);
        assertEquals(validation, sources(again.validation()), "the split depends on the seed, not the mode");
        boolean moved = false;
        for (long seed = 6; seed < 12 && !moved; seed++) {
            moved = !validation.equals(sources(Datasets.openForTraining(dir, 32, 3, ExampleMode.RESIZE, 0.3, seed)
                    .validation()));
        }
        assertTrue(moved, "another seed gives another split");

        assertEquals(1, Datasets.openForTraining(dir, 32, 3, ExampleMode.RESIZE, 0.01, 5).validation().size());
        assertEquals(1, Datasets.openForTraining(dir, 32, 3, ExampleMode.RESIZE, 0.99, 5).train().size());
        assertThrows(IllegalArgumentException.class,
                () -> Datasets.openForTraining(dir, 32, 3, ExampleMode.RESIZE, 1.0, 5));
    }

    @Test
    void aSingleFileIsReusedForValidationAndTheReportSaysSo() throws Exception {
        TestFiles.image(dir.resolve("only.png"), 120, 90, 3, "png");
        DataSplit split = Datasets.openForTraining(dir, 32, 3, ExampleMode.CROPS, 0.2, 5);
        assertEquals("only.png", split.validation().source(0));
        assertTrue(split.validation().size() > 0);
        assertNotEquals(split.train().example(0, 0), split.validation().example(0, 0));
        assertTrue(split.report().notes().stream().anyMatch(n -> n.contains("reuses") && n.contains("not held out")),
                split.report().notes().toString());
    }

    private static Set<String> sources(Dataset dataset) {
        Set<String> names = new HashSet<>();
        for (int i = 0; i < dataset.size(); i++) {
            names.add(dataset.source(i));
        }
        return names;
    }
}
