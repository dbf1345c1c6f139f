package org.lacuna.store;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * The reason of an I/O failure in a few plain words, without the file names Java puts into some messages and not
 * others (so that a message can name the user's file once, and never an internal temporary one).
 */
public final class IoReasons {

    private IoReasons() {
    }

    public static String reason(IOException e) {
        if (e instanceof WriteFailedException w) {
            return w.reason();
        }
        if (e instanceof java.nio.file.FileSystemException f && f.getFile() != null
                && f.getFile().endsWith(AtomicFiles.PARTIAL) && f.getReason() == null) {
            return e.getClass().getSimpleName();
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such folder or file";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "a file of that name is in the way";
        }
        if (e instanceof NotDirectoryException) {
            return "not a folder";
        }
        if (e instanceof DirectoryNotEmptyException) {
            return "a folder of that name is in the way";
        }
        if (e instanceof FileSystemException f) {
            return f.getReason() != null ? f.getReason() : e.getClass().getSimpleName();
        }
        String m = e.getMessage();
        if (m == null || m.isBlank()) {
            return e.getClass().getSimpleName();
        }
        // "/tmp/.x.123.partial (No space left on device)" and the like: the reason alone
        int open = m.lastIndexOf(" (");
        if (open >= 0 && m.endsWith(")") && m.substring(0, open).contains("/")) {
            return m.substring(open + 2, m.length() - 1);
        }
        return m;
    }

    /** "FILE: reason". */
    public static String describe(java.nio.file.Path file, IOException e) {
        return file + ": " + reason(e);
    }
}
