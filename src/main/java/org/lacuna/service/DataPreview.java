package org.lacuna.service;

import java.nio.file.Path;
import java.util.List;

/**
 * What opening a data source for a new run found.
 *
 * @param source             the folder that was opened
 * @param usableFiles        files that gave examples (1 for an IDX file)
 * @param skippedFiles       files left out
 * @param skipped            one "file: reason" line per skipped file
 * @param notes              how it was split and anything else worth knowing
 * @param trainingExamples   training examples per epoch
 * @param validationExamples validation examples
 * @param examples           a few training examples at the model's size, as the model will see them
 */
public record DataPreview(Path source, int usableFiles, int skippedFiles, List<String> skipped, List<String> notes,
                          int trainingExamples, int validationExamples, List<Picture> examples) {

    public DataPreview {
        skipped = List.copyOf(skipped);
        notes = List.copyOf(notes);
        examples = List.copyOf(examples);
    }
}
