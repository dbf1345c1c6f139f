package org.lacuna.service;

import java.nio.file.Path;
import java.time.Instant;

import org.lacuna.config.RunConfig;

/**
 * A run folder as the "past runs" list shows it.
 *
 * @param folder           the run folder (holds config.json)
 * @param config           its model and training config
 * @param stepsDone        the last step metrics.jsonl records
 * @param latestCheckpoint checkpoints/latest.lacuna, or null when there is none yet
 * @param bestCheckpoint   checkpoints/best.lacuna, or null when there is none yet
 * @param modified         when the run last wrote its metrics (or config)
 */
public record RunSummary(Path folder, RunConfig config, long stepsDone, Path latestCheckpoint, Path bestCheckpoint,
                         Instant modified) {

    public String name() {
        return folder.getFileName().toString();
    }

    public long totalSteps() {
        return config.train().steps();
    }

    /** Whether every configured step is done (a larger total can still continue it). */
    public boolean finished() {
        return stepsDone >= totalSteps();
    }

    /** Whether "continue" can pick it up: it has a latest checkpoint to resume from. */
    public boolean resumable() {
        return latestCheckpoint != null;
    }
}
