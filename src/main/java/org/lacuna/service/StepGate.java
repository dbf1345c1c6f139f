package org.lacuna.service;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import org.lacuna.store.StepRecord;
import org.lacuna.store.ValidationRecord;
import org.lacuna.train.Preview;
import org.lacuna.train.TrainingControl;
import org.lacuna.train.TrainingListener;

/**
 * What one run's training thread does between two steps: it hands out copies of the EMA weights (asked for on any
 * thread, taken on the training thread while the graph is idle, so sampling never touches the live graph) and it
 * pauses. A pause parks the trainer at a step boundary with one copy of the EMA kept aside: requests made while it is
 * parked are served from that copy (copied again on the asking thread) without waking the trainer.
 *
 * @param <M> the model type (Hvae; a plain type in tests)
 */
final class StepGate<M> implements TrainingListener {

    private final Supplier<M> take;
    private final UnaryOperator<M> copy;
    private final TrainingControl control;
    private final long timeoutMillis;
    private final Object lock = new Object();
    private final List<CompletableFuture<M>> waiting = new ArrayList<>();
    private boolean pauseRequested;
    private boolean closed;
    private M parked;

    /**
     * @param take          takes a copy of the EMA weights; called on the training thread only
     * @param copy          copies a copy (any thread)
     * @param control       the trainer's control, paused here at a step boundary
     * @param timeoutMillis how long a request waits for a step boundary
     */
    StepGate(Supplier<M> take, UnaryOperator<M> copy, TrainingControl control, long timeoutMillis) {
        this.take = take;
        this.copy = copy;
        this.control = control;
        this.timeoutMillis = timeoutMillis;
    }

    // Every listener call comes between two optimiser steps, with the graphs idle: requests are served and a
    // pause takes effect at the first of them, so a pause asked for during a validation or a preview does not wait
    // for one more step.

    @Override
    public void onStep(StepRecord record) {
        between();
    }

    @Override
    public void onValidation(ValidationRecord record) {
        between();
    }

    @Override
    public void onCheckpoint(long step, Path file, boolean best) {
        between();
    }

    @Override
    public void onPreview(Preview preview) {
        between();
    }

    /** A copy of the EMA weights, taken between steps; any thread. Blocks until the next step boundary. */
    M request() {
        CompletableFuture<M> future = new CompletableFuture<>();
        M kept;
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("the training has ended");
            }
            kept = parked;
            if (kept == null) {
                waiting.add(future);
            }
        }
        if (kept != null) {
            return copy.apply(kept);
        }
        try {
            return future.get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            forget(future);
            throw new IllegalStateException("the training did not reach a step boundary within "
                    + timeoutMillis / 1000 + " s; try again", e);
        } catch (InterruptedException e) {
            forget(future);
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while waiting for the training's weights");
        } catch (ExecutionException e) {
            Throwable cause = Failures.cause(e);
            throw cause instanceof RuntimeException r ? r : new IllegalStateException(cause);
        }
    }

    /** On the training thread, between steps: serves waiting requests, and parks when a pause is requested. */
    void between() {
        List<CompletableFuture<M>> now;
        boolean pause;
        synchronized (lock) {
            now = drain();
            pause = pauseRequested && parked == null;
        }
        serve(now);
        if (pause) {
            M kept = take.get();
            synchronized (lock) {
                if (pauseRequested && !closed) {
                    parked = kept;
                    control.pause();
                }
                now = drain();
            }
            serve(now);
        }
    }

    /** Any thread: the trainer parks at its next step boundary. */
    void requestPause() {
        synchronized (lock) {
            pauseRequested = true;
        }
    }

    /** Any thread: the trainer goes on (the parked copy is dropped: the weights are about to change). */
    void resume() {
        synchronized (lock) {
            pauseRequested = false;
            parked = null;
            control.resume();
        }
    }

    /** Any thread: the trainer ends at its next step boundary (a parked one at once). */
    void stop() {
        synchronized (lock) {
            pauseRequested = false;
            control.stop();
        }
    }

    /**
     * On the training thread once the run is over: no more requests. Those still waiting get a last copy when the
     * trainer ended cleanly ({@code idle}), else an error.
     */
    void close(boolean idle) {
        List<CompletableFuture<M>> now;
        synchronized (lock) {
            closed = true;
            parked = null;
            now = drain();
        }
        if (idle) {
            serve(now);
        } else {
            now.forEach(f -> f.completeExceptionally(new IllegalStateException("the training has ended")));
        }
    }

    boolean isParked() {
        synchronized (lock) {
            return parked != null;
        }
    }

    /** How many requests wait for the next step boundary. */
    int waitingRequests() {
        synchronized (lock) {
            return waiting.size();
        }
    }

    private List<CompletableFuture<M>> drain() {
        List<CompletableFuture<M>> now = new ArrayList<>(waiting);
        waiting.clear();
        return now;
    }

    private void forget(CompletableFuture<M> future) {
        synchronized (lock) {
            waiting.remove(future);
        }
    }

    private void serve(List<CompletableFuture<M>> requests) {
        for (CompletableFuture<M> f : requests) {
            try {
                f.complete(take.get());
            } catch (RuntimeException e) {
                f.completeExceptionally(e);
            }
        }
    }
}
