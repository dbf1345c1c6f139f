package org.lacuna.archfixture.eval;

import org.lacuna.archfixture.config.Settings;

/** Fixture of ArchitectureTest: an arrow down (allowed). */
public final class Scorer {

    public int score() {
        return Settings.value();
    }
}
