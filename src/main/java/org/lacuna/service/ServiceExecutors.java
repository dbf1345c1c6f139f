package org.lacuna.service;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
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
