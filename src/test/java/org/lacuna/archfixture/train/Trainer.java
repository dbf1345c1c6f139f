package org.lacuna.archfixture.train;

import org.lacuna.archfixture.sample.Sampler;

/** Fixture of ArchitectureTest: the one exempted sideways arrow (the trainer's previews). */
public final class Trainer {

    public int preview() {
        return new Sampler().sample();
    }
}
