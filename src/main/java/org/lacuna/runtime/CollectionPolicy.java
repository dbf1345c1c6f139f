package org.lacuna.runtime;

/**
 * When a training loop asks the JVM for a collection: at a step boundary, every {@link #every(boolean)} steps (system
 * property {@code lacuna.gc.every}; by default every step on SameDiff's path, every {@value #EVERY_DIRECT} steps on
 * the direct one). ND4J frees a step's native arrays only when the collector takes their Java wrappers, and wrappers
 * promoted during a long step wait for an old-generation collection: collecting at the boundary, when all of them are
 * dead, keeps a SameDiff run's resident memory flat (docs/PERFORMANCE.md has the figures). The direct path's memory
 * is allocated once, so an occasional collection is enough there. A process-level concern, as the rest of this
 * package: the trainer and the benchmark's training loop follow the same policy.
 */
public final class CollectionPolicy {

    /** Steps between collections on the direct path unless {@code lacuna.gc.every} says otherwise. */
    public static final int EVERY_DIRECT = 100;

    private static final Integer EVERY_PROPERTY = Integer.getInteger("lacuna.gc.every");

    private CollectionPolicy() {
    }

    /** Steps between collections; {@code direct}: the steps take the direct (oneDNN) path. */
    public static int every(boolean direct) {
        return EVERY_PROPERTY != null ? Math.max(1, EVERY_PROPERTY) : direct ? EVERY_DIRECT : 1;
    }

    /** At the boundary after step {@code step} (1-based): a collection when the policy says so. */
    public static void afterStep(long step, boolean direct) {
        if (step % every(direct) == 0) {
            System.gc();
        }
    }
}
