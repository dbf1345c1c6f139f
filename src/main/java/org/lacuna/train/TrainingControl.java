package org.lacuna.train;

/**
 * Pause, resume and stop a trainer from another thread. The trainer checks between steps, so a pause or a stop
 * takes effect at the next step boundary.
 */
public final class TrainingControl {

    private boolean paused;
    private boolean stopped;
    private boolean holding;

    public synchronized void pause() {
        if (!stopped) {
            paused = true;
        }
    }

    public synchronized void resume() {
        paused = false;
        notifyAll();
    }

    public synchronized void stop() {
        stopped = true;
        paused = false;
        notifyAll();
    }

    public synchronized boolean isPaused() {
        return paused;
    }

    public synchronized boolean isStopRequested() {
        return stopped;
    }

    /** Blocks while paused. Returns false when a stop was requested (the trainer then checkpoints and ends). */
    synchronized boolean awaitRunnable() throws InterruptedException {
        try {
            while (paused && !stopped) {
                holding = true;
                notifyAll();
                wait();
            }
        } finally {
            holding = false;
        }
        return !stopped;
    }

    /** Whether the trainer is held at a step boundary by a pause (no step is in flight). */
    public synchronized boolean isHolding() {
        return holding;
    }
}
