package org.lacuna.config;

import java.util.Arrays;

/**
 * The holes a run trains on (named in the recipe registry and in a model's card).
 * <ul>
 *   <li>{@code centre}: the model's own hole, always (MODEL.md's reference task);</li>
 *   <li>{@code free-form}: a mix of thick strokes, ellipses, boxes, object-like blobs and the centre square,
 *       covering 5-60% of the window, anywhere in it, touching its edges too (see data.MaskSampler for the exact
 *       recipe).</li>
 * </ul>
 */
public enum MaskDistribution {
    CENTRE("centre"),
    FREE_FORM("free-form");

    private final String label;

    MaskDistribution(String label) {
        this.label = label;
    }

    @com.fasterxml.jackson.annotation.JsonValue
    public String label() {
        return label;
    }

    @com.fasterxml.jackson.annotation.JsonCreator
    public static MaskDistribution parse(String text) {
        for (MaskDistribution d : values()) {
            if (text != null && d.label.equals(text.strip().toLowerCase(java.util.Locale.ROOT))) {
                return d;
            }
        }
        throw new IllegalArgumentException("unknown mask distribution '" + text + "' (known: "
                + String.join(", ", Arrays.stream(values()).map(MaskDistribution::label).toList()) + ")");
    }
}
