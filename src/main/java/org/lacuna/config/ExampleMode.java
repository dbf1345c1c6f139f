package org.lacuna.config;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** How training examples are made from the photos of an image folder. */
public enum ExampleMode {
    /** Each image once per epoch: the largest centred square, resized to the model's size. */
    RESIZE,
    /**
     * Square windows drawn as the test crops are (issue 12): side log-uniform between max(size, short side / 10) and
     * short side / 1.5, uniform position, Lanczos-resized to the model's size, flat windows (pixel standard deviation
     * below 6) drawn again; a virtual epoch per photo set.
     */
    CROPS;

    /** The name used on the command line and in configs: {@code resize} or {@code crops}. */
    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code resize} or {@code crops} (case and surrounding blanks ignored). */
    @JsonCreator
    public static ExampleMode parse(String text) {
        if (text != null) {
            String t = text.strip().toLowerCase(Locale.ROOT);
            for (ExampleMode mode : values()) {
                if (mode.label().equals(t)) {
                    return mode;
                }
            }
        }
        throw new IllegalArgumentException("unknown example mode '" + text + "' (use resize or crops)");
    }
}
