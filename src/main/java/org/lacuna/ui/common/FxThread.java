package org.lacuna.ui.common;

import java.util.concurrent.Executor;

import javafx.application.Platform;

/** Runs work on the JavaFX application thread: directly when already there, else later. */
public final class FxThread {

    private FxThread() {
    }

    public static void run(Runnable action) {
        if (Platform.isFxApplicationThread()) {
            action.run();
        } else {
            Platform.runLater(action);
        }
    }

    /** The FX thread as an Executor, for CompletableFuture continuations. */
    public static Executor executor() {
        return FxThread::run;
    }
}
