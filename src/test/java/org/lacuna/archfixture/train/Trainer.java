package org.lacuna.archfixture.train;

import org.lacuna.archfixture.sample.Sampler;

/** Fixture of ArchitectureTest: an arrow down (train to sample: the previews), allowed. */
public final class Trainer {

    public int preview() {
        return new Sampler().sample();
    }
}
