package org.lacuna.runtime;

import com.sun.jna.Library;
import com.sun.jna.Native;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tunes glibc's allocator for ND4J, whose every op allocates its output arrays (tens of MB each) with malloc and
 * frees them when the JVM collects their owners. By default glibc serves blocks above a (dynamic) threshold with
 * fresh mmap'ed pages and gives them back on free, so each training step page-faults and zeroes gigabytes: a
 * third of a coco64 step went to the kernel. Serving blocks up to 64 MB from the heap, never trimming it, and
 * growing it by 256 MB at a time lets freed arrays be reused: coco64 training went from 21.5 to 32 images/s and
 * its peak resident memory from 9.5 to 4.9 GB (docs/PERFORMANCE.md). The threshold was 32 MB (glibc's documented
 * maximum; 2.36 takes more): at batch 64 the largest activations (33.5 MB) lay above it, and batch 64 trained at
 * 9.5 images/s against 18.9 with 64 MB. Two arenas at most (see {@link #ARENAS}). Call before ND4J allocates anything.
 */
public final class NativeAllocator {

    private static final Logger LOG = LoggerFactory.getLogger(NativeAllocator.class);
    private static final int M_TRIM_THRESHOLD = -1;
    private static final int M_TOP_PAD = -2;
    private static final int M_MMAP_THRESHOLD = -3;
    private static final int M_ARENA_MAX = -8;
    /**
     * Arenas (glibc's default is eight per core): each thread that allocates may get an arena of its own, and with
     * trimming off each arena keeps its peak. Threads come and go (executors' idle threads end), so a long run's
     * resident memory rose in steps as new arenas filled; {@code lacuna.malloc.arenas} overrides.
     */
    public static final int ARENAS = 2;
    /** The mmap threshold unless {@code lacuna.mmap.threshold.mb} says otherwise (an experiment's knob). */
    public static final int MMAP_THRESHOLD = 64 << 20;
    public static final int TOP_PAD = 256 << 20;

    /** glibc's mallopt. */
    public interface LibC extends Library {
        int mallopt(int param, int value);
    }

    private NativeAllocator() {
    }

    /** {@link #MMAP_THRESHOLD}, or the system property {@code lacuna.mmap.threshold.mb} in MB when it is set. */
    static int mmapThreshold() {
        String mb = System.getProperty("lacuna.mmap.threshold.mb");
        return mb == null ? MMAP_THRESHOLD : Math.multiplyExact(Integer.parseInt(mb.trim()), 1 << 20);
    }

    /** {@link #ARENAS}, or the system property {@code lacuna.malloc.arenas} when it is set (at least 1). */
    static int arenas() {
        String n = System.getProperty("lacuna.malloc.arenas");
        int value = n == null ? ARENAS : Integer.parseInt(n.trim());
        if (value < 1) {
            throw new IllegalArgumentException("lacuna.malloc.arenas must be at least 1, not " + value);
        }
        return value;
    }

    /** Applies the settings; returns whether glibc accepted them (false on other C libraries or systems). */
    public static boolean tune() {
        if (!System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux")
                || "false".equals(System.getProperty("lacuna.mallopt"))) {
            return false;
        }
        try {
            LibC libc = (LibC) Native.loadLibrary("c", LibC.class);
            boolean ok = libc.mallopt(M_MMAP_THRESHOLD, mmapThreshold()) == 1
                    & libc.mallopt(M_TRIM_THRESHOLD, Integer.MAX_VALUE) == 1
                    & libc.mallopt(M_TOP_PAD, TOP_PAD) == 1
                    & libc.mallopt(M_ARENA_MAX, arenas()) == 1;
            if (!ok) {
                LOG.warn("glibc refused the allocator settings; training will spend more time in the kernel");
            }
            return ok;
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            LOG.warn("cannot tune the native allocator ({}); training will spend more time in the kernel", e.toString());
            return false;
        }
    }
}
