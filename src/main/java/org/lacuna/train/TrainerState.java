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
 * @param stepsBefore       the steps the run's first weights had (a warm start's; 0 for a run from scratch): the
 *                          noise of step t is that of step stepsBefore + t, and the EMA's warm-up counts them, so a
 *                          warm start goes on with new noise and a settled average instead of replaying its start
 */
public record TrainerState(long step, long updates, long skips, long dataPosition, double bestValidationBpd,
                           double elapsedSeconds, long stepsBefore) {

    public static TrainerState initial() {
        return new TrainerState(0, 0, 0, 0, Double.POSITIVE_INFINITY, 0, 0);
    }

    /**
     * The state a warm start begins with: weights that had {@code stepsBefore} steps of batch {@code batchSize}, so
     * the data goes on from the position those steps reached (new crops, new epochs) rather than from 0.
     */
    public static TrainerState warmStart(long stepsBefore, int batchSize) {
        return new TrainerState(0, 0, 0, stepsBefore * batchSize, Double.POSITIVE_INFINITY, 0, stepsBefore);
    }

    /** The same counters after a step. */
    public TrainerState next(long updatesNow, long skipsNow, long position, double seconds) {
        return new TrainerState(step + 1, updatesNow, skipsNow, position, bestValidationBpd, elapsedSeconds + seconds,
                stepsBefore);
    }

    public TrainerState withBest(double bpd) {
        return new TrainerState(step, updates, skips, dataPosition, bpd, elapsedSeconds, stepsBefore);
    }
}
