package org.lacuna.ui.train;

/**
 * One chart series that stays small however long the run: consecutive points are averaged in buckets of equal
 * count, and when {@code max} buckets are full, neighbouring buckets merge and the bucket doubles. A run of 100,000
 * steps is then drawn with 1,000 to 2,000 points, and the same points always give the same series (a run's charts
 * drawn live and redrawn from its metrics file match). Non-finite values (a skipped step's NaN loss) are left out.
 * Plain Java, no JavaFX: the view copies it into a chart.
 */
final class DecimatedSeries {

    /** Points kept per series at most. */
    static final int MAX_POINTS = 2000;

    private final String name;
    private final int max;
    private final double[] xs;
    private final double[] ys;
    private int complete;
    private int bucket = 1;
    private double sumX;
    private double sumY;
    private int partial;
    private int generation;
    private long added;

    DecimatedSeries(String name) {
        this(name, MAX_POINTS);
    }

    DecimatedSeries(String name, int max) {
        if (max < 2 || max % 2 != 0) {
            throw new IllegalArgumentException("max points must be even and at least 2, not " + max);
        }
        this.name = name;
        this.max = max;
        this.xs = new double[max];
        this.ys = new double[max];
    }

    String name() {
        return name;
    }

    void add(double x, double y) {
        if (!Double.isFinite(x) || !Double.isFinite(y)) {
            return;
        }
        added++;
        sumX += x;
        sumY += y;
        partial++;
        if (partial == bucket) {
            xs[complete] = sumX / partial;
            ys[complete] = sumY / partial;
            complete++;
            sumX = 0;
            sumY = 0;
            partial = 0;
            if (complete == max) {
                merge();
            }
        }
    }

    /** Halves the buckets: each pair of equal-sized neighbours becomes one. */
    private void merge() {
        for (int i = 0; i < complete / 2; i++) {
            xs[i] = (xs[2 * i] + xs[2 * i + 1]) / 2;
            ys[i] = (ys[2 * i] + ys[2 * i + 1]) / 2;
        }
        complete /= 2;
        bucket *= 2;
        generation++;
    }

    /** Points to draw: the full buckets, then the one still filling. */
    int size() {
        return complete + (partial > 0 ? 1 : 0);
    }

    double x(int i) {
        return i < complete ? xs[i] : sumX / partial;
    }

    double y(int i) {
        return i < complete ? ys[i] : sumY / partial;
    }

    /** Changes whenever earlier points change (buckets merged): a chart must then redraw the whole series. */
    int generation() {
        return generation;
    }

    /** Raw points added so far. */
    long added() {
        return added;
    }

    /** Raw points averaged into each point now. */
    int bucket() {
        return bucket;
    }
}
