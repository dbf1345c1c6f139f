package org.lacuna.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.lacuna.config.Conditioning;
import org.lacuna.config.ModelConfig;

/**
 * The network of MODEL.md, described once: the walk over the two trunks, the recognition heads and the top-down path
 * that every backend follows ({@link HvaeGraph} on SameDiff, {@link TrainingPlan} and {@link DirectSampler} on
 * oneDNN), each by implementing the three operations of {@link Ops} over its own tensors. The conv names, their
 * order and their shapes ({@link #convs}) come from the same walk.
 */
final class Network {

    /** What a backend does at each step of the walk, over its tensors {@code T}. */
    interface Ops<T> {
        /**
         * The named 3x3 conv (padding 1, stride 1 or 2) over concat(parts), in the order given, followed by ELU when
         * {@code elu} (every conv but the heads).
         */
        T conv(String name, List<T> parts, int out, int stride, boolean elu);

        /** Nearest-neighbour upsampling by 2. */
        T upsample(T h);

        /** z_l, given its prior's head (2k channels: k means, then k log-variances). */
        T latent(int level, T priorHead);
    }

    private Network() {
    }

    /**
     * One bottom-up trunk ({@code prefix} "E" or "C") over its input (the image, or the border input's parts): its
     * feature map at every stage, full resolution first. Stage 0 opens with a conv, every other stage with a stride-2
     * conv; each is followed by the stage's extra convs, named c{res}, c{res}_2, ...
     */
    static <T> List<T> trunk(ModelConfig config, String prefix, List<T> input, Ops<T> ops) {
        List<T> stages = new ArrayList<>();
        T h = ops.conv(prefix + ".c" + config.resolution(0), input, config.width(0), 1, true);
        h = extraConvs(config, prefix, 0, h, 1, ops);
        stages.add(h);
        for (int s = 1; s < config.stages(); s++) {
            h = ops.conv(prefix + ".d" + config.resolution(s), List.of(h), config.width(s), 2, true);
            h = extraConvs(config, prefix, s, h, 0, ops);
            stages.add(h);
        }
        return stages;
    }

    private static <T> T extraConvs(ModelConfig config, String prefix, int stage, T h, int alreadyNamed, Ops<T> ops) {
        int res = config.resolution(stage);
        for (int i = 0; i < config.convs().get(stage); i++) {
            int ordinal = i + 1 + alreadyNamed;
            h = ops.conv(prefix + ".c" + res + (ordinal == 1 ? "" : "_" + ordinal), List.of(h), config.width(stage), 1,
                    true);
        }
        return h;
    }

    /** The recognition heads q_1 .. q_L on the E trunk's stages (2k channels each), z1's first. */
    static <T> List<T> posteriorHeads(ModelConfig config, List<T> e, Ops<T> ops) {
        List<T> heads = new ArrayList<>();
        for (int l = 1; l <= config.levelCount(); l++) {
            heads.add(ops.conv("q" + l, List.of(e.get(config.level(l).stage())), 2 * config.level(l).channels(), 1,
                    false));
        }
        return heads;
    }

    /**
     * The top-down path from the border trunk's stages: the top prior, then per stage down to full resolution the
     * upsampling, the conv over the border features (every-level conditioning) and, where a level lives, its prior
     * and z; returns the {@code out} head (2C channels: means, then log-scales).
     */
    static <T> T topDown(ModelConfig config, List<T> c, Ops<T> ops) {
        int top = config.topStage();
        int topLevel = config.levelCount();
        T cTop = c.get(top);
        T z = ops.latent(topLevel, ops.conv("p" + topLevel, List.of(cTop), 2 * config.level(topLevel).channels(), 1,
                false));
        T h = ops.conv("h" + config.resolution(top), List.of(z, cTop), config.width(top), 1, true);
        for (int s = top - 1; s >= 0; s--) {
            int res = config.resolution(s);
            int w = config.width(s);
            h = ops.conv("u" + res, List.of(ops.upsample(h)), w, 1, true);
            h = ops.conv("h" + res, config.conditioning() == Conditioning.EVERY_LEVEL ? List.of(h, c.get(s))
                    : List.of(h), w, 1, true);
            int l = config.levelAt(s);
            if (l > 0) {
                T zl = ops.latent(l, ops.conv("p" + l, List.of(h), 2 * config.level(l).channels(), 1, false));
                h = ops.conv("h" + res + "z", List.of(h, zl), w, 1, true);
            }
        }
        return ops.conv("out", List.of(h), 2 * config.channels(), 1, false);
    }

    /**
     * Every conv of the model with its shape, in the design's order (E's trunk, C's, the recognition heads, the
     * top-down path): the weights a model file holds and the order weights are initialised in.
     */
    static List<ConvSpec> convs(ModelConfig config) {
        Map<String, ConvSpec> specs = new LinkedHashMap<>();
        Ops<Integer> shapes = new Ops<>() {
            @Override
            public Integer conv(String name, List<Integer> parts, int out, int stride, boolean elu) {
                int in = parts.stream().mapToInt(Integer::intValue).sum();
                ConvSpec spec = new ConvSpec(name, in, out);
                ConvSpec before = specs.putIfAbsent(name, spec);
                if (before != null && !before.equals(spec)) {
                    throw new IllegalStateException("conv " + name + " used with two shapes: " + before + ", " + spec);
                }
                return out;
            }

            @Override
            public Integer upsample(Integer h) {
                return h;
            }

            @Override
            public Integer latent(int level, Integer priorHead) {
                return config.level(level).channels();
            }
        };
        List<Integer> e = trunk(config, "E", List.of(config.channels()), shapes);
        List<Integer> c = trunk(config, "C", List.of(config.channels(), 1), shapes);
        posteriorHeads(config, e, shapes);
        topDown(config, c, shapes);
        return List.copyOf(specs.values());
    }
}
