package org.lacuna.runtime;

import java.util.Map;

import org.bytedeco.javacpp.Loader;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * What ND4J runs on: the backend, whether its oneDNN build is loaded (10x faster convolutions here), the CPU
 * level and threads. {@link #PLATFORM_EXTENSION_PROPERTY} must be set before ND4J loads to pick the oneDNN build.
 */
public record Backend(String name, boolean oneDnn, String library, String cpuLevel, int threads) {

    public static final String PLATFORM_EXTENSION_PROPERTY = "org.bytedeco.javacpp.platform.extension";
    public static final String ONEDNN_EXTENSION = "-onednn";

    private static final java.util.concurrent.atomic.AtomicBoolean ANNOUNCED = new java.util.concurrent.atomic.AtomicBoolean();

    /** Loads ND4J and logs the backend once per process: a warning when oneDNN is not in use. */
    public static Backend announce() {
        Backend backend = describe();
        if (ANNOUNCED.compareAndSet(false, true)) {
            org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Backend.class);
            if (backend.oneDnn()) {
                log.info(backend.summary());
            } else {
                log.warn(backend.summary() + "; library: " + backend.library());
            }
        }
        return backend;
    }

    /** Asks for the oneDNN natives unless the user chose otherwise; call first thing in main. */
    public static void preferOneDnn() {
        if (System.getProperty(PLATFORM_EXTENSION_PROPERTY) == null) {
            System.setProperty(PLATFORM_EXTENSION_PROPERTY, ONEDNN_EXTENSION);
        }
    }

    /** Loads ND4J if needed and describes it. */
    public static Backend describe() {
        Nd4j.getExecutioner();
        String build = NativeOpsHolder.getInstance().getDeviceNativeOps().buildInfo();
        String library = "";
        for (Map.Entry<String, String> e : Loader.getLoadedLibraries().entrySet()) {
            if (e.getKey().equals("nd4jcpu") || e.getKey().startsWith("nd4jcpu@")) {
                library = e.getValue();
            }
        }
        boolean oneDnn = build.contains("HAVE_ONEDNN") && library.contains("onednn");
        String cpu = detectCpuLevel();
        return new Backend(Nd4j.getBackend().getClass().getSimpleName().replace("Backend", ""), oneDnn, library, cpu,
                Nd4j.getEnvironment().maxMasterThreads());
    }

    private static String detectCpuLevel() {
        try {
            var ops = NativeOpsHolder.getInstance().getDeviceNativeOps();
            return "binary " + levelName(ops.binaryLevel()) + " on a " + levelName(ops.optimalLevel()) + " CPU";
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            return "unknown";
        }
    }

    private static String levelName(int level) {
        return switch (level) {
            case 3 -> "AVX512";
            case 2 -> "AVX2";
            default -> "generic x86";
        };
    }

    /** One line for the startup log. */
    public String summary() {
        return "ND4J " + name + " backend, oneDNN " + (oneDnn ? "in use" : "NOT in use (convolutions ~10x slower)")
                + ", " + cpuLevel + ", " + threads + " threads";
    }
}
