package org.lacuna.eval;

import java.util.ArrayList;
import java.util.List;

/**
 * Counts active latent units (Burda, Grosse and Salakhutdinov 2016): a unit u is active when
 * Cov_x(E_q[z_u | x]) > {@link #THRESHOLD}, the variance across the data of its posterior mean. The variance is the
 * population variance (divided by N) over the images added, accumulated per unit with Welford's update in double.
 * With fewer than two images nothing varies, so nothing is active.
 */
public final class ActiveUnits {

    public static final double THRESHOLD = 0.01;

    private final int[] units;
    private final long[] count;
    private final double[][] mean;
    private final double[][] m2;

    /** @param unitsPerLevel the units of each level, z1 first */
    public ActiveUnits(int... unitsPerLevel) {
        units = unitsPerLevel.clone();
        count = new long[units.length];
        mean = new double[units.length][];
        m2 = new double[units.length][];
        for (int l = 0; l < units.length; l++) {
            mean[l] = new double[units[l]];
            m2[l] = new double[units[l]];
        }
    }

    public int levels() {
        return units.length;
    }

    /** Adds one image's posterior mean of a level (1 = z1), flattened: one value per unit. */
    public void add(int level, double[] posteriorMean) {
        int l = level - 1;
        if (posteriorMean.length != units[l]) {
            throw new IllegalArgumentException("level " + level + " has " + units[l] + " units, got "
                    + posteriorMean.length + " values");
        }
        count[l]++;
        double[] mu = mean[l], s = m2[l];
        for (int u = 0; u < mu.length; u++) {
            double delta = posteriorMean[u] - mu[u];
            mu[u] += delta / count[l];
            s[u] += delta * (posteriorMean[u] - mu[u]);
        }
    }

    /** The variance across the images of each unit's posterior mean (0 before two images). */
    public double[] variances(int level) {
        int l = level - 1;
        double[] v = new double[units[l]];
        if (count[l] > 0) {
            for (int u = 0; u < v.length; u++) {
                v[u] = m2[l][u] / count[l];
            }
        }
        return v;
    }

    /** The active units of each level, z1 first. */
    public List<LevelActivity> result() {
        List<LevelActivity> out = new ArrayList<>(units.length);
        for (int level = 1; level <= units.length; level++) {
            int active = 0;
            for (double v : variances(level)) {
                if (v > THRESHOLD) {
                    active++;
                }
            }
            out.add(new LevelActivity(level, active, units[level - 1]));
        }
        return out;
    }
}
