package org.lacuna.model;

import java.util.List;

import org.lacuna.config.Conditioning;
import org.lacuna.config.Hole;
import org.lacuna.config.Level;
import org.lacuna.config.ModelConfig;

/** Small configurations for fast tests: the same design at 8x8 or 16x16 with a few channels. */
public final class TinyConfigs {

    private TinyConfigs() {
    }

    /** 8x8 grey, centre 4x4 hole, three stages (8, 4, 2), latents at 4 and 2. */
    public static ModelConfig tiny(Conditioning conditioning) {
        return new ModelConfig("tiny", 8, 1, Hole.centred(8, 4), List.of(3, 4, 4), List.of(0, 1, 1),
                List.of(new Level(1, 2), new Level(2, 3)), conditioning);
    }

    /**
     * 32x32 RGB with two extra convs at every stage (c32, c32_2, c16_2, ...), both trunks and the top-down path: the
     * naming branch the presets never take, for the backends' parity.
     */
    public static ModelConfig twoConvsPerStage(Conditioning conditioning) {
        return new ModelConfig("two-convs", 32, 3, Hole.centred(32, 16), List.of(8, 16, 16, 32), List.of(2, 2, 2, 2),
                List.of(new Level(1, 4), new Level(2, 4), new Level(3, 8)), conditioning);
    }

    /** 16x16 RGB, centre 8x8 hole, four stages, three latent levels: a coco64 in miniature. */
    public static ModelConfig small() {
        return new ModelConfig("small", 16, 3, Hole.centred(16, 8), List.of(8, 8, 16, 16), List.of(0, 0, 1, 1),
                List.of(new Level(1, 4), new Level(2, 4), new Level(3, 8)), Conditioning.EVERY_LEVEL);
    }
}
