package org.lacuna.config;

import java.util.ArrayList;
import java.util.List;

/**
 * The architecture of one conditional hierarchical VAE (MODEL.md). Immutable; every constructor call
 * validates, so an instance always describes a model that can be built.
 *
 * <p>The trunks have one stage per resolution: stage 0 at {@code imageSize}, each further stage halves it.
 * Stage 0 opens with a conv from the input to {@code widths[0]}; every other stage opens with a stride-2
 * "down" conv, and each stage then has {@code convs[s]} more 3x3 convs. The top-down path uses the same widths.
 *
 * @param name         a label (the preset's name for presets)
 * @param imageSize    side of the square input, in pixels
 * @param channels     1 (grey) or 3 (RGB)
 * @param hole         the rectangle the model fills
 * @param widths       channels of each trunk stage, from the full resolution down
 * @param convs        extra stride-1 convs at each stage, after the stage's first conv
 * @param levels       the latent levels, bottom-up (z1 first); the top one sits at the last stage
 * @param conditioning where the border features enter the top-down path
 */
public record ModelConfig(
        String name,
        int imageSize,
        int channels,
        Hole hole,
        List<Integer> widths,
        List<Integer> convs,
        List<Level> levels,
        Conditioning conditioning) {

    /**
     * Bounds on every size, checked before anything is built from a config (a model file's header is untrusted): far
     * above the presets (image 64, widths up to 128, five stages, one conv each, latents of 32 channels), far below
     * what would exhaust memory.
     */
    public static final int MAX_IMAGE_SIZE = 256, MAX_WIDTH = 512, MAX_STAGES = 8, MAX_CONVS = 4,
            MAX_LEVEL_CHANNELS = 256;

    public ModelConfig {
        List<String> problems = new ArrayList<>();
        for (List<?> list : java.util.Arrays.asList(widths, convs, levels)) {
            if (list != null && list.stream().anyMatch(java.util.Objects::isNull)) {
                problems.add("widths, convs and levels must not hold null");
            }
        }
        if (imageSize > MAX_IMAGE_SIZE) {
            problems.add("imageSize " + imageSize + " is above the largest Lacuna builds (" + MAX_IMAGE_SIZE + ")");
        }
        if (widths != null && widths.size() > MAX_STAGES) {
            problems.add(widths.size() + " stages are more than Lacuna builds (" + MAX_STAGES + ")");
        }
        if (widths != null && widths.stream().anyMatch(w -> w != null && w > MAX_WIDTH)) {
            problems.add("widths " + widths + " go above the largest Lacuna builds (" + MAX_WIDTH + ")");
        }
        if (convs != null && convs.stream().anyMatch(c -> c != null && c > MAX_CONVS)) {
            problems.add("convs " + convs + " go above the most Lacuna builds per stage (" + MAX_CONVS + ")");
        }
        if (levels != null && levels.stream().anyMatch(l -> l != null && l.channels() > MAX_LEVEL_CHANNELS)) {
            problems.add("a latent level has more channels than Lacuna builds (" + MAX_LEVEL_CHANNELS + ")");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid model config: " + String.join("; ", problems));
        }
        if (name == null || name.isBlank()) {
            problems.add("name is missing");
        }
        if (channels != 1 && channels != 3) {
            problems.add("channels must be 1 or 3, not " + channels);
        }
        if (conditioning == null) {
            problems.add("conditioning is missing (every-level or top-only)");
        }
        if (widths == null || widths.size() < 2) {
            problems.add("widths must list at least two stages");
        } else {
            widths = List.copyOf(widths);
            for (int w : widths) {
                if (w <= 0) {
                    problems.add("widths must be positive: " + widths);
                    break;
                }
            }
            if (imageSize <= 0 || imageSize % (1 << (widths.size() - 1)) != 0) {
                problems.add("imageSize " + imageSize + " must be a positive multiple of 2^" + (widths.size() - 1)
                        + " for " + widths.size() + " stages");
            }
            if (convs == null || convs.size() != widths.size()) {
                problems.add("convs must have one entry per stage (" + widths.size() + ")");
            } else {
                convs = List.copyOf(convs);
                if (convs.stream().anyMatch(c -> c < 0)) {
                    problems.add("convs must not be negative: " + convs);
                }
            }
            if (levels == null || levels.isEmpty()) {
                problems.add("at least one latent level is needed");
            } else {
                levels = List.copyOf(levels);
                int previous = -1;
                for (int l = 0; l < levels.size(); l++) {
                    Level level = levels.get(l);
                    if (level == null || level.channels() <= 0) {
                        problems.add("level " + (l + 1) + " needs a positive number of channels");
                        continue;
                    }
                    if (level.stage() <= previous || level.stage() >= widths.size()) {
                        problems.add("level " + (l + 1) + " stage " + level.stage()
                                + " must be above the level below it and at most " + (widths.size() - 1));
                    }
                    previous = level.stage();
                }
                Level top = levels.get(levels.size() - 1);
                if (top != null && top.stage() != widths.size() - 1) {
                    problems.add("the top level must sit at the last stage (" + (widths.size() - 1) + "), not "
                            + top.stage());
                }
            }
        }
        if (hole == null) {
            problems.add("hole is missing");
        } else if (hole.height() <= 0 || hole.width() <= 0 || hole.top() < 0 || hole.left() < 0
                || (long) hole.top() + hole.height() > imageSize || (long) hole.left() + hole.width() > imageSize) {
            problems.add("hole " + hole + " must be non-empty and inside the " + imageSize + "x" + imageSize + " image");
        } else if (hole.height() == imageSize && hole.width() == imageSize) {
            problems.add("hole covers the whole image: there is no border to condition on");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid model config: " + String.join("; ", problems));
        }
    }

    public int stages() {
        return widths.size();
    }

    public int topStage() {
        return stages() - 1;
    }

    /** Side of the feature maps at a stage. */
    public int resolution(int stage) {
        return imageSize >> stage;
    }

    public int width(int stage) {
        return widths.get(stage);
    }

    public int levelCount() {
        return levels.size();
    }

    /** Level l, counted from 1 (z1) to levelCount() (the top). */
    public Level level(int l) {
        return levels.get(l - 1);
    }

    /** The level that lives at a stage, counted from 1, or 0 when none does. */
    public int levelAt(int stage) {
        for (int l = 1; l <= levels.size(); l++) {
            if (levels.get(l - 1).stage() == stage) {
                return l;
            }
        }
        return 0;
    }

    /** Shape [channels, side, side] of the latent z_l. */
    public long[] latentShape(int l) {
        Level level = level(l);
        int side = resolution(level.stage());
        return new long[]{level.channels(), side, side};
    }

    /** Channels of the border input c = concat(x_outer, M). */
    public int borderChannels() {
        return channels + 1;
    }

    /** Number of sub-pixels the likelihood counts: the hole, or the whole image with top-only conditioning. */
    public long modelledDims() {
        long pixels = conditioning == Conditioning.TOP_ONLY ? (long) imageSize * imageSize : hole.area();
        return pixels * channels;
    }

    public ModelConfig withConditioning(Conditioning value) {
        return new ModelConfig(name, imageSize, channels, hole, widths, convs, levels, value);
    }

    public ModelConfig withName(String value) {
        return new ModelConfig(value, imageSize, channels, hole, widths, convs, levels, conditioning);
    }

    public ModelConfig withImage(int size, int imageChannels, Hole imageHole) {
        return new ModelConfig(name, size, imageChannels, imageHole, widths, convs, levels, conditioning);
    }

    public ModelConfig withLevels(List<Level> value) {
        return new ModelConfig(name, imageSize, channels, hole, widths, convs, value, conditioning);
    }

    public ModelConfig withWidths(List<Integer> value, List<Integer> convsPerStage) {
        return new ModelConfig(name, imageSize, channels, hole, value, convsPerStage, levels, conditioning);
    }
}
