package org.lacuna.data;

/** An evaluation dataset and what opening it found (skipped files). */
public record EvaluationData(Dataset dataset, DataReport report) {
}
