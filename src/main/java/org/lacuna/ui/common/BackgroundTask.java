package org.lacuna.ui.common;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

import org.lacuna.service.Failures;

/**
 * The one way the UI follows background work (as cryptomator's {@code Tasks} and JabRef's {@code BackgroundTask}):
 * the service's future, then handlers for success, failure and cancel, all run on one executor (the FX thread in the
 * app, the calling thread in tests). {@link #onFinally} runs first, whatever the outcome; a cancel goes to
 * {@link #onCancel} when one is set, else it is a failure like any other. Whether an error is a cancel is decided in
 * one place, {@code Failures.isCancellation}.
 *
 * <pre>
 *   BackgroundTask.of(service.openImage(file))
 *           .onFinally(() -> busy.set(false))
 *           .onSuccess(this::show)
 *           .onFailure(e -> problem(Failures.message(e)))
 *           .runOn(fx);
 * </pre>
 *
 * @param <T> what the work yields
 */
public final class BackgroundTask<T> {

    private final CompletionStage<T> work;
    private Runnable onFinally = () -> { };
    private Consumer<? super T> onSuccess = v -> { };
    private Consumer<Throwable> onFailure = e -> { };
    private Runnable onCancel;

    private BackgroundTask(CompletionStage<T> work) {
        this.work = Objects.requireNonNull(work);
    }

    /** Follows work that has been started (a service call's future). */
    public static <T> BackgroundTask<T> of(CompletionStage<T> work) {
        return new BackgroundTask<>(work);
    }

    /** Runs first when the work ends, however it ends (clears a busy flag, forgets a job). */
    public BackgroundTask<T> onFinally(Runnable handler) {
        this.onFinally = handler;
        return this;
    }

    public BackgroundTask<T> onSuccess(Consumer<? super T> handler) {
        this.onSuccess = handler;
        return this;
    }

    /** An error (a cancel too, unless {@link #onCancel} is set); it is the future's error, maybe wrapped. */
    public BackgroundTask<T> onFailure(Consumer<Throwable> handler) {
        this.onFailure = handler;
        return this;
    }

    /** The work was cancelled. */
    public BackgroundTask<T> onCancel(Runnable handler) {
        this.onCancel = handler;
        return this;
    }

    /**
     * Runs the handlers on {@code executor} when the work ends. The returned future completes after them (normally,
     * even when the work failed: the handlers have dealt with it).
     */
    public CompletableFuture<Void> runOn(Executor executor) {
        return work.handleAsync((value, error) -> {
            onFinally.run();
            if (error == null) {
                onSuccess.accept(value);
            } else if (onCancel != null && Failures.isCancellation(error)) {
                onCancel.run();
            } else {
                onFailure.accept(error);
            }
            return (Void) null;
        }, executor).toCompletableFuture();
    }
}
