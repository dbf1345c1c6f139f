package org.lacuna.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class NativeMemoryTest {

    @Test
    void theCeilingIsAShareOfTheMachineWithAFloorAndKeepsAUsersValue() {
        assertEquals((long) (24L * (1L << 30) * 0.6), NativeMemory.ceiling(24L << 30));
        assertEquals(6L << 30, NativeMemory.ceiling(8L << 30), "the floor on a small machine");
        assertEquals(4L << 30, NativeMemory.ceiling(4L << 30), "never above the machine");
        assertEquals(8L << 30, NativeMemory.parseBytes("8G"));
        assertEquals(512L << 20, NativeMemory.parseBytes(" 512m"));
        assertEquals(12345, NativeMemory.parseBytes("12345"));
        assertEquals(0, NativeMemory.parseBytes("lots"));
        String before = System.getProperty(NativeMemory.MAX_PHYSICAL_BYTES);
        try {
            System.setProperty(NativeMemory.MAX_PHYSICAL_BYTES, "7g");
            assertEquals(7L << 30, NativeMemory.limitResidentMemory());
            assertEquals("7g", System.getProperty(NativeMemory.MAX_PHYSICAL_BYTES));
            System.clearProperty(NativeMemory.MAX_PHYSICAL_BYTES);
            long set = NativeMemory.limitResidentMemory();
            assertTrue(set >= 6L << 30 || set == NativeMemory.totalMemory(), "a default ceiling: " + set);
            assertEquals(Long.toString(set), System.getProperty(NativeMemory.MAX_PHYSICAL_BYTES));
        } finally {
            if (before == null) {
                System.clearProperty(NativeMemory.MAX_PHYSICAL_BYTES);
            } else {
                System.setProperty(NativeMemory.MAX_PHYSICAL_BYTES, before);
            }
        }
    }
}
