package org.lacuna.data;

/**
 * The training and validation sides of one data source, and what opening it found. The validation side may be
 * empty (size 0) when the validation fraction is 0.
 */
public record DataSplit(Dataset train, Dataset validation, DataReport report) {
}
