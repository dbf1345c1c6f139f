package org.lacuna.service;

import java.nio.file.Path;
import java.util.List;

import org.lacuna.config.RunConfig;

/**
 * What a training run reports, as the service's own records (the UI never sees the trainer's types). Events arrive on
 * the training thread, in order; bridge them to the UI thread yourself (coalesced: they can come fast).
 */
public sealed interface TrainingEvent permits TrainingEvent.Started, TrainingEvent.Step, TrainingEvent.Validation,
        TrainingEvent.CheckpointSaved, TrainingEvent.PreviewReady, TrainingEvent.WriteFailed, TrainingEvent.Ended {

    /**
     * A run is ready and its first step comes next.
     *
     * @param run     the run folder
     * @param config  its model and training config (the total steps included)
     * @param step    steps already done (0 for a new run)
     * @param history what metrics.jsonl holds up to that step, to draw the charts of a resumed run
     */
    record Started(Path run, RunConfig config, long step, RunHistory history) implements TrainingEvent {
    }

    /**
     * One optimiser step.
     *
     * @param step            steps done after this one (1-based)
     * @param loss            recon + beta x KL, nats per image
     * @param recon           reconstruction nats per image
     * @param kl              KL of each level, z1 first, nats per image
     * @param bpd             negative ELBO in bits per modelled sub-pixel
     * @param beta            the KL weight used
     * @param gradNorm        the gradient's global norm before clipping
     * @param skipped         whether this update was skipped (NaN/inf or too large)
     * @param skips           updates skipped so far in the run
     * @param imagesPerSecond recent throughput
     * @param elapsedSeconds  training time of the run so far
     */
    record Step(long step, double loss, double recon, double[] kl, double bpd, double beta, double gradNorm,
                boolean skipped, long skips, double imagesPerSecond, double elapsedSeconds) implements TrainingEvent {
        public Step {
            kl = kl.clone();
        }

        @Override
        public double[] kl() {
            return kl.clone();
        }

        /** KL of level l (1 = z1) without copying the array. */
        public double kl(int level) {
            return kl[level - 1];
        }

        public int levels() {
            return kl.length;
        }
    }

    /** A validation pass with the EMA weights and beta = 1; {@code best} when it is the run's best so far. */
    record Validation(long step, double recon, double[] kl, double bpd, int images, boolean best)
            implements TrainingEvent {
        public Validation {
            kl = kl.clone();
        }

        @Override
        public double[] kl() {
            return kl.clone();
        }
    }

    /** A checkpoint was written (atomically): the run's "latest", or its "best" by validation. */
    record CheckpointSaved(long step, Path file, boolean best) implements TrainingEvent {
    }

    /**
     * Completions of the run's fixed validation windows: the originals, the mean completions (every level at its
     * prior mean) and one sample each, in the same order.
     */
    record PreviewReady(long step, List<Picture> truth, List<Picture> means, List<Picture> samples)
            implements TrainingEvent {
        public PreviewReady {
            truth = List.copyOf(truth);
            means = List.copyOf(means);
            samples = List.copyOf(samples);
        }
    }

    /** How a run ended. */
    /**
     * A file of the run could not be written (a full disk, say): the file before is unchanged, and the message
     * says which file, why, and whether training goes on.
     */
    record WriteFailed(long step, Path file, String message) implements TrainingEvent {
    }

    enum Outcome { COMPLETED, STOPPED, FAILED }

    /**
     * The run is over and the service is free for another.
     *
     * @param run        the run folder (null when the request failed before one was chosen)
     * @param outcome    completed all steps, stopped on request, or failed
     * @param step       steps done
     * @param totalSteps the run's total
     * @param message    one sentence for the user (for a failure: the file and the reason)
     * @param checkpoint the latest checkpoint when there is one, else null
     */
    record Ended(Path run, Outcome outcome, long step, long totalSteps, String message, Path checkpoint)
            implements TrainingEvent {
    }
}
