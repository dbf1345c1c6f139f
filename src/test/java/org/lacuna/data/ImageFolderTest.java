package org.lacuna.data;

import org.lacuna.config.ExampleMode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFolderTest {

    @TempDir
    Path dir;

    @Test
    void scansNestedFoldersOfMixedFormatsAndSkipsBadFilesWithReasons() throws Exception {
        TestFiles.image(dir.resolve("a.png"), 80, 60, 1, "png");
        TestFiles.image(dir.resolve("sub/b.jpg"), 64, 64, 2, "jpeg");
        TestFiles.image(dir.resolve("sub/deeper/c.BMP"), 70, 90, 3, "bmp");
        TestFiles.image(dir.resolve("sub/d.gif"), 50, 40, 4, "gif");
        Path good = TestFiles.image(dir.resolve("full.png"), 64, 64, 5, "png");
        byte[] bytes = Files.readAllBytes(good);
        Files.write(dir.resolve("sub/corrupt.png"), Arrays.copyOf(bytes, bytes.length / 3));
        Files.createFile(dir.resolve("sub/empty.webp"));
        Files.writeString(dir.resolve("notes.jpg"), "this is text, not a JPEG");
        ImageIO.write(new BufferedImage(20, 20, BufferedImage.TYPE_INT_RGB), "png", dir.resolve("tiny.png").toFile());
        Files.writeString(dir.resolve("README.txt"), "ignored: not an image name");
        TestFiles.image(dir.resolve(".hidden/e.png"), 64, 64, 6, "png");

        EvaluationData data = Datasets.openEvaluationData(dir, 64, 3);
        DataReport report = data.report();
        assertEquals(dir, report.source());
        assertEquals(5, report.usableFiles());
        assertEquals(4, report.skippedFiles());
        assertEquals(4, report.skipped().size());
        Map<String, String> reasons = new TreeMap<>();
        for (String line : report.skipped()) {
            int colon = line.indexOf(": ");
            reasons.put(line.substring(0, colon), line.substring(colon + 2));
        }
        assertEquals(List.of("notes.jpg", "sub/corrupt.png", "sub/empty.webp", "tiny.png"),
                List.copyOf(reasons.keySet()));
        assertTrue(reasons.get("notes.jpg").contains("not an image"), reasons.toString());
        assertTrue(reasons.get("sub/corrupt.png").contains("damaged or truncated"), reasons.toString());
        assertTrue(reasons.get("sub/empty.webp").contains("empty"), reasons.toString());
        assertTrue(reasons.get("tiny.png").contains("20x20") && reasons.get("tiny.png").contains("at least 32"),
                reasons.toString());

        Dataset dataset = data.dataset();
        assertEquals(5, dataset.size());
        List<String> sources = List.of(dataset.source(0), dataset.source(1), dataset.source(2), dataset.source(3),
                dataset.source(4));
        assertEquals(List.of("a.png", "full.png", "sub/b.jpg", "sub/d.gif", "sub/deeper/c.BMP"), sources);
        for (int i = 0; i < 5; i++) {
            Raster r = dataset.example(i, 0);
            assertEquals(64, r.width());
            assertEquals(64, r.height());
            assertEquals(3, r.channels());
        }
        assertEquals(1, Datasets.openForEvaluation(dir, 32, 1).example(0, 0).channels());
    }

    @Test
    void anEmptyFolderIsAClearError() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        Files.writeString(empty.resolve("notes.txt"), "no images here");
        IOException e = assertThrows(IOException.class,
                () -> Datasets.openForTraining(empty, 64, 3, ExampleMode.CROPS, 0.1, 1));
        assertTrue(e.getMessage().contains(empty.toString()) && e.getMessage().contains("no images"),
                e.getMessage());
    }

    @Test
    void aFolderOfOnlyBadFilesIsAClearErrorNamingTheFolderAndReasons() throws Exception {
        Path bad = Files.createDirectories(dir.resolve("bad"));
        Files.createFile(bad.resolve("empty.png"));
        Files.writeString(bad.resolve("text.jpg"), "not a picture");
        IOException e = assertThrows(IOException.class,
                () -> Datasets.openForTraining(bad, 64, 3, ExampleMode.RESIZE, 0.1, 1));
        assertTrue(e.getMessage().contains(bad.toString()) && e.getMessage().contains("no usable images")
                && e.getMessage().contains("2 image files were skipped") && e.getMessage().contains("empty.png"),
                e.getMessage());
    }

    @Test
    void aMissingPathOrAPlainFileIsAClearError() throws Exception {
        Path missing = dir.resolve("nowhere");
        IOException e = assertThrows(NoSuchFileException.class,
                () -> Datasets.openForTraining(missing, 64, 3, ExampleMode.RESIZE, 0.1, 1));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
        Path file = TestFiles.image(dir.resolve("one.png"), 64, 64, 1, "png");
        e = assertThrows(IOException.class, () -> Datasets.openForEvaluation(file, 64, 3));
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("not a folder"),
                e.getMessage());
    }

    @Test
    void parsesExampleModesWithAClearError() {
        assertEquals(ExampleMode.RESIZE, ExampleMode.parse("resize"));
        assertEquals(ExampleMode.CROPS, ExampleMode.parse(" Crops "));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ExampleMode.parse("tiles"));
        assertTrue(e.getMessage().contains("tiles") && e.getMessage().contains("resize or crops"), e.getMessage());
    }

    @Test
    void aHeldOutLookingSubFolderIsNamedInTheReport() throws Exception {
        TestFiles.image(dir.resolve("a.png"), 80, 60, 1, "png");
        TestFiles.image(dir.resolve("Test/b.png"), 80, 60, 2, "png");
        TestFiles.image(dir.resolve("Test/more/c.png"), 80, 60, 3, "png");
        TestFiles.image(dir.resolve("tested/d.png"), 80, 60, 4, "png");
        DataReport report = Datasets.openEvaluationData(dir, 32, 3).report();
        List<String> notes = report.notes().stream().filter(n -> n.contains("sub-folder")).toList();
        assertEquals(1, notes.size(), report.notes().toString());
        assertTrue(notes.get(0).contains("Test/ holds 2 of these images"), notes.get(0));
        assertEquals(List.of(), ImageFolder.heldOutNotes(List.of("a.png", "tested/d.png", "val.png")));
    }
}
