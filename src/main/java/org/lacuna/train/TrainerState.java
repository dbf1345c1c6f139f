package org.lacuna.train;

/**
 * The trainer's counters, saved in every checkpoint. The noise of a step is derived from the run's seed and the
 * step, and the data order from the position, so these counters are all the random state a resume needs.
 *
 * @param step              steps done
 * @param updates           Adam updates applied (steps minus skipped ones)
 * @param skips             skipped updates
 * @param dataPosition      the global example position of the next batch
 * @param bestValidationBpd the best validation bpd so far (+inf before the first)
 * @param elapsedSeconds    training time so far
 */
public record TrainerState(long step, long updates, long skips, long dataPosition, double bestValidationBpd,
                           double elapsedSeconds) {

    public static TrainerState initial() {
        return new TrainerState(0, 0, 0, 0, Double.POSITIVE_INFINITY, 0);
    }
}
