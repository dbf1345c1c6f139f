package org.lacuna.data;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Crops of photos drawn by {@link PhotoCrops}'s recipe (the test crops'), optionally mirrored. Example
 * {@code index} comes from photo {@code index % photos} (so every photo gives the same number of examples per epoch),
 * from a generator seeded by (seed, epoch, index). Photos are pre-shrunk so that their short side is at most
 * {@link #MAX_SCALE} times the model's size, which bounds memory. Immutable and thread-safe.
 */
final class CropDataset implements Dataset {

    /** Pre-shrunk photos keep a short side of at most this many times the model's size. */
    static final int MAX_SCALE = 12;
    /** Draws of a crop before a flat one is kept. */
    static final int ATTEMPTS = 8;

    private final List<ImageSource> photos;
    private final int imageSize;
    private final int size;
    private final long seed;
    private final boolean fixed;
    private final boolean flips;

    /**
     * @param size  examples per (virtual) epoch
     * @param fixed when true the epoch is ignored (the same windows every epoch, for validation)
     * @param flips mirror each example left-right with probability 1/2
     */
    CropDataset(List<ImageSource> photos, int imageSize, int size, long seed, boolean fixed, boolean flips) {
        if (photos.isEmpty() && size > 0) {
            throw new IllegalArgumentException("crops need at least one photo");
        }
        this.photos = List.copyOf(photos);
        this.imageSize = imageSize;
        this.size = size;
        this.seed = seed;
        this.fixed = fixed;
        this.flips = flips;
    }

    /** How crops mode prepares a decoded photo: shrink so the short side is at most MAX_SCALE x the model's size. */
    static Raster prepare(Raster decoded, int imageSize) {
        return PhotoCrops.prepare(decoded, MAX_SCALE * imageSize);
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public Raster example(int index, long epoch) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("example " + index + " of " + size);
        }
        Raster photo = photos.get(index % photos.size()).raster();
        SplittableRandom rng = new SplittableRandom(Seeds.mix(seed, fixed ? 0 : epoch, index));
        return PhotoCrops.draw(photo, imageSize, rng, ATTEMPTS, flips);
    }

    @Override
    public String source(int index) {
        return photos.get(index % photos.size()).name();
    }
}
