package org.lacuna.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Where the border features C enter the top-down path (MODEL.md, "Factorisation"). */
public enum Conditioning {
    /** Border features feed every level and the decoder; the likelihood counts the hole only. */
    EVERY_LEVEL("every-level"),
    /** The original design: only the top prior (and the top conv) sees the border; the decoder models the whole image. */
    TOP_ONLY("top-only");

    private final String key;

    Conditioning(String key) {
        this.key = key;
    }

    @JsonValue
    public String key() {
        return key;
    }

    @JsonCreator
    public static Conditioning parse(String text) {
        for (Conditioning c : values()) {
            if (c.key.equals(text)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown conditioning '" + text + "' (expected every-level or top-only)");
    }

    @Override
    public String toString() {
        return key;
    }
}
