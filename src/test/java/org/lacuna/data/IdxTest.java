package org.lacuna.data;

import org.lacuna.config.ExampleMode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxTest {

    @TempDir
    Path dir;

    @Test
    void readsGzippedAndPlainIdxFilesPaddedToThirtyTwo() throws Exception {
        Files.write(dir.resolve("train-images-idx3-ubyte.gz"), TestFiles.gzip(TestFiles.idx(20, 28, 28)));
        Files.write(dir.resolve("t10k-images-idx3-ubyte"), TestFiles.idx(5, 28, 28));
        assertTrue(Datasets.isIdx(dir));

        Dataset test = Datasets.openForEvaluation(dir, 32, 1);
        assertEquals(5, test.size());
        for (int i = 0; i < 5; i++) {
            assertPadded(test.example(i, 0), i);
        }
        assertEquals("t10k-images-idx3-ubyte#3", test.source(3));

        DataSplit split = Datasets.openForTraining(dir, 32, 1, ExampleMode.RESIZE, 0.25, 9);
        assertEquals(15, split.train().size());
        assertEquals(5, split.validation().size());
        Set<Integer> seen = new HashSet<>();
        for (Dataset side : new Dataset[]{split.train(), split.validation()}) {
            for (int i = 0; i < side.size(); i++) {
                String source = side.source(i);
                assertTrue(source.startsWith("train-images-idx3-ubyte.gz#"), source);
                int index = Integer.parseInt(source.substring(source.indexOf('#') + 1));
                assertTrue(seen.add(index), "index " + index + " on both sides");
                assertPadded(side.example(i, 3), index);
            }
        }
        assertEquals(20, seen.size());
        DataSplit again = Datasets.openForTraining(dir, 32, 1, ExampleMode.RESIZE, 0.25, 9);
        for (int i = 0; i < 5; i++) {
            assertEquals(split.validation().source(i), again.validation().source(i), "deterministic split");
        }

        Raster rgb = Datasets.openForEvaluation(dir, 32, 3).example(1, 0);
        assertEquals(3, rgb.channels());
        assertEquals(TestFiles.pixel(1, 0, 0), rgb.get(2, 2, 1));
        Raster direct = Datasets.openForEvaluation(dir.resolve("t10k-images-idx3-ubyte"), 32, 1).example(4, 0);
        assertPadded(direct, 4);
    }

    private static void assertPadded(Raster r, int index) {
        assertEquals(32, r.width());
        assertEquals(32, r.height());
        assertEquals(1, r.channels());
        for (int y = 0; y < 32; y++) {
            for (int x = 0; x < 32; x++) {
                boolean inside = x >= 2 && x < 30 && y >= 2 && y < 30;
                int expected = inside ? TestFiles.pixel(index, y - 2, x - 2) : 0;
                assertEquals(expected, r.get(x, y, 0), "pixel " + x + "," + y + " of image " + index);
            }
        }
    }

    @Test
    void badIdxFilesAreClearErrorsNamingTheFile() throws Exception {
        byte[] good = TestFiles.idx(3, 28, 28);
        byte[] labels = good.clone();
        labels[3] = 1;
        assertIdxError(labels, "labels file");
        byte[] magic = good.clone();
        magic[0] = 0x12;
        assertIdxError(magic, "not an IDX file");
        byte[] type = good.clone();
        type[2] = 0x0D;
        assertIdxError(type, "data type 0xd");
        assertIdxError(Arrays.copyOf(good, good.length - 10), "truncated");
        assertIdxError(Arrays.copyOf(good, 9), "header is truncated");
        assertIdxError(new byte[0], "empty");
        byte[] gz = TestFiles.gzip(good);
        assertIdxError(Arrays.copyOf(gz, gz.length / 2), "IDX file is truncated");
    }

    private void assertIdxError(byte[] content, String reason) throws IOException {
        Path folder = Files.createTempDirectory(dir, "idx");
        Path file = folder.resolve("train-images-idx3-ubyte");
        Files.write(file, content);
        IOException e = assertThrows(IOException.class,
                () -> Datasets.openForTraining(folder, 32, 1, ExampleMode.RESIZE, 0.1, 1));
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains(reason), e.getMessage());
    }

    @Test
    void anIdxFolderWithoutTheFileAPurposeNeedsIsAClearError() throws Exception {
        Files.write(dir.resolve("t10k-images-idx3-ubyte.gz"), TestFiles.gzip(TestFiles.idx(2, 28, 28)));
        IOException e = assertThrows(IOException.class,
                () -> Datasets.openForTraining(dir, 32, 1, ExampleMode.RESIZE, 0.1, 1));
        assertTrue(e.getMessage().contains(dir.toString()) && e.getMessage().contains("train-images-idx3-ubyte"),
                e.getMessage());
        assertEquals(2, Datasets.openForEvaluation(dir, 32, 1).size());
    }
}
