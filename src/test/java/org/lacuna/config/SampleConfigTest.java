package org.lacuna.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SampleConfigTest {

    @Test
    void countsLeavesWithZeroAsOneBranch() {
        SampleConfig s = SampleConfig.of(1, 2, 0, 4);
        assertEquals(8, s.leaves());
        assertEquals(2, s.branches(3));
        assertEquals(1, s.branches(2));
        assertEquals(0, s.count(2));
        assertEquals(4, s.leavesPerNode(3));
        assertEquals(1.0, s.temperature(1));
    }

    @Test
    void refusesBadRequests() {
        assertThrows(IllegalArgumentException.class, () -> SampleConfig.of(1, 2, -1, 4));
        assertThrows(IllegalArgumentException.class, () -> new SampleConfig(new int[]{1, 1}, new double[]{1}, 1));
        assertThrows(IllegalArgumentException.class, () -> new SampleConfig(new int[]{1}, new double[]{-0.5}, 1));
        assertThrows(IllegalArgumentException.class, () -> SampleConfig.of(1, 64, 64));
    }
}
