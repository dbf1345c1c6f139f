package org.lacuna.data;

/**
 * Images of an IDX file (all, or a subset of indices) at the model's size; see {@link IdxImages#image}.
 * The epoch is ignored. Immutable and thread-safe.
 */
final class IdxDataset implements Dataset {

    private final IdxImages images;
    private final int[] indices;
    private final int imageSize;
    private final int channels;

    /** @param indices the file's image indices this dataset holds, in order; null for all of them */
    IdxDataset(IdxImages images, int[] indices, int imageSize, int channels) {
        this.images = images;
        this.indices = indices == null ? null : indices.clone();
        this.imageSize = imageSize;
        this.channels = channels;
    }

    @Override
    public int size() {
        return indices == null ? images.count() : indices.length;
    }

    /** The index in the IDX file of example {@code index}. */
    int fileIndex(int index) {
        if (index < 0 || index >= size()) {
            throw new IndexOutOfBoundsException("example " + index + " of " + size());
        }
        return indices == null ? index : indices[index];
    }

    @Override
    public Raster example(int index, long epoch) {
        return images.image(fileIndex(index), imageSize, channels);
    }

    @Override
    public String source(int index) {
        return images.file().getFileName() + "#" + fileIndex(index);
    }
}
