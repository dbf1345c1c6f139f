package org.lacuna.model;

import java.util.Locale;

/**
 * The number format of the direct path's convolutions (training and sampling): float32, or bfloat16 with float32
 * master weights, Adam moments, loss heads and KL (issue 25). The one place that reads the setting
 * {@value #PROPERTY} = {@code auto} (the default), {@code float32} or {@code bfloat16}; {@code --precision} of
 * {@code train} and {@code bench} sets it. {@code auto} samples in bfloat16 where oneDNN finds native bfloat16
 * instructions (avx512_bf16 or AMX), else float32, and trains in float32: a coco64 fine-tune of the shipped model
 * drifted 0.045 bits/dim above float32's in 150 steps (docs/PERFORMANCE.md, "bfloat16"); {@code bfloat16} forces
 * both.
 */
public enum Precision {
    FLOAT32("float32"),
    BFLOAT16("bfloat16");

    public static final String PROPERTY = "lacuna.precision";

    private final String key;

    Precision(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    /** The precision chosen and why, in words for {@code info}, {@code bench} and the log. */
    public record Choice(Precision precision, String reason) {
        public String describe() {
            return precision.key + " (" + reason + ")";
        }
    }

    /** The setting's value: auto, float32 or bfloat16 (a bad value is an error, not a silent default). */
    public static String setting() {
        String v = System.getProperty(PROPERTY, "auto").trim().toLowerCase(Locale.ROOT);
        return switch (v) {
            case "auto", "float32", "bfloat16" -> v;
            case "f32", "fp32" -> "float32";
            case "bf16" -> "bfloat16";
            default -> throw new IllegalArgumentException(PROPERTY + " must be auto, float32 or bfloat16, not " + v);
        };
    }

    /** The precision of the direct path under the current setting on this CPU. */
    public static Choice resolve() {
        String setting = setting();
        String cpu = cpuSupport();
        boolean native16 = cpu.startsWith("native");
        return switch (setting) {
            case "float32" -> new Choice(FLOAT32, "forced by " + PROPERTY + "=float32; CPU: " + cpu);
            case "bfloat16" -> new Choice(BFLOAT16, "forced by " + PROPERTY + "=bfloat16; CPU: " + cpu
                    + (native16 ? "" : " (emulated: slower than float32)"));
            default -> native16 ? new Choice(BFLOAT16, "auto: CPU " + cpu)
                    : new Choice(FLOAT32, "auto: CPU " + cpu);
        };
    }

    /** The precision of the direct path under the current setting (see {@link #resolve()}). */
    public static Precision current() {
        return resolve().precision();
    }

    /**
     * The precision of the direct training step under the current setting: as {@link #resolve()} when forced;
     * {@code auto} trains in float32 (bfloat16 training has not yet matched float32's validation bits/dim).
     */
    public static Choice resolveTraining() {
        Choice c = resolve();
        if (!setting().equals("auto") || c.precision() == FLOAT32) {
            return c;
        }
        return new Choice(FLOAT32, "auto: training stays float32 until bfloat16 runs match its validation bits/dim"
                + " (docs/PERFORMANCE.md, bfloat16; " + PROPERTY + "=bfloat16 forces it); CPU " + cpuSupport());
    }

    /** Whether oneDNN finds native bfloat16 instructions on this CPU. */
    public static boolean nativeBf16() {
        return cpuSupport().startsWith("native");
    }

    private static volatile String cpuSupport;

    /**
     * "native bfloat16 (oneDNN ISA ...)" when oneDNN's effective ISA has bfloat16 instructions (avx512_core_bf16 or
     * avx512_core_amx), else "no native bfloat16 (...)".
     */
    public static String cpuSupport() {
        String s = cpuSupport;
        if (s == null) {
            s = detect();
            cpuSupport = s;
        }
        return s;
    }

    private static String detect() {
        try {
            org.bytedeco.javacpp.Loader.load(org.bytedeco.dnnl.global.dnnl.class);
            int isa = org.bytedeco.dnnl.global.dnnl.dnnl_get_effective_cpu_isa();
            int bf16 = org.bytedeco.dnnl.global.dnnl.dnnl_cpu_isa_avx512_core_bf16;
            int amx = org.bytedeco.dnnl.global.dnnl.dnnl_cpu_isa_avx512_core_amx;
            String name = isaName(isa);
            return (isa & bf16) == bf16 || (isa & amx) == amx ? "native bfloat16 (oneDNN ISA " + name + ")"
                    : "no native bfloat16 (oneDNN ISA " + name + ")";
        } catch (Throwable t) {
            return "no native bfloat16 (oneDNN not loaded: " + t + ")";
        }
    }

    private static String isaName(int isa) {
        String[] names = {"avx512_core_amx", "avx512_core_bf16", "avx512_core_vnni", "avx512_core", "avx2_vnni",
                "avx2", "avx", "sse41"};
        int[] values = {org.bytedeco.dnnl.global.dnnl.dnnl_cpu_isa_avx512_core_amx,
                org.bytedeco.dnnl.global.dnnl.dnnl_cpu_isa_avx512_core_bf16,
                org.bytedeco.dnnl.global.dnnl.dnnl_cpu_isa_avx512_core_vnni,
                org.bytedeco.dnnl.global.dnnl.dnnl_cpu_isa_avx512_core,
                org.bytedeco.dnnl.global.dnnl.dnnl_cpu_isa_avx2_vnni,
                org.bytedeco.dnnl.global.dnnl.dnnl_cpu_isa_avx2,
                org.bytedeco.dnnl.global.dnnl.dnnl_cpu_isa_avx,
                org.bytedeco.dnnl.global.dnnl.dnnl_cpu_isa_sse41};
        for (int i = 0; i < names.length; i++) {
            if ((isa & values[i]) == values[i]) {
                return names[i];
            }
        }
        return "0x" + Integer.toHexString(isa);
    }
}
