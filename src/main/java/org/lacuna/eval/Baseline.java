package org.lacuna.eval;

import java.util.Arrays;
import java.util.Locale;

import org.lacuna.config.Hole;
import org.lacuna.config.Mask;
import org.lacuna.data.Raster;

/** The non-learned fills the model is compared with; each keeps the border and never reads the hole's pixels. */
public enum Baseline {
    /** The hole in the mean colour of the border (every pixel outside the hole). */
    MEAN_FILL("meanfill", "mean fill", "meanfill"),
    /** OpenCV's fast-marching inpainting (Telea 2004), radius 3. */
    TELEA("telea", "OpenCV Telea", "telea"),
    /** OpenCV's Navier-Stokes inpainting (Bertalmio et al. 2001), radius 3. */
    NS("ns", "OpenCV Navier-Stokes", "ns"),
    /** OpenCV xphoto's Frequency Selective Reconstruction, fast profile (tens of ms for a 64x64 window). */
    FSR_FAST("fsr_fast", "OpenCV FSR fast", "fsr-fast"),
    /** OpenCV xphoto's Frequency Selective Reconstruction, best profile (seconds for a 64x64 window). */
    FSR_BEST("fsr_best", "OpenCV FSR best", "fsr-best");

    private final String key;
    private final String label;
    private final String option;

    Baseline(String key, String label, String option) {
        this.key = key;
        this.label = label;
        this.option = option;
    }

    /** The name in the JSON report. */
    public String key() {
        return key;
    }

    /** The name in the printed table. */
    public String label() {
        return label;
    }

    /** The name on the command line ({@code fill --method}, {@code eval --baselines}). */
    public String option() {
        return option;
    }

    /** Whether one fill of a 64x64 window takes seconds rather than milliseconds (shown on demand in the app). */
    public boolean slow() {
        return this == FSR_BEST;
    }

    /** The baseline named by its command-line name or its JSON key. */
    public static Baseline parse(String text) {
        String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        for (Baseline b : values()) {
            if (b.option.equals(t) || b.key.equals(t)) {
                return b;
            }
        }
        throw new IllegalArgumentException("unknown classical fill '" + text + "' (known: "
                + String.join(", ", Arrays.stream(values()).map(Baseline::option).toList()) + ")");
    }

    public Raster fill(Raster window, Hole hole) {
        return switch (this) {
            case MEAN_FILL -> Baselines.meanFill(window, hole);
            case TELEA -> Baselines.telea(window, hole);
            case NS -> Baselines.navierStokes(window, hole);
            case FSR_FAST, FSR_BEST -> fill(window, Mask.of(hole, window.width(), window.height()));
        };
    }

    /** The window with the mask's pixels filled (the others are the window's, bit for bit). */
    public Raster fill(Raster window, Mask mask) {
        return switch (this) {
            case MEAN_FILL -> Baselines.meanFill(window, mask);
            case TELEA -> Baselines.telea(window, mask);
            case NS -> Baselines.navierStokes(window, mask);
            case FSR_FAST -> Baselines.fsr(window, mask, false);
            case FSR_BEST -> Baselines.fsr(window, mask, true);
        };
    }
}
