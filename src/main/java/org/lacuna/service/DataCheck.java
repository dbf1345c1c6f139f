package org.lacuna.service;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;

/** A data source being opened for the new-run form: its result, and a cancel (the next choice replaces it). */
public final class DataCheck {

    private final CompletableFuture<DataPreview> result = new CompletableFuture<>();
    private Thread worker;
    private boolean cancelled;

    /** Completes with the preview, or exceptionally (an IOException naming the folder, or a cancellation). */
    public CompletableFuture<DataPreview> result() {
        return result;
    }

    /** Stops the reading (the folder is read with interruptible I/O) and fails the result with a cancellation. */
    public void cancel() {
        synchronized (this) {
            cancelled = true;
            if (worker != null) {
                worker.interrupt();
            }
        }
        result.completeExceptionally(new CancellationException("data check cancelled"));
    }

    /** On the worker: false when already cancelled. */
    synchronized boolean begin() {
        if (cancelled) {
            return false;
        }
        worker = Thread.currentThread();
        return true;
    }

    /** On the worker, when done: clears an interrupt meant for this check. */
    void end() {
        synchronized (this) {
            worker = null;
        }
        Thread.interrupted();
    }

    synchronized boolean isCancelled() {
        return cancelled;
    }
}
