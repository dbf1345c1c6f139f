package org.lacuna.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** Issue 24: a run's checkpoints are named by run and step, not by the file name every run shares. */
class ModelLabelTest {

    @Test
    void aCheckpointIsNamedByItsRunAndStep() {
        assertEquals("photos-1 · latest, step 1,200",
                ModelService.label(Path.of("/home/u/lacuna-runs/photos-1/checkpoints/latest.lacuna"), 1200));
        assertEquals("photos-1 · best, step 800",
                ModelService.label(Path.of("/home/u/lacuna-runs/photos-1/checkpoints/best.lacuna"), 800));
        assertEquals("mine.lacuna", ModelService.label(Path.of("/tmp/mine.lacuna"), 5));
    }
}
