package org.lacuna.service;

/**
 * What the service is doing. Training and sampling can overlap (sampling uses the opened model: a file's, or a copy
 * of a running training's weights), so the status has one phase for training and a flag for sampling.
 */
public record ServiceStatus(TrainingPhase training, boolean sampling) {

    /** The training side's phases. */
    public enum TrainingPhase { IDLE, TRAINING, PAUSED, STOPPING }

    public static final ServiceStatus IDLE = new ServiceStatus(TrainingPhase.IDLE, false);

    public boolean isIdle() {
        return training == TrainingPhase.IDLE && !sampling;
    }

    ServiceStatus withTraining(TrainingPhase phase) {
        return new ServiceStatus(phase, sampling);
    }

    ServiceStatus withSampling(boolean value) {
        return new ServiceStatus(training, value);
    }
}
