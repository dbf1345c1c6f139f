package org.lacuna.sample;

import java.util.Arrays;

import org.lacuna.data.Raster;

/**
 * One leaf of a completion tree: the window with its hole filled.
 *
 * @param index the leaf's position, 0-based, in tree order
 * @param path  the branch taken at each level, top level first: leaves that share a prefix of the path share
 *              those levels' latents and differ only below
 * @param image the completed window at the model's size; its border is the input's, bit for bit
 */
public record Completion(int index, int[] path, Raster image) {

    public Completion {
        path = path.clone();
    }

    @Override
    public int[] path() {
        return path.clone();
    }

    /** The branch taken at a depth (0 = the top level). */
    public int branch(int depth) {
        return path[depth];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Completion c && c.index == index && Arrays.equals(c.path, path) && c.image.equals(image);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * index + Arrays.hashCode(path)) + image.hashCode();
    }
}
