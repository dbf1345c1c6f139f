package org.lacuna.service;

import java.nio.file.Path;

import org.lacuna.config.MaskDistribution;
import org.lacuna.config.ModelConfig;

/**
 * The model the service samples from.
 *
 * @param label      what to call it in the UI (the file name, or "shipped coco64")
 * @param file       where it came from; null for the shipped model or one made in memory
 * @param config     its architecture
 * @param parameters its parameter count
 * @param step       the training step it was saved at
 * @param masks      the holes its weights were trained on (the model's own centre hole, or free-form holes)
 */
public record ModelInfo(String label, Path file, ModelConfig config, long parameters, long step,
                        MaskDistribution masks) {

    /** A model of the centre hole (made in memory, imported, or saved before free-form training existed). */
    public ModelInfo(String label, Path file, ModelConfig config, long parameters, long step) {
        this(label, file, config, parameters, step, MaskDistribution.CENTRE);
    }

    /** Whether its weights know holes of any shape (else only the model's own square hole). */
    public boolean freeForm() {
        return masks == MaskDistribution.FREE_FORM;
    }
}
