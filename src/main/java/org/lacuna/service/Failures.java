package org.lacuna.service;

import java.nio.file.NoSuchFileException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * What went wrong, for the user: the failure inside the wrappers that futures add, and one sentence for it. Used by
 * the service and by every screen, so a failure reads the same wherever it is shown.
 */
public final class Failures {

    private Failures() {
    }

    /** Whether an error, or any of its causes, is a cancel (a cancelled job, not a failure). */
    public static boolean isCancellation(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof java.util.concurrent.CancellationException) {
                return true;
            }
        }
        return false;
    }

    /** The failure itself: the cause inside any {@link CompletionException} and {@link ExecutionException} wrappers. */
    public static Throwable cause(Throwable error) {
        Throwable e = error;
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }

    /**
     * One sentence for a failure (unwrapped first): its message, which names the file and the reason; a missing file
     * says so; the exception's simple name when it has no message.
     */
    public static String message(Throwable error) {
        Throwable e = cause(error);
        if (e instanceof NoSuchFileException n) {
            return n.getFile() + ": no such folder or file";
        }
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }
}
