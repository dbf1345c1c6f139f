package org.lacuna.data;

import java.util.SplittableRandom;

import org.lacuna.config.Hole;
import org.lacuna.config.Mask;

/**
 * Object-sized holes in a whole photo, for measuring object removal (issue 23): a blob (the union of a few
 * overlapping discs around a centre, the shape of a painted-over object) covering 2-8% of the photo and 40-200 px
 * across, away from the photo's edges. A function of the photo's size, the seed and the hole's index, so that anyone
 * gets the same holes.
 */
public final class ObjectHoles {

    /** The smallest and largest share of the photo a hole covers. */
    public static final double MIN_COVERAGE = 0.02;
    public static final double MAX_COVERAGE = 0.08;
    /** The smallest and largest extent of a hole's bounding box, in pixels. */
    public static final int MIN_SIDE = 40;
    public static final int MAX_SIDE = 200;

    private static final int ATTEMPTS = 2000;

    private ObjectHoles() {
    }

    /**
     * The index-th hole of a photo of this size.
     *
     * @throws IllegalArgumentException when no blob of those bounds fits the photo (smaller than about 200x200 or
     *                                  larger than about 2 megapixels: 2% of it cannot be 200 px across)
     */
    public static Mask blob(int width, int height, long seed, int index) {
        SplittableRandom rng = new SplittableRandom(Seeds.mix(seed, index, (long) width * 65_537 + height));
        double area = (double) width * height;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            double target = area * (MIN_COVERAGE + (MAX_COVERAGE - MIN_COVERAGE) * rng.nextDouble());
            // discs of radius r around the centre: about 2.5 r^2 pi of area for five of them
            double r = Math.sqrt(target / (2.5 * Math.PI));
            double margin = 1.6 * r + 8;
            if (2 * margin >= width || 2 * margin >= height) {
                continue;
            }
            double cx = margin + rng.nextDouble() * (width - 2 * margin);
            double cy = margin + rng.nextDouble() * (height - 2 * margin);
            boolean[] hole = new boolean[width * height];
            int discs = 4 + rng.nextInt(4);
            for (int d = 0; d < discs; d++) {
                double angle = rng.nextDouble() * 2 * Math.PI;
                double dist = rng.nextDouble() * 0.8 * r;
                double rr = (0.45 + 0.45 * rng.nextDouble()) * r;
                disc(hole, width, height, cx + dist * Math.cos(angle), cy + dist * Math.sin(angle), rr);
            }
            Mask mask = Mask.of(width, height, hole);
            Hole b = mask.bounds();
            double coverage = mask.coverage();
            if (b != null && coverage >= MIN_COVERAGE && coverage <= MAX_COVERAGE
                    && Math.min(b.width(), b.height()) >= MIN_SIDE && Math.max(b.width(), b.height()) <= MAX_SIDE) {
                return mask;
            }
        }
        throw new IllegalArgumentException("no object-sized hole (" + (int) (100 * MIN_COVERAGE) + "-"
                + (int) (100 * MAX_COVERAGE) + "% of the photo, " + MIN_SIDE + "-" + MAX_SIDE + " px across) fits a "
                + width + "x" + height + " photo");
    }

    private static void disc(boolean[] hole, int width, int height, double x, double y, double r) {
        int x0 = Math.max(0, (int) Math.floor(x - r)), x1 = Math.min(width - 1, (int) Math.ceil(x + r));
        int y0 = Math.max(0, (int) Math.floor(y - r)), y1 = Math.min(height - 1, (int) Math.ceil(y + r));
        for (int py = y0; py <= y1; py++) {
            for (int px = x0; px <= x1; px++) {
                double dx = px - x, dy = py - y;
                if (dx * dx + dy * dy <= r * r) {
                    hole[py * width + px] = true;
                }
            }
        }
    }
}
