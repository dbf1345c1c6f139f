package org.lacuna.sample;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.lacuna.config.Hole;
import org.lacuna.config.Mask;
import org.lacuna.config.SampleConfig;
import org.lacuna.data.Raster;
import org.lacuna.model.Hvae;

/**
 * The model's fill of a whole photo at its own resolution, any hole ({@link PyramidFill}), as a {@link PhotoFiller}:
 * the fill command's model engine.
 */
public final class PyramidFiller implements PhotoFiller {

    private final Hvae model;
    private final boolean squareHoles;
    private final Double fineTemperature;

    /**
     * @param squareHoles the model was trained on its own centre hole only (see {@link PyramidFill.Options})
     */
    public PyramidFiller(Hvae model, boolean squareHoles) {
        this(model, squareHoles, null);
    }

    /**
     * @param fineTemperature the finer scales' temperature; null: {@link PyramidFill#DEFAULT_FINE_TEMPERATURE}
     */
    public PyramidFiller(Hvae model, boolean squareHoles, Double fineTemperature) {
        this.model = model;
        this.squareHoles = squareHoles;
        this.fineTemperature = fineTemperature;
    }

    /** The tree of a request: one fill at the prior's mean, or {@code samples} candidates from the top level. */
    public static SampleConfig tree(int levels, Options options) {
        if (options.samples() == 0) {
            return SampleConfig.mean(levels);
        }
        int[] branching = new int[levels];
        Arrays.fill(branching, 1);
        branching[0] = options.samples();
        return new SampleConfig(branching, SampleConfig.everyLevel(levels, options.temperature()), options.seed());
    }

    @Override
    public Filled fill(Raster photo, Mask mask, Options options) {
        PhotoFiller.check(photo, mask);
        SampleConfig tree = tree(model.config().levelCount(), options);
        PyramidFill.Options how = new PyramidFill.Options(tree,
                fineTemperature != null ? fineTemperature : PyramidFill.DEFAULT_FINE_TEMPERATURE,
                squareHoles, 0, PyramidFill.DEFAULT_DETAIL,
                true);
        List<Raster> photos = new PyramidFill(model).fill(photo, mask, how, done -> { }, () -> false);
        Hole b = mask.bounds();
        String note = String.format(Locale.ROOT, "full resolution, hole %dx%d at (%d, %d)%s", b.width(), b.height(),
                b.left(), b.top(), squareHoles ? ", square windows (a centre-hole model)" : "");
        return new Filled(photos, note);
    }
}
