package org.lacuna.train;

import java.nio.file.Path;

import org.lacuna.store.StepRecord;
import org.lacuna.store.ValidationRecord;

/**
 * Receives a run's events on the training thread. Implementations must return quickly and copy what they keep;
 * the records themselves are immutable.
 */
public interface TrainingListener {

    default void onStep(StepRecord record) {
    }

    default void onValidation(ValidationRecord record) {
    }

    /** A checkpoint was written: {@code best} for the best-validation one, else "latest". */
    default void onCheckpoint(long step, Path file, boolean best) {
    }

    default void onPreview(Preview preview) {
    }

    /**
     * A file of the run could not be written at this step; {@code message} names it and says why, and what the run
     * does now (goes on, or stops). The file that was there before is unchanged.
     */
    default void onWriteFailed(long step, Path file, String message) {
    }
}
