package org.lacuna.ui.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javafx.application.Platform;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** The coalescer on the headless toolkit (Monocle, see the surefire configuration). */
class CoalescerTest {

    private static final int THREADS = 4;

    /** What the sink received. */
    private static final class Sink {
        final List<List<Item>> batches = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger items = new AtomicInteger();
        final AtomicInteger offFxThread = new AtomicInteger();

        void accept(List<Item> batch) {
            if (!Platform.isFxApplicationThread()) {
                offFxThread.incrementAndGet();
            }
            batches.add(List.copyOf(batch));
            items.addAndGet(batch.size());
        }
    }

    private record Item(int thread, int index) {
    }

    @BeforeAll
    static void startToolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    private static void await(CountDownLatch latch, String what) throws InterruptedException {
        assertTrue(latch.await(30, TimeUnit.SECONDS), "timed out waiting for " + what);
    }

    /** Starts THREADS posters of {@code perThread} items each, released together; waits until all have posted. */
    private static void postFromThreads(Coalescer<Item> coalescer, int perThread) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int id = t;
            Thread thread = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < perThread; i++) {
                    coalescer.post(new Item(id, i));
                }
            }, "poster-" + t);
            threads.add(thread);
            thread.start();
        }
        go.countDown();
        for (Thread thread : threads) {
            thread.join(TimeUnit.SECONDS.toMillis(30));
            assertFalse(thread.isAlive(), thread.getName() + " did not finish posting");
        }
    }

    /** Every thread's items arrived, each once, in the order that thread posted them. */
    private static void assertAllInPostingOrder(List<List<Item>> batches, int perThread) {
        int[] next = new int[THREADS];
        for (List<Item> batch : batches) {
            assertFalse(batch.isEmpty(), "an empty batch reached the sink");
            for (Item item : batch) {
                assertEquals(next[item.thread()], item.index(), "thread " + item.thread() + "'s items out of order");
                next[item.thread()]++;
            }
        }
        for (int t = 0; t < THREADS; t++) {
            assertEquals(perThread, next[t], "items of thread " + t + " received");
        }
    }

    @Test
    void itemsFromSeveralThreadsAllReachTheSinkOnTheFxThreadInEachThreadsOrder() throws Exception {
        int perThread = 5_000;
        Sink sink = new Sink();
        Coalescer<Item> coalescer = new Coalescer<>(sink::accept);

        postFromThreads(coalescer, perThread);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> sink.items.get() >= THREADS * perThread);
        WaitForAsyncUtils.waitForFxEvents();

        assertEquals(THREADS * perThread, sink.items.get());
        assertEquals(0, sink.offFxThread.get(), "the sink ran off the FX thread");
        List<List<Item>> batches;
        synchronized (sink.batches) {
            batches = List.copyOf(sink.batches);
        }
        assertAllInPostingOrder(batches, perThread);
    }

    @Test
    void postsMadeWhileTheFxThreadIsBusyArriveAsOneBatch() throws Exception {
        int perThread = 1_000;
        Sink sink = new Sink();
        Coalescer<Item> coalescer = new Coalescer<>(sink::accept);
        CountDownLatch fxBusy = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch released = new CountDownLatch(1);
        Platform.runLater(() -> {
            fxBusy.countDown();
            try {
                release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            released.countDown();
        });
        await(fxBusy, "the FX thread to be held");
        try {
            postFromThreads(coalescer, perThread);
            assertTrue(sink.batches.isEmpty(), "the sink ran while the FX thread was held");
        } finally {
            release.countDown();
        }
        await(released, "the FX thread to be released");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> sink.items.get() >= THREADS * perThread);
        // anything else scheduled would run before this
        WaitForAsyncUtils.waitForFxEvents();

        assertEquals(1, sink.batches.size(), "one drain for all the posts made before the FX thread ran");
        assertEquals(THREADS * perThread, sink.batches.get(0).size());
        assertEquals(0, sink.offFxThread.get(), "the sink ran off the FX thread");
        assertAllInPostingOrder(sink.batches, perThread);

        // once drained, a later post schedules a new drain and arrives as a batch of its own
        coalescer.post(new Item(0, perThread));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> sink.batches.size() >= 2);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(2, sink.batches.size());
        assertEquals(List.of(new Item(0, perThread)), sink.batches.get(1));
    }
}
