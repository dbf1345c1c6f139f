package org.lacuna.sample;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.lacuna.config.Hole;
import org.lacuna.config.Mask;
import org.lacuna.config.ModelConfig;
import org.lacuna.config.SampleConfig;
import org.lacuna.data.Images;
import org.lacuna.data.MaskFiles;
import org.lacuna.data.MaskSampler;
import org.lacuna.data.Raster;

/**
 * The model's fill of a photo in one window (until the full-resolution coarse-to-fine fill replaces it): a square
 * window around the hole's bounding box, of side max(S, box side + a margin of a quarter of it on each side),
 * clamped inside the photo; the window is resized to the model's S x S (area averaging), its mask with it (a model
 * pixel is hole when any part of it is), the model fills that mask, and its completion, resized back to the
 * window, is pasted into the photo's masked pixels only.
 *
 * <p>A hole the window cannot hold at the model's scale is filled anyway, approximately, and the result says so:
 * when hole pixels lie outside the window (the hole is wider than the photo's short side allows), those are filled
 * by the {@code fallback}; when the hole covers more of the window than the model trained on (60%), the model
 * fills it regardless.
 */
public final class WindowFiller implements PhotoFiller {

    /** The margin around the hole's bounding box on each side, as a share of the box's longer side. */
    public static final double MARGIN = 0.25;

    private final Inpainter inpainter;
    private final ModelConfig config;
    private final PhotoFiller fallback;

    /**
     * @param inpainter the model's sampler
     * @param fallback  fills the hole pixels outside the window (a classical fill), or null to refuse such holes
     */
    public WindowFiller(Inpainter inpainter, ModelConfig config, PhotoFiller fallback) {
        this.inpainter = inpainter;
        this.config = config;
        this.fallback = fallback;
    }

    /**
     * The window for a hole's bounding box in a photo: a square of side max(S, box side x 1.5), centred on the
     * box, clamped inside the photo (and no larger than its short side).
     */
    public static Hole window(Hole box, int photoWidth, int photoHeight, int modelSize) {
        int boxSide = Math.max(box.width(), box.height());
        int margin = (int) Math.ceil(boxSide * MARGIN);
        int side = Math.max(modelSize, boxSide + 2 * margin);
        side = Math.min(side, Math.min(photoWidth, photoHeight));
        int centreX = box.left() + box.width() / 2;
        int centreY = box.top() + box.height() / 2;
        int left = Math.max(0, Math.min(photoWidth - side, centreX - side / 2));
        int top = Math.max(0, Math.min(photoHeight - side, centreY - side / 2));
        return new Hole(top, left, side, side);
    }

    @Override
    public Filled fill(Raster photo, Mask mask, Options options) {
        PhotoFiller.check(photo, mask);
        if (photo.channels() != config.channels()) {
            throw new IllegalArgumentException("the photo has " + photo.channels() + " channels; the model takes "
                    + config.channels());
        }
        int size = config.imageSize();
        Hole w = window(mask.bounds(), photo.width(), photo.height(), size);
        Mask windowMask = mask.crop(w.top(), w.left(), w.height(), w.width());
        int outside = mask.area() - windowMask.area();
        if (outside > 0 && fallback == null) {
            throw new IllegalArgumentException("the hole does not fit one window of the photo");
        }
        Raster window = Images.crop(photo, w.left(), w.top(), w.width(), w.height());
        Raster small = Images.resize(window, size, size);
        Mask smallMask = MaskFiles.resize(windowMask, size, size, 0);
        int levels = config.levelCount();
        SampleConfig request;
        if (options.samples() == 0) {
            request = SampleConfig.mean(levels);
        } else {
            int[] branching = new int[levels];
            Arrays.fill(branching, 1);
            branching[0] = options.samples();
            request = new SampleConfig(branching, SampleConfig.everyLevel(levels, options.temperature()),
                    options.seed());
        }
        List<Completion> leaves = windowMask.isEmpty() ? List.of()
                : inpainter.sample(small, smallMask, request).leaves();
        List<Raster> base = null;
        if (outside > 0) {
            base = fallback.fill(photo, mask, new Options(0, options.seed(), options.temperature())).photos();
        }
        int count = Math.max(1, options.samples());
        List<Raster> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Raster start = base == null ? photo : base.get(0);
            if (leaves.isEmpty()) {
                out.add(start);
                continue;
            }
            Raster big = Images.resize(leaves.get(i).image(), w.width(), w.height());
            Raster.Builder b = start.toBuilder();
            for (int y = 0; y < w.height(); y++) {
                for (int x = 0; x < w.width(); x++) {
                    if (windowMask.contains(y, x)) {
                        for (int c = 0; c < photo.channels(); c++) {
                            b.set(w.left() + x, w.top() + y, c, big.get(x, y, c));
                        }
                    }
                }
            }
            out.add(b.build());
        }
        double scale = (double) w.width() / size;
        double coverage = smallMask.coverage();
        StringBuilder note = new StringBuilder(String.format(Locale.ROOT,
                "one model window %dx%d at (%d, %d), %.2f photo px per model px, hole %.0f%% of it", w.width(),
                w.height(), w.left(), w.top(), scale, 100 * coverage));
        boolean approximate = false;
        if (outside > 0) {
            approximate = true;
            note.append(String.format(Locale.ROOT, "; approximate: %d hole pixels lie outside the window and got the"
                    + " classical fill", outside));
        }
        if (coverage > MaskSampler.MAX_COVERAGE) {
            approximate = true;
            note.append(String.format(Locale.ROOT, "; approximate: the hole covers more of the window than the model"
                    + " trained on (%.0f%%)", 100 * MaskSampler.MAX_COVERAGE));
        }
        return new Filled(out, approximate, note.toString());
    }
}
