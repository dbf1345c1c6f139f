package org.lacuna.sample;

import java.util.List;

import org.lacuna.config.Mask;
import org.lacuna.data.Raster;

/**
 * Fills the hole of a whole photo, at the photo's size: every result is the photo with the mask's pixels (only
 * those) replaced. The fill command's engines: the model at the photo's own resolution ({@link PyramidFiller}) and
 * the classical fills.
 */
public interface PhotoFiller {

    /**
     * What to fill with.
     *
     * @param samples     0: one fill (for the model, its mean completion, every level at its prior mean); n > 0: n
     *                    candidates drawn from the prior
     * @param seed        the seed of the candidates
     * @param temperature the candidates' temperature at every level
     */
    record Options(int samples, long seed, double temperature) {

        public Options {
            if (samples < 0 || samples > org.lacuna.config.SampleConfig.MAX_LEAVES) {
                throw new IllegalArgumentException("samples must be 0.." + org.lacuna.config.SampleConfig.MAX_LEAVES
                        + ", not " + samples);
            }
            if (!(temperature >= 0 && temperature <= 10)) {
                throw new IllegalArgumentException("the temperature must be between 0 and 10, not " + temperature);
            }
        }

        /** One fill: the model's mean completion. */
        public static Options mean() {
            return new Options(0, 0, org.lacuna.config.SampleConfig.DEFAULT_TEMPERATURE);
        }
    }

    /**
     * The filled photos and how they were made.
     *
     * @param photos      one photo per fill (one, or {@code samples} candidates), each of the input's size
     * @param note        how the photo was filled, for the user (e.g. the window and its scale); never null
     */
    record Filled(List<Raster> photos, String note) {

        public Filled {
            photos = List.copyOf(photos);
        }
    }

    /**
     * @param photo the photo, any size
     * @param mask  its hole, of the photo's size, not empty
     */
    Filled fill(Raster photo, Mask mask, Options options);

    /** Checks that a mask fits a photo and has a hole. */
    static void check(Raster photo, Mask mask) {
        if (mask.width() != photo.width() || mask.height() != photo.height()) {
            throw new IllegalArgumentException("the mask is " + mask.width() + "x" + mask.height() + ", the photo "
                    + photo.width() + "x" + photo.height());
        }
        if (mask.isEmpty()) {
            throw new IllegalArgumentException("the mask has no hole (no pixel above 127): nothing to fill");
        }
    }
}
