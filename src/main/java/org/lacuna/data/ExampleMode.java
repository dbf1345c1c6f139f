package org.lacuna.data;

import java.util.Locale;

/** How training examples are made from the photos of an image folder. */
public enum ExampleMode {
    /** Each image once per epoch: the largest centred square, resized to the model's size. */
    RESIZE,
    /** Square windows at random positions and scales, resized to the model's size; a virtual epoch per photo set. */
    CROPS;

    /** The name used on the command line and in configs: {@code resize} or {@code crops}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code resize} or {@code crops} (case and surrounding blanks ignored). */
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
