package org.lacuna.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The registry of named model configurations. Presets derive from the reference {@code coco64}. */
public final class Presets {

    /** The reference configuration of MODEL.md: 64x64 RGB, centre 32x32 hole, latents at 16, 8, 4. */
    public static final ModelConfig COCO64 = new ModelConfig(
            "coco64", 64, 3, Hole.centred(64, 32),
            List.of(32, 64, 64, 128, 128),
            List.of(0, 0, 1, 1, 1),
            List.of(new Level(2, 8), new Level(3, 16), new Level(4, 32)),
            Conditioning.EVERY_LEVEL);

    /** Fashion-MNIST padded to 32x32 grey, centre 16x16 hole; the same design one resolution lower (latents at 8, 4, 2). */
    public static final ModelConfig FASHION32 = COCO64.withName("fashion32").withImage(32, 1, Hole.centred(32, 16));

    private static final Map<String, ModelConfig> PRESETS = new LinkedHashMap<>();

    static {
        PRESETS.put(COCO64.name(), COCO64);
        PRESETS.put(FASHION32.name(), FASHION32);
    }

    private Presets() {
    }

    public static Set<String> names() {
        return PRESETS.keySet();
    }

    /** The preset of that name; an unknown name is an error that lists the known ones. */
    public static ModelConfig get(String name) {
        ModelConfig config = PRESETS.get(name);
        if (config == null) {
            throw new IllegalArgumentException("unknown preset '" + name + "' (known: " + String.join(", ", names()) + ")");
        }
        return config;
    }
}
