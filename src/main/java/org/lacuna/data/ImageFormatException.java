package org.lacuna.data;

import java.io.IOException;
import java.nio.file.Path;

/** A file that is not an image this program can read, with the file and the reason. */
public final class ImageFormatException extends IOException {

    private final transient Path file;

    public ImageFormatException(Path file, String reason) {
        super(file + ": " + reason);
        this.file = file;
    }

    public ImageFormatException(Path file, String reason, Throwable cause) {
        super(file + ": " + reason, cause);
        this.file = file;
    }

    public Path file() {
        return file;
    }
}
