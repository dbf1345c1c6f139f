package org.lacuna.ui.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The background-task helper's routing, and the data source the Train and Evaluate forms share; no toolkit. */
class BackgroundTaskTest {

    @TempDir
    Path dir;

    private final List<String> calls = new ArrayList<>();

    private <T> CompletableFuture<Void> follow(CompletableFuture<T> work, boolean withCancel) {
        BackgroundTask<T> task = BackgroundTask.of(work).onFinally(() -> calls.add("finally"))
                .onSuccess(v -> calls.add("success " + v)).onFailure(e -> calls.add("failure"));
        if (withCancel) {
            task.onCancel(() -> calls.add("cancel"));
        }
        return task.runOn(Runnable::run);
    }

    @Test
    void successFailureAndCancelEachReachTheirHandlerAfterFinally() {
        follow(CompletableFuture.completedFuture(7), true).join();
        follow(CompletableFuture.failedFuture(new IllegalStateException("no")), true).join();
        CompletableFuture<Integer> cancelled = new CompletableFuture<>();
        cancelled.cancel(true);
        follow(cancelled, true).join();
        // a cancel wrapped as a job's error is a cancel too
        follow(CompletableFuture.failedFuture(new CompletionException(new CancellationException())), true).join();
        assertEquals(List.of("finally", "success 7", "finally", "failure", "finally", "cancel", "finally", "cancel"),
                calls);
    }

    @Test
    void withoutACancelHandlerACancelIsAFailure() {
        CompletableFuture<Integer> cancelled = new CompletableFuture<>();
        cancelled.cancel(true);
        CompletableFuture<Void> done = follow(cancelled, false);
        assertTrue(done.isDone() && !done.isCompletedExceptionally(), "the handlers dealt with it");
        assertEquals(List.of("finally", "failure"), calls);
    }

    @Test
    void theDataSourceStripsTheFolderAndOffersFashionMnistOnlyWhereInstalled() throws Exception {
        DataSource none = new DataSource(Optional.empty());
        assertNull(none.path());
        none.folderProperty().set("  " + dir + "\u2003");
        assertEquals(dir, none.path(), "strip, not trim: a typed or pasted Unicode space goes too");
        assertEquals(dir, none.folderToBrowse().get());
        none.folderProperty().set(dir.resolve("missing").toString());
        assertNull(none.folderToBrowse().get(), "a folder that is not there is not where a chooser starts");
        none.sourceProperty().set(PhotoSource.FASHION_MNIST);
        assertNull(none.path());
        assertTrue(!none.fashionAvailableProperty().get());

        DataSource fashion = new DataSource(Optional.of(dir));
        fashion.sourceProperty().set(PhotoSource.FASHION_MNIST);
        assertTrue(fashion.fashionAvailableProperty().get());
        assertEquals(dir, fashion.path());
    }
}
