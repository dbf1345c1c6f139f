package org.lacuna.data;

/**
 * Examples at the model's size and channels. Implementations in this package are immutable and thread-safe:
 * {@link #example} may be called from any thread, and the same (index, epoch) always gives an equal raster.
 */
public interface Dataset {

    /** Examples per epoch (for random crops a virtual epoch; see {@link Datasets}). */
    int size();

    /**
     * Example {@code index} (0 &lt;= index &lt; size()) of an epoch. Datasets of fixed examples ignore the epoch; random
     * crops draw a different window per epoch. Image files are read only when the dataset is opened; pixels that did
     * not fit the memory budget are read back from a temporary file, and a failure there (rare) is an
     * {@link java.io.UncheckedIOException}.
     */
    Raster example(int index, long epoch);

    /** Where example {@code index} comes from, for reports: a file path relative to the source, or "file#n" for IDX. */
    default String source(int index) {
        return "#" + index;
    }
}
