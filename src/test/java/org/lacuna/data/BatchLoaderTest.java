package org.lacuna.data;

import org.lacuna.config.ExampleMode;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

class BatchLoaderTest {

    /** 8x8 grey examples whose pixel (0,0) is the index and pixel (1,0) the epoch, so batches can be decoded. */
    private static final class Numbered implements Dataset {
        private final int size;
        private final long sleepMillis;
        private final int failAt;
        private final java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();

        Numbered(int size, long sleepMillis, int failAt) {
            this.size = size;
            this.sleepMillis = sleepMillis;
            this.failAt = failAt;
        }

        @Override
        public int size() {
            return size;
        }

        @Override
        public Raster example(int index, long epoch) {
            calls.incrementAndGet();
            if (index == failAt) {
                throw new IllegalStateException("example " + index + " is broken");
            }
            if (sleepMillis > 0) {
                try {
                    Thread.sleep(sleepMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted", e);
                }
            }
            return Raster.blank(8, 8, 1).toBuilder().set(0, 0, 0, index).set(1, 0, 0, (int) epoch)
                    .set(2, 0, 0, index * 7 + (int) epoch).build();
        }
    }

    @TempDir
    Path dir;

    @Test
    void batchesAreTensorsOfTheExamplesInPermutedEpochOrder() throws Exception {
        int n = 10, batch = 4;
        Numbered dataset = new Numbered(n, 0, -1);
        List<int[]> seen = new ArrayList<>(); // {index, epoch} per position
        try (BatchLoader loader = new BatchLoader(dataset, batch, 42, 0, 3)) {
            ExampleOrder order = new ExampleOrder(n, 42);
            for (int b = 0; b < 10; b++) {
                assertEquals((long) b * batch, loader.position());
                Batch next = loader.next();
                assertEquals((long) b * batch, next.position());
                assertEquals(batch, next.size());
                Raster[] expected = new Raster[batch];
                for (int i = 0; i < batch; i++) {
                    long q = next.position() + i;
                    expected[i] = dataset.example(order.index(q), q / n);
                    Raster got = Tensors.toRaster(next.images(), i);
                    seen.add(new int[]{got.get(0, 0, 0), got.get(1, 0, 0)});
                }
                assertEquals(Tensors.batch(expected), next.images());
            }
            assertEquals(40, loader.position());
        }
        List<Integer> firstEpoch = new ArrayList<>();
        for (int e = 0; e < 4; e++) {
            Set<Integer> indices = new HashSet<>();
            List<Integer> inOrder = new ArrayList<>();
            for (int q = e * n; q < (e + 1) * n; q++) {
                assertEquals(e, seen.get(q)[1], "position " + q + " is in epoch " + e);
                indices.add(seen.get(q)[0]);
                inOrder.add(seen.get(q)[0]);
            }
            assertEquals(n, indices.size(), "each epoch visits every example once");
            if (e == 0) {
                firstEpoch = inOrder;
            } else {
                assertNotEquals(firstEpoch, inOrder, "each epoch has its own permutation");
            }
        }
        assertNotEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), firstEpoch, "the order is shuffled");
    }

    @Test
    void aLoaderStartedAtAPositionGivesTheBatchesOfOneThatReachedIt() throws Exception {
        Numbered dataset = new Numbered(9, 0, -1);
        List<INDArray> full = new ArrayList<>();
        try (BatchLoader loader = new BatchLoader(dataset, 4, 7, 1, 2)) {
            for (int b = 0; b < 8; b++) {
                full.add(loader.next().images());
            }
        }
        try (BatchLoader resumed = new BatchLoader(dataset, 4, 7, 13, 2)) {
            for (int b = 3; b < 8; b++) {
                Batch batch = resumed.next();
                assertEquals(1 + 4L * b, batch.position());
                assertEquals(full.get(b), batch.images(), "batch " + b);
            }
            assertEquals(33, resumed.position());
        }
        try (BatchLoader otherSeed = new BatchLoader(dataset, 4, 8, 13, 2)) {
            assertNotEquals(full.get(3), otherSeed.next().images());
        }
    }

    /** Waits (generously, for a loaded machine) until the loader's thread has ended. */
    private static void awaitStopped(BatchLoader loader) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (loader.running() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertFalse(loader.running(), "the background thread did not stop");
    }

    @Test
    void closeInterruptsTheBackgroundThreadInsteadOfLettingItFinish() throws Exception {
        Numbered slowData = new Numbered(100, 200, -1);
        BatchLoader slow = new BatchLoader(slowData, 16, 1, 0, 2);
        Thread.sleep(50);
        slow.close();
        awaitStopped(slow);
        assertTrue(slowData.calls.get() < 16, "the 16-example batch was cut short, not finished: "
                + slowData.calls.get() + " examples read");
        assertThrows(IllegalStateException.class, slow::next);

        BatchLoader full = new BatchLoader(new Numbered(10, 0, -1), 2, 1, 0, 2);
        full.next();
        Thread.sleep(100); // the queue fills and the worker waits on it
        CompletableFuture<Object> waiting = new CompletableFuture<>();
        Numbered starvedData = new Numbered(10, 5000, -1);
        BatchLoader starved = new BatchLoader(starvedData, 2, 1, 0, 1);
        Thread consumer = new Thread(() -> {
            try {
                waiting.complete(starved.next());
            } catch (Throwable t) {
                waiting.complete(t);
            }
        });
        consumer.start();
        full.close();
        starved.close();
        awaitStopped(full);
        awaitStopped(starved);
        assertTrue(waiting.get(20, TimeUnit.SECONDS) instanceof IllegalStateException,
                "a consumer waiting in next() is released by close()");
        assertTrue(starvedData.calls.get() <= 1, "a 5-second example was interrupted, not waited for");
    }

    @Test
    void aFailingExampleIsThrownFromNextWithThePosition() throws Exception {
        try (BatchLoader loader = new BatchLoader(new Numbered(3, 0, 1), 3, 1, 0, 2)) {
            IllegalStateException e = assertThrows(IllegalStateException.class, loader::next);
            assertTrue(e.getMessage().contains("position 0") && e.getMessage().contains("example 1 is broken"),
                    e.getMessage());
            assertThrows(IllegalStateException.class, loader::next);
        }
        assertThrows(IllegalArgumentException.class, () -> new BatchLoader(new Numbered(0, 0, -1), 2, 1, 0, 1));
    }

    @Test
    void loadsIdxDataAsFloatBatchesInMinusOneToOne() throws Exception {
        Files.write(dir.resolve("train-images-idx3-ubyte"), TestFiles.idx(12, 28, 28));
        DataSplit split = Datasets.openForTraining(dir, 32, 1, ExampleMode.RESIZE, 0.25, 3);
        try (BatchLoader loader = new BatchLoader(split.train(), 5, 3, 0, 2)) {
            INDArray x = loader.next().images();
            assertArrayEquals(new long[]{5, 1, 32, 32}, x.shape());
            assertEquals(-1.0, x.minNumber().doubleValue(), 1e-6); // the black padding
            assertTrue(x.maxNumber().doubleValue() <= 1.0);
        }
    }
}
