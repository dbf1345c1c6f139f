package org.lacuna.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.lacuna.config.Hole;
import org.lacuna.config.Mask;
import org.lacuna.config.MaskDistribution;

class MaskSamplerTest {

    private static final Hole CENTRE = Hole.centred(64, 32);

    @Test
    void freeFormMasksCoverFiveToSixtyPercentAnywhereAndKeepTheCentreSquareSometimes() {
        MaskSampler s = new MaskSampler(MaskDistribution.FREE_FORM, 64, CENTRE, 3);
        Mask centre = Mask.of(CENTRE, 64, 64);
        int n = 1000, centres = 0, touching = 0, small = 0, large = 0;
        java.util.Set<Mask> distinct = new java.util.HashSet<>();
        for (int i = 0; i < n; i++) {
            Mask m = s.mask(i);
            assertTrue(m.coverage() >= MaskSampler.MIN_COVERAGE && m.coverage() <= MaskSampler.MAX_COVERAGE,
                    "mask " + i + " covers " + m.coverage());
            centres += m.equals(centre) ? 1 : 0;
            Hole b = m.bounds();
            touching += b.top() == 0 || b.left() == 0 || b.top() + b.height() == 64 || b.left() + b.width() == 64 ? 1 : 0;
            small += m.coverage() < 0.1 ? 1 : 0;
            large += m.coverage() > 0.35 ? 1 : 0;
            distinct.add(m);
        }
        assertTrue(centres > 150 && centres < 250, "about a fifth are the centre square: " + centres);
        assertTrue(touching > 300, "many touch the window's edge: " + touching);
        assertTrue(small > 50 && large > 10, "small and large holes both occur: " + small + ", " + large);
        assertTrue(distinct.size() > n - centres - 5, "the others are all different: " + distinct.size());
    }

    @Test
    void aMaskIsAFunctionOfTheSeedAndThePosition() {
        MaskSampler a = new MaskSampler(MaskDistribution.FREE_FORM, 64, CENTRE, 5);
        MaskSampler b = new MaskSampler(MaskDistribution.FREE_FORM, 64, CENTRE, 5);
        for (long p : new long[]{0, 1, 77, 1_000_000_007L}) {
            assertEquals(a.mask(p), b.mask(p), "position " + p);
        }
        int differ = 0;
        MaskSampler other = new MaskSampler(MaskDistribution.FREE_FORM, 64, CENTRE, 6);
        for (int p = 0; p < 20; p++) {
            differ += a.mask(p).equals(other.mask(p)) ? 0 : 1;
        }
        assertTrue(differ > 12, "another seed, other masks: " + differ);
        float[] block = a.block(10, 3);
        assertEquals(3 * 64 * 64, block.length);
        assertEquals(a.mask(11), Mask.fromFloats(64, 64, java.util.Arrays.copyOfRange(block, 4096, 8192)));
    }

    @Test
    void theCentreDistributionIsTheModelsOwnHoleAndSmallWindowsScale() {
        MaskSampler c = new MaskSampler(MaskDistribution.CENTRE, 64, CENTRE, 1);
        assertEquals(Mask.of(CENTRE, 64, 64), c.mask(12345));
        MaskSampler f = new MaskSampler(MaskDistribution.FREE_FORM, 32, Hole.centred(32, 16), 1);
        for (int i = 0; i < 200; i++) {
            Mask m = f.mask(i);
            assertEquals(32, m.width());
            assertTrue(m.coverage() >= 0.05 && m.coverage() <= 0.6);
        }
        assertNotEquals(f.mask(0), f.mask(1));
    }
}
