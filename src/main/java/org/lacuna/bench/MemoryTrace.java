package org.lacuna.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.lacuna.runtime.NativeMemory;

/**
 * Resident memory and the Java heap over a long session (the soak's measurements): a report line at each
 * {@link #measure()}, and at the end the growth of resident memory after the warm-up as a least-squares slope, in
 * percent of its mean per hour.
 */
public final class MemoryTrace {

    /** The columns of {@link #measure()}'s line. */
    public static final String HEADER = "minute  resident_mb  heap_used_mb  heap_committed_mb";

    private final long start = System.nanoTime();
    private final List<double[]> points = new ArrayList<>();

    /** Measures resident memory and the heap now; their report line (minutes since this trace began first). */
    public String measure() {
        double minute = (System.nanoTime() - start) / 60e9;
        long rss = residentMb();
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        points.add(new double[]{minute, rss});
        return String.format(Locale.ROOT, "%6.1f  %11d  %12d  %17d", minute, rss, heap.getUsed() >> 20,
                heap.getCommitted() >> 20);
    }

    /** The growth of resident memory over the measurements so far ({@link #growthPercentPerHour(List)}). */
    public double growthPercentPerHour() {
        return growthPercentPerHour(points);
    }

    /** Resident memory after a full collection: a phase's figure before and after, without the garbage. */
    public static long settledResidentMb() {
        System.gc();
        return residentMb();
    }

    public static long residentMb() {
        return NativeMemory.residentKilobytes() / 1024;
    }

    /**
     * The least-squares slope of resident memory against time after the warm-up (the first sixth of the run, at
     * least two reports), in percent of the mean per hour; 0 with fewer than two points after it.
     *
     * @param points (minute, resident MB) pairs
     */
    public static double growthPercentPerHour(List<double[]> points) {
        int skip = Math.max(2, points.size() / 6);
        List<double[]> p = points.size() - skip >= 2 ? points.subList(skip, points.size())
                : points.subList(Math.max(0, points.size() - 2), points.size());
        if (p.size() < 2) {
            return 0;
        }
        double mx = 0, my = 0;
        for (double[] q : p) {
            mx += q[0];
            my += q[1];
        }
        mx /= p.size();
        my /= p.size();
        double sxy = 0, sxx = 0;
        for (double[] q : p) {
            sxy += (q[0] - mx) * (q[1] - my);
            sxx += (q[0] - mx) * (q[0] - mx);
        }
        double slopePerMinute = sxx == 0 ? 0 : sxy / sxx;
        return slopePerMinute * 60 / my * 100;
    }
}
