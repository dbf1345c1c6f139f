package org.lacuna.eval;

import org.lacuna.config.Hole;
import org.lacuna.data.Raster;

/** The non-learned fills the model is compared with; each keeps the border and never reads the hole's pixels. */
public enum Baseline {
    /** The hole in the mean colour of the border (every pixel outside the hole). */
    MEAN_FILL("meanfill", "mean fill"),
    /** OpenCV's fast-marching inpainting (Telea 2004), radius 3. */
    TELEA("telea", "OpenCV Telea"),
    /** OpenCV's Navier-Stokes inpainting (Bertalmio et al. 2001), radius 3. */
    NS("ns", "OpenCV Navier-Stokes");

    private final String key;
    private final String label;

    Baseline(String key, String label) {
        this.key = key;
        this.label = label;
    }

    /** The name in the JSON report. */
    public String key() {
        return key;
    }

    /** The name in the printed table. */
    public String label() {
        return label;
    }

    public Raster fill(Raster window, Hole hole) {
        return switch (this) {
            case MEAN_FILL -> Baselines.meanFill(window, hole);
            case TELEA -> Baselines.telea(window, hole);
            case NS -> Baselines.navierStokes(window, hole);
        };
    }
}
