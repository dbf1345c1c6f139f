package org.lacuna.service;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The service's background threads: one for sampling, one for training, one for file work. Named daemon threads
 * that never block shutdown; tests use {@link #sameThread()} for deterministic runs.
 */
public record ServiceExecutors(Executor sampling, Executor training, Executor io) {

    public static ServiceExecutors background() {
        return new ServiceExecutors(single("lacuna-sampling"), single("lacuna-training"), single("lacuna-io"));
    }

    public static ServiceExecutors sameThread() {
        Executor direct = Runnable::run;
        return new ServiceExecutors(direct, direct, direct);
    }

    /** Work for the file executor, which may fail with an IOException. */
    @FunctionalInterface
    interface IoWork<T> {
        T run() throws IOException;
    }

    /**
     * Runs {@code work} on the file executor. The future fails with what the work threw (an IOException as it is,
     * for the UI to show its message); a closed service gives a failed future rather than an exception.
     */
    <T> CompletableFuture<T> onIo(IoWork<T> work) {
        try {
            return CompletableFuture.supplyAsync(() -> {
                try {
                    return work.run();
                } catch (IOException e) {
                    throw new CompletionException(e);
                }
            }, io);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.failedFuture(new IllegalStateException("the service is closed", e));
        }
    }

    private static ExecutorService single(String name) {
        AtomicInteger n = new AtomicInteger();
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, name + (n.getAndIncrement() == 0 ? "" : "-" + n.get()));
            t.setDaemon(true);
            return t;
        });
    }

    void shutdown() {
        for (Executor e : new Executor[]{sampling, training, io}) {
            if (e instanceof ExecutorService s) {
                s.shutdownNow();
            }
        }
    }
}
