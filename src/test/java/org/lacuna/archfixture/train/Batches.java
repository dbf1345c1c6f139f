package org.lacuna.archfixture.train;

import org.lacuna.archfixture.sample.Sampler;

/** Fixture of ArchitectureTest: a sideways arrow from another class of train, which the layers refuse. */
public final class Batches {

    public int next() {
        return new Sampler().sample();
    }
}
