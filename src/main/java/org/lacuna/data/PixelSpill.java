package org.lacuna.data;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.lang.ref.Cleaner;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A temporary file that holds prepared rasters that did not fit the memory budget, so that every image is still
 * decoded only once. The file is deleted as soon as it is open (on systems that allow it; otherwise at exit) and
 * closed when the spill is no longer reachable. Reads are synchronised and not interruptible, so interrupting a
 * reader (a closing {@link BatchLoader}) never breaks the spill for others.
 */
final class PixelSpill {

    private static final Cleaner CLEANER = Cleaner.create();

    private final RandomAccessFile file;
    private final Path path;
    private long length;

    private PixelSpill(RandomAccessFile file, Path path) {
        this.file = file;
        this.path = path;
        CLEANER.register(this, () -> {
            try {
                file.close();
            } catch (IOException e) {
                // nothing left to do
            }
        });
    }

    static PixelSpill create() throws IOException {
        Path path = Files.createTempFile("lacuna-pixels-", ".raw");
        RandomAccessFile file = new RandomAccessFile(path.toFile(), "rw");
        try {
            Files.delete(path);
        } catch (IOException e) {
            path.toFile().deleteOnExit();
        }
        return new PixelSpill(file, path);
    }

    /** Appends a raster's pixels and returns where they start. */
    synchronized long append(Raster raster) throws IOException {
        long offset = length;
        file.seek(offset);
        file.write(raster.buffer());
        length += raster.buffer().length;
        return offset;
    }

    synchronized Raster read(long offset, int width, int height, int channels) {
        byte[] pixels = new byte[width * height * channels];
        try {
            file.seek(offset);
            file.readFully(pixels);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read decoded pixels back from " + path + ": " + e.getMessage(), e);
        }
        return new Raster(width, height, channels, pixels);
    }

    synchronized long length() {
        return length;
    }
}
