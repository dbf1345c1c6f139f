package org.lacuna.archfixture.sample;

import org.lacuna.archfixture.eval.Scorer;

/** Fixture of ArchitectureTest: an arrow up (sample to eval), which the layers refuse. */
public final class Sampler {

    public int sample() {
        return new Scorer().score();
    }
}
