package org.lacuna.eval;

import java.util.List;
import java.util.Locale;

import org.lacuna.config.Hole;
import org.lacuna.config.Mask;
import org.lacuna.data.Images;
import org.lacuna.data.Raster;
import org.lacuna.sample.PhotoFiller;

/**
 * A classical fill ({@link Baseline}) of a whole photo at its size. The fill runs on the hole's bounding box with a
 * margin of {@link #MARGIN} pixels (all of them read by these local methods; no need to hand OpenCV a large photo),
 * and only the mask's pixels change. The same photo and mask always give the same result, so {@code samples}
 * is ignored.
 */
public final class ClassicalFiller implements PhotoFiller {

    /** Pixels of the photo around the hole's bounding box that the fill reads. */
    public static final int MARGIN = 32;

    private final Baseline method;

    public ClassicalFiller(Baseline method) {
        this.method = method;
    }

    public Baseline method() {
        return method;
    }

    @Override
    public Filled fill(Raster photo, Mask mask, Options options) {
        PhotoFiller.check(photo, mask);
        Hole box = mask.bounds();
        int left = Math.max(0, box.left() - MARGIN), top = Math.max(0, box.top() - MARGIN);
        int right = Math.min(photo.width(), box.left() + box.width() + MARGIN);
        int bottom = Math.min(photo.height(), box.top() + box.height() + MARGIN);
        Raster region = Images.crop(photo, left, top, right - left, bottom - top);
        Mask regionMask = mask.crop(top, left, bottom - top, right - left);
        if (regionMask.area() == region.width() * region.height()) {
            throw new IllegalArgumentException("the hole covers the whole photo: there is nothing to fill it from");
        }
        Raster filled = method.fill(region, regionMask);
        Raster.Builder b = photo.toBuilder();
        for (int y = 0; y < region.height(); y++) {
            for (int x = 0; x < region.width(); x++) {
                if (regionMask.contains(y, x)) {
                    for (int c = 0; c < photo.channels(); c++) {
                        b.set(left + x, top + y, c, filled.get(x, y, c));
                    }
                }
            }
        }
        return new Filled(List.of(b.build()), String.format(Locale.ROOT, "%s on the hole's %dx%d box with a"
                + " %d px margin", method.label(), box.width(), box.height(), MARGIN));
    }
}
