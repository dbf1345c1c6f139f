package org.lacuna.data;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Random square windows from photos, resized to the model's size. Example {@code index} comes from photo
 * {@code index % photos} (so every photo gives the same number of examples per epoch); the window's side is drawn
 * log-uniformly between the model's size (or the photo's short side, if smaller) and the photo's short side, and its
 * position uniformly, from a generator seeded by (seed, epoch, index). Photos are pre-shrunk so that their short
 * side is at most {@link #MAX_SCALE} times the model's size, which bounds both memory and the coarsest detail.
 * Immutable and thread-safe.
 */
final class CropDataset implements Dataset {

    /** Pre-shrunk photos keep a short side of at most this many times the model's size. */
    static final int MAX_SCALE = 4;

    private final List<ImageSource> photos;
    private final int imageSize;
    private final int size;
    private final long seed;
    private final boolean fixed;

    /**
     * @param size  examples per (virtual) epoch
     * @param fixed when true the epoch is ignored (the same windows every epoch, for validation)
     */
    CropDataset(List<ImageSource> photos, int imageSize, int size, long seed, boolean fixed) {
        if (photos.isEmpty() && size > 0) {
            throw new IllegalArgumentException("crops need at least one photo");
        }
        this.photos = List.copyOf(photos);
        this.imageSize = imageSize;
        this.size = size;
        this.seed = seed;
        this.fixed = fixed;
    }

    /** How crops mode prepares a decoded photo: shrink so the short side is at most MAX_SCALE x the model's size. */
    static Raster prepare(Raster decoded, int imageSize) {
        int shortSide = Math.min(decoded.width(), decoded.height());
        int limit = MAX_SCALE * imageSize;
        if (shortSide <= limit) {
            return decoded;
        }
        double scale = (double) limit / shortSide;
        boolean portrait = decoded.width() < decoded.height();
        int w = portrait ? limit : Math.max(limit, (int) Math.round(decoded.width() * scale));
        int h = portrait ? Math.max(limit, (int) Math.round(decoded.height() * scale)) : limit;
        return Images.resize(decoded, w, h);
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
        int shortSide = Math.min(photo.width(), photo.height());
        int smallest = Math.min(imageSize, shortSide);
        double logSide = Math.log(smallest) + rng.nextDouble() * (Math.log(shortSide) - Math.log(smallest));
        int side = (int) Math.max(smallest, Math.min(shortSide, Math.round(Math.exp(logSide))));
        int x = rng.nextInt(photo.width() - side + 1);
        int y = rng.nextInt(photo.height() - side + 1);
        return Images.resize(Images.crop(photo, x, y, side, side), imageSize, imageSize);
    }

    @Override
    public String source(int index) {
        return photos.get(index % photos.size()).name();
    }
}
