package org.lacuna.config;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What a training config's clip and skip thresholds are measured against. The loss is the batch mean of the
 * per-image negative ELBO in nats, a sum over the modelled sub-pixels, so its gradient norm grows with their number.
 */
public enum GradientScale {
    /**
     * The thresholds are per modelled sub-pixel and are multiplied by their number (vdvae's 200 / 400, whose loss is
     * per dimension): 614,400 / 1,228,800 for coco64, which a coco64 gradient (norm 200 to 11,000) never reaches.
     */
    PER_SUBPIXEL,
    /** The thresholds apply to the per-image loss's gradient norm as they are (clip at 200: fires on most steps). */
    PER_IMAGE;

    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    @JsonCreator
    public static GradientScale parse(String text) {
        if (text != null) {
            String t = text.strip().toLowerCase(Locale.ROOT);
            for (GradientScale s : values()) {
                if (s.label().equals(t)) {
                    return s;
                }
            }
        }
        throw new IllegalArgumentException("unknown gradient scale '" + text + "' (use per-subpixel or per-image)");
    }

    /** The factor that turns a configured threshold into a norm of the loss's gradient. */
    public double factor(ModelConfig model) {
        return this == PER_SUBPIXEL ? model.modelledDims() : 1.0;
    }
}
