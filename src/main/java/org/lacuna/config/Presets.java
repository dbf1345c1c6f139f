package org.lacuna.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The registry of named model configurations and training recipes. Model presets derive from the reference
 * {@code coco64}; recipes from the reference recipe of MODEL.md ("Loss"). A recipe's data is a placeholder that the
 * run sets.
 */
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

    /** The reference recipe: resize mode, Adam 2e-4, KL warm-up 5,000 steps, vdvae's clip/skip 200/400 per sub-pixel. */
    public static final TrainConfig REFERENCE = new TrainConfig("-", ExampleMode.RESIZE, 0.05, 32, 2e-4, 0, 20_000,
            5_000, 200.0, 400.0, GradientScale.PER_SUBPIXEL, 0.999, false, 1_000, 500, 8, 0, 1, MaskDistribution.CENTRE,
            0);

    /**
     * The shipped coco64's campaign (issue 12): crops drawn as the test crops are, mirrored half the time; the
     * per-image loss's gradient clipped at norm 200 on every step (as the implementation that reached 29.3 dB did;
     * the reference's threshold is never reached), updates skipped only above 10^6 or on NaN/inf; a 200-step
     * learning-rate warm-up; validation and previews every 1,000 steps on 16 batches, checkpoints every 250, a slim
     * snapshot of the EMA weights every 5,000 (for the learning curve).
     */
    public static final TrainConfig PHOTOS = REFERENCE.toBuilder().mode(ExampleMode.CROPS).flips(true)
            .gradientLimits(200.0, 1e6, GradientScale.PER_IMAGE).lrWarmupSteps(200).steps(200_000)
            .validateEvery(1_000).validationBatches(16).checkpointEvery(250).snapshotEvery(5_000).build();

    /**
     * The free-form campaign (issue 22): the photos recipe on holes of any shape ({@link MaskDistribution#FREE_FORM},
     * which keeps the centre square one time in five), warm-started from a centre-hole model in practice.
     */
    public static final TrainConfig FREE_FORM = PHOTOS.toBuilder().masks(MaskDistribution.FREE_FORM).build();

    /**
     * Fine-tuning the shipped coco64 on a small folder of one kind of photo (issue 24): crops with flips and the
     * per-image clipping of the shipped model's recipe; no KL warm-up (its latents are trained already); a quarter of
     * its learning rate after a 100-step warm-up; 3,000 steps; validation, previews and checkpoints every 250.
     */
    public static final TrainConfig FINE_TUNE = PHOTOS.toBuilder().learningRate(5e-5).lrWarmupSteps(100)
            .klWarmupSteps(0).steps(3_000).validateEvery(250).validationBatches(4).checkpointEvery(250)
            .snapshotEvery(0).build();

    private static final Map<String, ModelConfig> PRESETS = new LinkedHashMap<>();
    private static final Map<String, TrainConfig> RECIPES = new LinkedHashMap<>();

    static {
        PRESETS.put(COCO64.name(), COCO64);
        PRESETS.put(FASHION32.name(), FASHION32);
        RECIPES.put("reference", REFERENCE);
        RECIPES.put("photos", PHOTOS);
        RECIPES.put("free-form", FREE_FORM);
        RECIPES.put("fine-tune", FINE_TUNE);
    }

    private Presets() {
    }

    public static Set<String> names() {
        return PRESETS.keySet();
    }

    public static Set<String> recipeNames() {
        return RECIPES.keySet();
    }

    /** The recipe of that name for a data source; an unknown name is an error that lists the known ones. */
    public static TrainConfig recipe(String name, String data) {
        TrainConfig recipe = RECIPES.get(name);
        if (recipe == null) {
            throw new IllegalArgumentException("unknown recipe '" + name + "' (known: " + String.join(", ",
                    recipeNames()) + ")");
        }
        return recipe.toBuilder().data(data).build();
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
