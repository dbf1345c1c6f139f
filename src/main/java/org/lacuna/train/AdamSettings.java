package org.lacuna.train;

/**
 * Adam with gradient-norm clipping and an update skip (MODEL.md, "Loss"; vdvae's defensive step). A run's settings
 * come from its recipe through {@link Trainer#adamSettings}, which turns the thresholds into norms of the loss's
 * gradient; there is deliberately no default here, so that nothing (bench included) measures another step.
 *
 * @param learningRate step size (2e-4 by default)
 * @param clipNorm     the gradient's global L2 norm is scaled down to this when above it
 * @param skipNorm     an update whose gradient norm exceeds this (or is NaN/inf) is skipped and counted
 */
public record AdamSettings(double learningRate, double beta1, double beta2, double epsilon, double clipNorm,
                           double skipNorm) {

    public AdamSettings {
        if (!(learningRate > 0) || !(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1) || !(epsilon > 0)
                || !(clipNorm > 0) || !(skipNorm >= clipNorm)) {
            throw new IllegalArgumentException("invalid Adam settings: learning rate > 0, 0 <= beta < 1, epsilon > 0,"
                    + " 0 < clip norm <= skip norm are required");
        }
    }

    public AdamSettings withLearningRate(double value) {
        return new AdamSettings(value, beta1, beta2, epsilon, clipNorm, skipNorm);
    }
}
