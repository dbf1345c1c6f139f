package org.lacuna.ui.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DecimatedSeriesTest {

    @Test
    void aShortSeriesKeepsEveryPointAndSkipsNonFiniteOnes() {
        DecimatedSeries s = new DecimatedSeries("loss");
        for (int i = 1; i <= 10; i++) {
            s.add(i, i == 4 ? Double.NaN : i * 2);
        }
        assertEquals(9, s.size());
        assertEquals(5, s.x(3));
        assertEquals(10, s.y(3));
        assertEquals(0, s.generation());
    }

    @Test
    void aLongRunStaysUnderTheLimitWithBucketMeans() {
        DecimatedSeries s = new DecimatedSeries("loss");
        double sum = 0;
        for (int i = 1; i <= 100_000; i++) {
            double y = Math.sin(i * 0.001) + i * 1e-4;
            s.add(i, y);
            sum += y;
            assertTrue(s.size() <= DecimatedSeries.MAX_POINTS);
        }
        assertTrue(s.size() >= DecimatedSeries.MAX_POINTS / 2, "kept " + s.size());
        assertEquals(100_000, s.added());
        assertEquals(64, s.bucket());
        // every full bucket holds 64 points: the weighted mean of the points is the mean of the data
        double weighted = 0;
        long counted = 0;
        for (int i = 0; i < s.size(); i++) {
            long n = i < s.size() - 1 ? s.bucket() : 100_000 - (long) (s.size() - 1) * s.bucket();
            weighted += s.y(i) * n;
            counted += n;
        }
        assertEquals(100_000, counted);
        assertEquals(sum / 100_000, weighted / counted, 1e-9);
        assertEquals((1 + 64) / 2.0, s.x(0), 1e-9);
        assertTrue(s.x(s.size() - 1) > 99_000);
    }

    @Test
    void theSamePointsGiveTheSameSeries() {
        DecimatedSeries a = new DecimatedSeries("a", 8);
        DecimatedSeries b = new DecimatedSeries("b", 8);
        for (int i = 0; i < 37; i++) {
            a.add(i, i * i);
        }
        for (int i = 0; i < 37; i++) {
            b.add(i, i * i);
        }
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.x(i), b.x(i));
            assertEquals(a.y(i), b.y(i));
        }
        assertTrue(a.generation() > 0);
    }
}
