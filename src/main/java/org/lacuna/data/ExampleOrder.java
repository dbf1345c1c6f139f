package org.lacuna.data;

import java.util.SplittableRandom;

/**
 * The order in which a {@link BatchLoader} visits a dataset. Examples are numbered by a global position
 * 0, 1, 2, ...: position p is in epoch {@code p / size}, and within an epoch the examples come in a permutation of
 * 0..size-1 drawn from (seed, epoch). A trainer that saves its position resumes with exactly the same examples.
 * Not thread-safe (it caches the last epoch's permutation).
 */
public final class ExampleOrder {

    private static final long SALT = 0x6F72646572L; // "order"

    private final int size;
    private final long seed;
    private long cachedEpoch = -1;
    private int[] permutation;

    public ExampleOrder(int size, long seed) {
        if (size <= 0) {
            throw new IllegalArgumentException("a dataset with no examples has no order");
        }
        this.size = size;
        this.seed = seed;
    }

    public long epoch(long position) {
        checkPosition(position);
        return position / size;
    }

    /** The dataset index of the example at a global position. */
    public int index(long position) {
        long epoch = epoch(position);
        return permutation(epoch)[(int) (position % size)];
    }

    private int[] permutation(long epoch) {
        if (epoch != cachedEpoch) {
            int[] p = new int[size];
            for (int i = 0; i < size; i++) {
                p[i] = i;
            }
            SplittableRandom rng = new SplittableRandom(Seeds.mix(seed, SALT, epoch));
            for (int i = size - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                int t = p[i];
                p[i] = p[j];
                p[j] = t;
            }
            permutation = p;
            cachedEpoch = epoch;
        }
        return permutation;
    }

    private static void checkPosition(long position) {
        if (position < 0) {
            throw new IllegalArgumentException("negative position " + position);
        }
    }
}
