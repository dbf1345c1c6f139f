package org.lacuna.runtime;

import java.lang.management.ManagementFactory;

/**
 * A ceiling on the process's resident memory, as JavaCPP enforces it: when the resident set is above
 * {@code org.bytedeco.javacpp.maxphysicalbytes}, the next native allocation first runs the Java collector.
 * ND4J frees an array's native buffer only when the collector takes the array's Java wrapper, and a training step
 * leaves about 1.2 GB of such buffers at coco64 batch 32 (docs/PERFORMANCE.md, second round); when the wrappers
 * reach the old generation nothing collects them for a long time and the process grows by that much per step until
 * the machine runs out. Call before ND4J loads; a value the user set ({@code -D...}) is kept.
 */
public final class NativeMemory {

    public static final String MAX_PHYSICAL_BYTES = "org.bytedeco.javacpp.maxphysicalbytes";
    /** The share of the machine's memory the ceiling allows by default. */
    static final double SHARE = 0.6;
    /** Never below this, so a small machine still trains coco64 at batch 32. */
    static final long FLOOR = 6L << 30;

    private NativeMemory() {
    }

    /** Sets the ceiling unless already set; returns the ceiling in force, in bytes (0 when unknown). */
    public static long limitResidentMemory() {
        String given = System.getProperty(MAX_PHYSICAL_BYTES);
        if (given != null) {
            return parseBytes(given);
        }
        long total = totalMemory();
        if (total <= 0) {
            return 0;
        }
        long limit = ceiling(total);
        System.setProperty(MAX_PHYSICAL_BYTES, Long.toString(limit));
        return limit;
    }

    /** The default ceiling for a machine with {@code total} bytes of memory. */
    static long ceiling(long total) {
        return Math.min(total, Math.max(FLOOR, (long) (total * SHARE)));
    }

    static long totalMemory() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getTotalMemorySize() : 0;
    }

    /** JavaCPP's form: a number of bytes with an optional k, m, g or t (any case). */
    static long parseBytes(String text) {
        String t = text.strip().toLowerCase(java.util.Locale.ROOT);
        long unit = 1;
        if (!t.isEmpty() && "kmgt".indexOf(t.charAt(t.length() - 1)) >= 0) {
            unit = 1L << (10 * ("kmgt".indexOf(t.charAt(t.length() - 1)) + 1));
            t = t.substring(0, t.length() - 1);
        }
        try {
            return Long.parseLong(t) * unit;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** This process's resident memory in kB (VmRSS of /proc/self/status); 0 where the system does not say. */
    public static long residentKilobytes() {
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (java.io.IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }
}
