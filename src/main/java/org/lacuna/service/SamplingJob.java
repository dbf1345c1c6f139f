package org.lacuna.service;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/** A running sampling request: its result, and a cancel that takes effect within one chunk of 16 completions. */
public final class SamplingJob {

    private final CompletableFuture<SampleResult> result = new CompletableFuture<>();
    private final AtomicBoolean cancelled = new AtomicBoolean();

    /** Completes with the result, or exceptionally (a CancellationException when cancelled). */
    public CompletableFuture<SampleResult> result() {
        return result;
    }

    public void cancel() {
        cancelled.set(true);
    }

    boolean isCancelled() {
        return cancelled.get();
    }

    CompletableFuture<SampleResult> future() {
        return result;
    }
}
