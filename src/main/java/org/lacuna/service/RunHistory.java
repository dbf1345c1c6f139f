package org.lacuna.service;

import java.util.List;

/**
 * A run's recorded metrics, in order, to redraw its charts; and its last preview grid (originals, mean completions,
 * samples in rows), or null when it has none.
 */
public record RunHistory(RunSummary run, List<TrainingEvent.Step> steps, List<TrainingEvent.Validation> validations,
                         Picture lastPreview) {

    public RunHistory {
        steps = List.copyOf(steps);
        validations = List.copyOf(validations);
    }
}
