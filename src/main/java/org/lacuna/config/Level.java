package org.lacuna.config;

/**
 * One latent level: its channels and the trunk stage (resolution = imageSize / 2^stage) it lives at.
 * Levels are listed bottom-up: z1 first.
 */
public record Level(int stage, int channels) {
}
