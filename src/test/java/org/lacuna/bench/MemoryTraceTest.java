package org.lacuna.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MemoryTraceTest {

    @Test
    void theGrowthIsTheSlopeAfterTheWarmUpInPercentOfTheMeanPerHour() {
        java.util.List<double[]> points = new java.util.ArrayList<>();
        for (int minute = 1; minute <= 60; minute++) {
            // a warm-up jump in the first minutes, then 1 MB a minute on about 1,000 MB
            points.add(new double[]{minute, minute <= 5 ? 500 + 100 * minute : 970 + minute});
        }
        // after the first sixth (10 reports): slope 1 MB/min = 60 MB/h on a mean of 970 + 35.5
        assertEquals(60.0 / 1005.5 * 100, MemoryTrace.growthPercentPerHour(points), 1e-9);
        assertEquals(0.0, MemoryTrace.growthPercentPerHour(java.util.List.of(new double[]{1, 5})), 0.0);
    }
}
