package org.lacuna.archfixture.config;

/** Fixture of ArchitectureTest: a bottom layer. */
public final class Settings {

    private Settings() {
    }

    public static int value() {
        return 1;
    }
}
