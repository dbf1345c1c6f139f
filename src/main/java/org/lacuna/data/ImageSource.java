package org.lacuna.data;

import java.nio.file.Path;

/**
 * One usable image file and its prepared raster (model-size for resize mode, pre-shrunk for crops), decoded once:
 * kept in memory when it fit the memory budget, otherwise in a {@link PixelSpill} file. Immutable and thread-safe.
 */
final class ImageSource {

    private final Path file;
    private final String name;
    private final Raster stored;
    private final PixelSpill spill;
    private final long offset;
    private final int width;
    private final int height;
    private final int channels;

    private ImageSource(Path file, String name, Raster stored, PixelSpill spill, long offset, int width, int height,
                        int channels) {
        this.file = file;
        this.name = name;
        this.stored = stored;
        this.spill = spill;
        this.offset = offset;
        this.width = width;
        this.height = height;
        this.channels = channels;
    }

    static ImageSource inMemory(Path file, String name, Raster prepared) {
        return new ImageSource(file, name, prepared, null, 0, prepared.width(), prepared.height(),
                prepared.channels());
    }

    static ImageSource spilled(Path file, String name, PixelSpill spill, long offset, Raster prepared) {
        return new ImageSource(file, name, null, spill, offset, prepared.width(), prepared.height(),
                prepared.channels());
    }

    /** The path relative to the folder that was scanned, with '/' separators. */
    String name() {
        return name;
    }

    Path file() {
        return file;
    }

    boolean inMemory() {
        return stored != null;
    }

    /** The prepared raster. */
    Raster raster() {
        return stored != null ? stored : spill.read(offset, width, height, channels);
    }
}
