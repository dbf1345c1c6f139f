package org.lacuna.data;

import java.util.SplittableRandom;

/** Photo-like test images made in code: smooth colour fields with edges and a little noise. */
public final class SyntheticImages {

    private SyntheticImages() {
    }

    public static Raster photo(int width, int height, int channels, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double a = rng.nextDouble() * 0.2, b = rng.nextDouble() * 0.2, phase = rng.nextDouble() * 6;
        int cx = rng.nextInt(width), cy = rng.nextInt(height), radius = 4 + rng.nextInt(Math.max(1, width / 3));
        Raster.Builder out = Raster.blank(width, height, channels).toBuilder();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                boolean disc = (x - cx) * (x - cx) + (y - cy) * (y - cy) < radius * radius;
                for (int c = 0; c < channels; c++) {
                    double v = 128 + 90 * Math.sin(a * x + b * y + phase + 2 * c) + (disc ? 60 - 40 * c : 0)
                            + rng.nextInt(9) - 4;
                    out.set(x, y, c, (int) Math.round(v));
                }
            }
        }
        return out.build();
    }
}
