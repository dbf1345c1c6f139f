package org.lacuna.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class NativeAllocatorTest {

    private static final String PROPERTY = "lacuna.mmap.threshold.mb";

    @AfterEach
    void clear() {
        System.clearProperty(PROPERTY);
        System.clearProperty("lacuna.malloc.arenas");
    }

    @Test
    void twoArenasUnlessThePropertySaysOtherwise() {
        assertEquals(2, NativeAllocator.arenas());
        System.setProperty("lacuna.malloc.arenas", "8");
        assertEquals(8, NativeAllocator.arenas());
        System.setProperty("lacuna.malloc.arenas", "0");
        assertThrows(IllegalArgumentException.class, NativeAllocator::arenas);
    }

    @Test
    void thresholdIsAboveBatch64sLargestActivationByDefault() {
        // a coco64 activation at batch 64: 64 x 32 channels x 64 x 64 floats = 33.5 MB, which must come from the heap
        long largest = 64L * 32 * 64 * 64 * Float.BYTES;
        assertEquals(64 << 20, NativeAllocator.mmapThreshold());
        assertEquals(true, NativeAllocator.mmapThreshold() > largest);
    }

    @Test
    void thresholdFollowsThePropertyInMegabytes() {
        System.setProperty(PROPERTY, " 256 ");
        assertEquals(256 << 20, NativeAllocator.mmapThreshold());
        System.setProperty(PROPERTY, "4096");
        assertThrows(ArithmeticException.class, NativeAllocator::mmapThreshold);
    }
}
