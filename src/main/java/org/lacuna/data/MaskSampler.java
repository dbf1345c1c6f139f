package org.lacuna.data;

import java.util.SplittableRandom;

import org.lacuna.config.Hole;
import org.lacuna.config.Mask;
import org.lacuna.config.MaskDistribution;

/**
 * The holes of a run's examples, drawn from a {@link MaskDistribution}: the mask of the example at a global position
 * is a function of (seed, position), so a resumed run, a validation pass or a test set gets the same masks again.
 *
 * <p>The free-form recipe, for a window of side S (lengths below are for S = 64 and scale with S): the centre
 * square (the model's own hole) with probability 0.2; else one of four shapes, placed anywhere in the window (they
 * may touch or cross its edges) and drawn again until they cover 5-60% of it:
 * <ul>
 *   <li>strokes (0.25): 1-4 polylines of 2-6 segments 6-24 px long, turning by up to 60 degrees at each joint,
 *       drawn with a round brush of radius 2-7 px (thick strokes, as a brush leaves them);</li>
 *   <li>ellipses (0.15): 1-3 ellipses of radii 4-20 px at any angle;</li>
 *   <li>boxes (0.15): 1-3 rectangles of sides 6-36 px;</li>
 *   <li>blobs (0.25): 1-2 object-like blobs, each a union of 3-7 discs of 40-90% of a base radius of 5-18 px
 *       scattered within that radius of the blob's centre.</li>
 * </ul>
 */
public final class MaskSampler {

    public static final double MIN_COVERAGE = 0.05;
    public static final double MAX_COVERAGE = 0.60;
    private static final long SALT = 0x6D61736B73L; // "masks"
    private static final int MAX_TRIES = 100;

    private final MaskDistribution distribution;
    private final int size;
    private final Hole centre;
    private final long seed;

    /**
     * @param distribution the holes to draw
     * @param size         the window's side, in pixels
     * @param centre       the model's own hole (the centre square)
     * @param seed         the seed the masks derive from
     */
    public MaskSampler(MaskDistribution distribution, int size, Hole centre, long seed) {
        this.distribution = distribution;
        this.size = size;
        this.centre = centre;
        this.seed = seed;
    }

    /** The window's side. */
    public int size() {
        return size;
    }

    public MaskDistribution distribution() {
        return distribution;
    }

    /** The mask of the example at a global position. */
    public Mask mask(long position) {
        if (distribution == MaskDistribution.CENTRE) {
            return Mask.of(centre, size, size);
        }
        return freeForm(new SplittableRandom(Seeds.mix(seed, SALT, position)), size, centre);
    }

    /** The masks of {@code count} examples from a position on, as one [count, 1, S, S] block of 0/1 floats. */
    public float[] block(long position, int count) {
        int plane = size * size;
        float[] out = new float[count * plane];
        for (int i = 0; i < count; i++) {
            System.arraycopy(mask(position + i).toFloats(), 0, out, i * plane, plane);
        }
        return out;
    }

    /** One free-form mask of a size x size window. */
    public static Mask freeForm(SplittableRandom rng, int size, Hole centre) {
        if (rng.nextDouble() < 0.2) {
            return Mask.of(centre, size, size);
        }
        double kind = rng.nextDouble();
        for (int attempt = 0; attempt < MAX_TRIES; attempt++) {
            boolean[] hole = new boolean[size * size];
            double s = size / 64.0;
            if (kind < 0.25 / 0.8) {
                strokes(rng, hole, size, s);
            } else if (kind < 0.40 / 0.8) {
                ellipses(rng, hole, size, s);
            } else if (kind < 0.55 / 0.8) {
                boxes(rng, hole, size, s);
            } else {
                blobs(rng, hole, size, s);
            }
            Mask m = Mask.of(size, size, hole);
            if (m.coverage() >= MIN_COVERAGE && m.coverage() <= MAX_COVERAGE) {
                return m;
            }
        }
        return Mask.of(centre, size, size);
    }

    private static double uniform(SplittableRandom rng, double from, double to) {
        return from + (to - from) * rng.nextDouble();
    }

    /** A point anywhere in the window, or up to a tenth of it beyond its edges. */
    private static double anywhere(SplittableRandom rng, int size) {
        return uniform(rng, -0.1 * size, 1.1 * size);
    }

    private static void strokes(SplittableRandom rng, boolean[] hole, int size, double s) {
        int count = 1 + rng.nextInt(4);
        for (int k = 0; k < count; k++) {
            double x = uniform(rng, 0, size);
            double y = uniform(rng, 0, size);
            double angle = uniform(rng, 0, 2 * Math.PI);
            double radius = uniform(rng, 2, 7) * s;
            int segments = 2 + rng.nextInt(5);
            for (int i = 0; i < segments; i++) {
                double length = uniform(rng, 6, 24) * s;
                double nx = x + length * Math.cos(angle);
                double ny = y + length * Math.sin(angle);
                segment(hole, size, x, y, nx, ny, radius);
                x = nx;
                y = ny;
                angle += uniform(rng, -Math.PI / 3, Math.PI / 3);
            }
        }
    }

    /** A segment drawn with a round brush: every pixel within {@code radius} of it. */
    private static void segment(boolean[] hole, int size, double x0, double y0, double x1, double y1, double radius) {
        int minX = (int) Math.floor(Math.min(x0, x1) - radius), maxX = (int) Math.ceil(Math.max(x0, x1) + radius);
        int minY = (int) Math.floor(Math.min(y0, y1) - radius), maxY = (int) Math.ceil(Math.max(y0, y1) + radius);
        double dx = x1 - x0, dy = y1 - y0;
        double len2 = dx * dx + dy * dy;
        for (int py = Math.max(0, minY); py <= Math.min(size - 1, maxY); py++) {
            for (int px = Math.max(0, minX); px <= Math.min(size - 1, maxX); px++) {
                double cx = px + 0.5, cy = py + 0.5;
                double t = len2 == 0 ? 0 : Math.max(0, Math.min(1, ((cx - x0) * dx + (cy - y0) * dy) / len2));
                double ex = cx - (x0 + t * dx), ey = cy - (y0 + t * dy);
                if (ex * ex + ey * ey <= radius * radius) {
                    hole[py * size + px] = true;
                }
            }
        }
    }

    private static void ellipses(SplittableRandom rng, boolean[] hole, int size, double s) {
        int count = 1 + rng.nextInt(3);
        for (int k = 0; k < count; k++) {
            ellipse(hole, size, anywhere(rng, size), anywhere(rng, size), uniform(rng, 4, 20) * s,
                    uniform(rng, 4, 20) * s, uniform(rng, 0, Math.PI));
        }
    }

    private static void ellipse(boolean[] hole, int size, double cx, double cy, double rx, double ry, double angle) {
        double c = Math.cos(angle), sn = Math.sin(angle);
        double r = Math.max(rx, ry);
        for (int py = Math.max(0, (int) Math.floor(cy - r)); py <= Math.min(size - 1, (int) Math.ceil(cy + r)); py++) {
            for (int px = Math.max(0, (int) Math.floor(cx - r)); px <= Math.min(size - 1, (int) Math.ceil(cx + r)); px++) {
                double dx = px + 0.5 - cx, dy = py + 0.5 - cy;
                double u = (dx * c + dy * sn) / rx, v = (-dx * sn + dy * c) / ry;
                if (u * u + v * v <= 1) {
                    hole[py * size + px] = true;
                }
            }
        }
    }

    private static void boxes(SplittableRandom rng, boolean[] hole, int size, double s) {
        int count = 1 + rng.nextInt(3);
        for (int k = 0; k < count; k++) {
            double w = uniform(rng, 6, 36) * s, h = uniform(rng, 6, 36) * s;
            double x = uniform(rng, -w / 2, size - w / 2), y = uniform(rng, -h / 2, size - h / 2);
            for (int py = Math.max(0, (int) Math.round(y)); py < Math.min(size, (int) Math.round(y + h)); py++) {
                for (int px = Math.max(0, (int) Math.round(x)); px < Math.min(size, (int) Math.round(x + w)); px++) {
                    hole[py * size + px] = true;
                }
            }
        }
    }

    private static void blobs(SplittableRandom rng, boolean[] hole, int size, double s) {
        int count = 1 + rng.nextInt(2);
        for (int k = 0; k < count; k++) {
            double cx = uniform(rng, 0, size), cy = uniform(rng, 0, size);
            double base = uniform(rng, 5, 18) * s;
            int discs = 3 + rng.nextInt(5);
            for (int i = 0; i < discs; i++) {
                double a = uniform(rng, 0, 2 * Math.PI), d = uniform(rng, 0, base);
                double r = uniform(rng, 0.4, 0.9) * base;
                ellipse(hole, size, cx + d * Math.cos(a), cy + d * Math.sin(a), r, r, 0);
            }
        }
    }
}
