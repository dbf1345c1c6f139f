package org.lacuna.ui.common;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import javafx.application.Platform;

/**
 * Collects items posted from any thread and hands them to the FX thread in batches: however fast a background
 * thread posts, the sink runs at most once per pulse of the FX thread (one batch of points per frame).
 */
public final class Coalescer<T> {

    private final Consumer<List<T>> sink;
    private final Object lock = new Object();
    private List<T> pending = new ArrayList<>();
    private boolean scheduled;

    public Coalescer(Consumer<List<T>> sink) {
        this.sink = sink;
    }

    public void post(T item) {
        boolean schedule;
        synchronized (lock) {
            pending.add(item);
            schedule = !scheduled;
            scheduled = true;
        }
        if (schedule) {
            Platform.runLater(this::drain);
        }
    }

    private void drain() {
        List<T> batch;
        synchronized (lock) {
            batch = pending;
            pending = new ArrayList<>();
            scheduled = false;
        }
        if (!batch.isEmpty()) {
            sink.accept(batch);
        }
    }
}
