package org.lacuna.data;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A batch of examples as a [B, C, H, W] float tensor in [-1, 1].
 *
 * @param images   the examples, in loader order
 * @param position the global position of the first example (see {@link ExampleOrder})
 */
public record Batch(INDArray images, long position) {

    /** Number of examples in the batch. */
    public int size() {
        return (int) images.size(0);
    }
}
