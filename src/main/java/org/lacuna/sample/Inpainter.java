package org.lacuna.sample;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;

import org.lacuna.config.Mask;
import org.lacuna.config.ModelConfig;
import org.lacuna.config.SampleConfig;
import org.lacuna.data.Raster;
import org.lacuna.data.Seeds;
import org.lacuna.data.Tensors;
import org.lacuna.model.Hvae;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Draws trees of completions from a model (MODEL.md, "Sampling"). The noise of each tree node depends only on
 * the seed and the branches from the top down to it, so the same request always gives the same tree, and raising
 * or lowering one level's count keeps every draw that stays in the tree. Leaves are decoded in chunks, between which
 * progress is reported and cancellation is checked.
 */
public final class Inpainter {

    /** Leaves decoded per graph call. */
    public static final int CHUNK = 16;

    private final Hvae model;

    public Inpainter(Hvae model) {
        this.model = model;
    }

    public CompletionTree sample(Raster window, SampleConfig request) {
        return sample(window, request, done -> { }, () -> false);
    }

    /**
     * @param window    the model's input: a raster of the model's size and channels; its hole content is ignored
     * @param progress  receives the number of leaves done after each chunk
     * @param cancelled checked between chunks; when true, a CancellationException ends the call
     */
    public CompletionTree sample(Raster window, SampleConfig request, IntConsumer progress, BooleanSupplier cancelled) {
        return sample(window, null, request, progress, cancelled);
    }

    /** A tree of completions of a hole of any shape (null: the model's own hole). */
    public CompletionTree sample(Raster window, Mask mask, SampleConfig request) {
        return sample(window, mask, request, done -> { }, () -> false);
    }

    /**
     * As {@link #sample(Raster, SampleConfig, IntConsumer, BooleanSupplier)} for a hole of any shape: the model
     * reads the window's pixels outside {@code mask} and the mask itself, and each completion is the window with
     * the mask's pixels (only those) taken from the model's means.
     *
     * @param mask the hole, of the model's size (null: the model's own hole); not empty
     */
    public CompletionTree sample(Raster window, Mask mask, SampleConfig request, IntConsumer progress,
                                 BooleanSupplier cancelled) {
        ModelConfig config = model.config();
        if (window.width() != config.imageSize() || window.height() != config.imageSize()
                || window.channels() != config.channels()) {
            throw new IllegalArgumentException("the window is " + window.width() + "x" + window.height() + "x"
                    + window.channels() + "; the model takes " + config.imageSize() + "x" + config.imageSize() + "x"
                    + config.channels());
        }
        if (request.levels() != config.levelCount()) {
            throw new IllegalArgumentException("the model has " + config.levelCount() + " latent levels; the request"
                    + " gives " + request.levels() + " branching counts");
        }
        INDArray maskTensor = null;
        Mask hole = mask;
        if (mask != null) {
            if (mask.width() != config.imageSize() || mask.height() != config.imageSize()) {
                throw new IllegalArgumentException("the mask is " + mask.width() + "x" + mask.height()
                        + "; the model takes " + config.imageSize() + "x" + config.imageSize());
            }
            if (mask.isEmpty()) {
                throw new IllegalArgumentException("the mask is empty: there is nothing to fill");
            }
            maskTensor = Nd4j.create(mask.toFloats(), new long[]{1, 1, config.imageSize(), config.imageSize()}, 'c');
        } else {
            hole = Mask.of(config.hole(), config.imageSize(), config.imageSize());
        }
        INDArray border = Tensors.toTensor(window);
        int total = request.leaves();
        List<Completion> leaves = new ArrayList<>(total);
        for (int start = 0; start < total; start += CHUNK) {
            if (cancelled.getAsBoolean()) {
                throw new CancellationException("sampling cancelled");
            }
            int count = Math.min(CHUNK, total - start);
            INDArray means = model.sampleMeans(border, maskTensor, noise(request, start, count));
            for (int i = 0; i < count; i++) {
                int leaf = start + i;
                leaves.add(new Completion(leaf, path(request, leaf), paste(window, hole, means, i)));
            }
            progress.accept(start + count);
        }
        return new CompletionTree(request, window, leaves);
    }

    /** Prior noise for leaves start..start+count-1, one array per level (z1 first), scaled by the temperatures. */
    INDArray[] noise(SampleConfig request, int start, int count) {
        ModelConfig config = model.config();
        int levels = config.levelCount();
        int[][] paths = new int[count][];
        for (int i = 0; i < count; i++) {
            paths[i] = path(request, start + i);
        }
        INDArray[] eps = new INDArray[levels];
        for (int l = 1; l <= levels; l++) {
            long[] shape = config.latentShape(l);
            int size = (int) (shape[0] * shape[1] * shape[2]);
            float[] values = new float[count * size];
            if (request.count(l) > 0) {
                long cachedKey = 0;
                float[] nodeNoise = null;
                for (int i = 0; i < count; i++) {
                    long key = nodeKey(request.seed(), paths[i], levels - l + 1);
                    if (nodeNoise == null || key != cachedKey) {
                        nodeNoise = gaussian(key, size, request.temperature(l));
                        cachedKey = key;
                    }
                    System.arraycopy(nodeNoise, 0, values, i * size, size);
                }
            }
            eps[l - 1] = Nd4j.create(values, new long[]{count, shape[0], shape[1], shape[2]}, 'c');
        }
        return eps;
    }

    /**
     * The identity of a tree node: the seed and the branches taken from the top down to it. A node keeps its
     * noise whatever the counts of the other levels are.
     */
    private static long nodeKey(long seed, int[] path, int depth) {
        long key = Seeds.mix(seed, depth);
        for (int d = 0; d < depth; d++) {
            key = Seeds.mix(key, path[d]);
        }
        return key;
    }

    private static float[] gaussian(long key, int size, double temperature) {
        SplittableRandom rng = new SplittableRandom(key);
        float[] values = new float[size];
        for (int i = 0; i < size; i++) {
            values[i] = (float) (rng.nextGaussian() * temperature);
        }
        return values;
    }


    /** The branch index at each level, top first, of a leaf. */
    static int[] path(SampleConfig request, int leaf) {
        int levels = request.levels();
        int[] path = new int[levels];
        for (int l = levels; l >= 1; l--) {
            path[levels - l] = (leaf / request.leavesPerNode(l)) % request.branches(l);
        }
        return path;
    }

    /** The window with the hole's pixels taken from completion i of the model's means. */
    private Raster paste(Raster window, Mask hole, INDArray means, int i) {
        int channels = window.channels();
        float[] m = means.get(org.nd4j.linalg.indexing.NDArrayIndex.point(i)).castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT)
                .dup('c').data().asFloat();
        int side = model.config().imageSize();
        int plane = side * side;
        Raster.Builder out = window.toBuilder();
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                if (hole.contains(y, x)) {
                    for (int c = 0; c < channels; c++) {
                        out.set(x, y, c, Tensors.toByte(m[c * plane + y * side + x]));
                    }
                }
            }
        }
        return out.build();
    }
}
