package org.lacuna.data;

import java.util.List;

/**
 * One example per image: the largest centred square resized to the model's size (kept at that size in memory).
 * The epoch is ignored. Immutable and thread-safe.
 */
final class ResizeDataset implements Dataset {

    private final List<ImageSource> images;

    ResizeDataset(List<ImageSource> images) {
        this.images = List.copyOf(images);
    }

    /** How resize mode prepares a decoded image: centre square, then resize (as is when already that size). */
    static Raster prepare(Raster decoded, int imageSize) {
        if (decoded.width() == imageSize && decoded.height() == imageSize) {
            return decoded;
        }
        return Images.resize(Images.centreSquare(decoded), imageSize, imageSize);
    }

    @Override
    public int size() {
        return images.size();
    }

    @Override
    public Raster example(int index, long epoch) {
        return images.get(index).raster();
    }

    @Override
    public String source(int index) {
        return images.get(index).name();
    }
}
