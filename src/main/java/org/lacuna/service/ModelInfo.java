package org.lacuna.service;

import java.nio.file.Path;

import org.lacuna.config.ModelConfig;

/**
 * The model the service samples from.
 *
 * @param label      what to call it in the UI (the file name, or "shipped coco64")
 * @param file       where it came from; null for the shipped model or one made in memory
 * @param config     its architecture
 * @param parameters its parameter count
 * @param step       the training step it was saved at
 */
public record ModelInfo(String label, Path file, ModelConfig config, long parameters, long step) {
}
