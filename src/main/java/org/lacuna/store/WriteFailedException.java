package org.lacuna.store;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A file that could not be written: its message names the file the user asked for (never the temporary file it was
 * written under) and the reason in plain words ("No space left on device", "permission denied").
 */
public final class WriteFailedException extends IOException {

    private final transient Path file;
    private final String reason;

    public WriteFailedException(Path file, String reason, Throwable cause) {
        super(file + ": " + reason, cause);
        this.file = file;
        this.reason = reason;
    }

    public Path file() {
        return file;
    }

    public String reason() {
        return reason;
    }
}
