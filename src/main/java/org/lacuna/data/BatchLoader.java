package org.lacuna.data;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prepares batches on a background thread, in the order of {@link ExampleOrder}: the batch at position p holds the
 * examples at positions p .. p + batchSize - 1 (a batch may straddle two epochs), each
 * {@code dataset.example(order.index(q), order.epoch(q))}, as {@link Tensors#batch}. A loader started at position p
 * gives exactly the batches a loader started at 0 gives from p on, so a trainer that saves {@link #position()}
 * resumes exactly.
 *
 * <p>{@link #next()} and {@link #position()} are for one consumer thread; {@link #close()} may be called from any
 * thread. At most {@code prefetch} batches wait in memory. An exception while preparing a batch (for example a photo
 * file deleted during training) is thrown from the {@code next()} that would have returned that batch.
 */
public final class BatchLoader implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BatchLoader.class);
    private static final long JOIN_MILLIS = 1000;

    private final Dataset dataset;
    private final int batchSize;
    private final long seed;
    private final MaskSampler masks;
    private final BlockingQueue<Object> queue;
    private final Thread worker;
    private volatile boolean closed;
    private long position;

    /** A failure while preparing the batch at a position. */
    private record Failure(long position, Throwable cause) {
    }

    /**
     * @param dataset       a dataset with at least one example
     * @param batchSize     examples per batch (batches may repeat examples when larger than the dataset)
     * @param seed          the seed of the per-epoch permutations
     * @param startPosition the global position of the first batch
     * @param prefetch      batches prepared ahead (at least 1)
     */
    public BatchLoader(Dataset dataset, int batchSize, long seed, long startPosition, int prefetch) {
        this(dataset, null, batchSize, seed, startPosition, prefetch);
    }

    /**
     * A loader whose batches carry their examples' holes: the example at position q gets {@code masks.mask(q)}
     * (null, or a sampler of centre holes: no masks, every example has the model's own hole).
     */
    public BatchLoader(Dataset dataset, MaskSampler masks, int batchSize, long seed, long startPosition,
            int prefetch) {
        if (dataset.size() <= 0) {
            throw new IllegalArgumentException("the dataset has no examples");
        }
        if (batchSize <= 0 || prefetch <= 0 || startPosition < 0) {
            throw new IllegalArgumentException("batch size and prefetch must be positive and the start position not"
                    + " negative: " + batchSize + ", " + prefetch + ", " + startPosition);
        }
        this.dataset = dataset;
        this.batchSize = batchSize;
        this.seed = seed;
        this.masks = masks == null || masks.distribution() == org.lacuna.config.MaskDistribution.CENTRE ? null : masks;
        this.position = startPosition;
        this.queue = new ArrayBlockingQueue<>(prefetch);
        this.worker = new Thread(() -> produce(startPosition), "lacuna-batches");
        worker.setDaemon(true);
        worker.start();
    }

    /** The examples of the batch at a position, as the loader makes them (on the calling thread). */
    public static Raster[] examples(Dataset dataset, ExampleOrder order, long position, int batchSize) {
        Raster[] rasters = new Raster[batchSize];
        for (int i = 0; i < batchSize; i++) {
            long q = position + i;
            rasters[i] = dataset.example(order.index(q), order.epoch(q));
        }
        return rasters;
    }

    private void produce(long start) {
        ExampleOrder order = new ExampleOrder(dataset.size(), seed);
        long p = start;
        try {
            while (!closed) {
                Object item;
                try {
                    Raster[] rasters = examples(dataset, order, p, batchSize);
                    item = new Batch(Tensors.batch(rasters), masks == null ? null : masks(p), p);
                } catch (RuntimeException | Error e) {
                    if (closed || Thread.currentThread().isInterrupted()) {
                        return;
                    }
                    LOG.error("cannot prepare the batch at position {}", p, e);
                    item = new Failure(p, e);
                }
                queue.put(item);
                if (item instanceof Failure) {
                    return;
                }
                p += batchSize;
            }
        } catch (InterruptedException e) {
            // closed
        }
    }

    private org.nd4j.linalg.api.ndarray.INDArray masks(long p) {
        int side = masks.size();
        return org.nd4j.linalg.factory.Nd4j.create(masks.block(p, batchSize), new long[]{batchSize, 1, side, side},
                'c');
    }

    /** The next batch, waiting for it if needed. */
    public Batch next() throws InterruptedException {
        while (true) {
            if (closed) {
                throw new IllegalStateException("the batch loader is closed");
            }
            Object item = queue.poll(100, TimeUnit.MILLISECONDS);
            if (item instanceof Batch batch) {
                position = batch.position() + batchSize;
                return batch;
            }
            if (item instanceof Failure failure) {
                queue.offer(failure);
                throw new IllegalStateException("cannot prepare the batch at position " + failure.position() + ": "
                        + failure.cause().getMessage(), failure.cause());
            }
        }
    }

    /** The position of the next batch {@link #next()} returns. */
    public long position() {
        return position;
    }

    public int batchSize() {
        return batchSize;
    }

    /** Whether the background thread is still running (false soon after {@link #close()}). */
    public boolean running() {
        return worker.isAlive();
    }

    /** Stops the background thread (waiting for it at most a second) and drops the prepared batches. */
    @Override
    public void close() {
        closed = true;
        worker.interrupt();
        queue.clear();
        if (Thread.currentThread() != worker) {
            try {
                worker.join(JOIN_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        queue.clear();
    }
}
