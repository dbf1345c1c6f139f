package org.lacuna.data;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A batch of examples as a [B, C, H, W] float tensor in [-1, 1], with their holes.
 *
 * @param images   the examples, in loader order
 * @param masks    each example's hole, [B, 1, H, W] with 1 inside; null when every example has the model's own hole
 * @param position the global position of the first example (see {@link ExampleOrder})
 */
public record Batch(INDArray images, INDArray masks, long position) {

    public Batch(INDArray images, long position) {
        this(images, null, position);
    }

    /** Number of examples in the batch. */
    public int size() {
        return (int) images.size(0);
    }
}
