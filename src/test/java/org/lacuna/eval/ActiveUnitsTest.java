package org.lacuna.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

class ActiveUnitsTest {

    @Test
    void unitsWhosePosteriorMeanVariesMoreThanTheThresholdAreActive() {
        ActiveUnits au = new ActiveUnits(4, 2);
        // level 1: unit 0 swings 0/1 (var 0.25), unit 1 is constant, unit 2 swings 0/0.1 (var 0.0025),
        // unit 3 swings 0/0.3 (var 0.0225); level 2: unit 0 swings -0.2/0.2 (var 0.04), unit 1 0.1/0.28 (var 0.0081)
        double[][] level1 = {{0, 5, 0, 0}, {1, 5, 0.1, 0.3}, {0, 5, 0, 0}, {1, 5, 0.1, 0.3}};
        double[][] level2 = {{-0.2, 0.1}, {0.2, 0.28}, {-0.2, 0.1}, {0.2, 0.28}};
        for (int i = 0; i < 4; i++) {
            au.add(1, level1[i]);
            au.add(2, level2[i]);
        }
        assertArrayEquals(new double[]{0.25, 0, 0.0025, 0.0225}, au.variances(1), 1e-12);
        assertArrayEquals(new double[]{0.04, 0.0081}, au.variances(2), 1e-12);
        List<LevelActivity> result = au.result();
        assertEquals(new LevelActivity(1, 2, 4), result.get(0));
        assertEquals(0.5, result.get(0).share());
        assertEquals(new LevelActivity(2, 1, 2), result.get(1));
    }

    @Test
    void oneImageActivatesNothingAndShapesAreChecked() {
        ActiveUnits au = new ActiveUnits(3);
        au.add(1, new double[]{1, 2, 3});
        assertEquals(0, au.result().get(0).active());
        assertThrows(IllegalArgumentException.class, () -> au.add(1, new double[]{1, 2}));
    }
}
