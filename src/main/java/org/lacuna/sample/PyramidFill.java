package org.lacuna.sample;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;

import org.lacuna.config.Hole;
import org.lacuna.config.Mask;
import org.lacuna.config.ModelConfig;
import org.lacuna.config.SampleConfig;
import org.lacuna.data.Raster;
import org.lacuna.data.Seeds;
import org.lacuna.data.Tensors;
import org.lacuna.model.Distributions;
import org.lacuna.model.Hvae;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Fills a hole of any shape and size in a photo at the photo's own resolution, coarse to fine (docs/REMOVAL.md):
 * <ol>
 *   <li>the region: the hole's bounding box with as much context again around it (a square of twice its longer
 *       side, at least the model's window, clamped to the photo);</li>
 *   <li>the coarsest scale: the region shrunk to one model window, where the hole fits, and the model draws the
 *       tree of candidates ({@link SampleConfig}: per-level counts and temperatures);</li>
 *   <li>each finer scale (x2, the last one the photo's own pixels): the scale above, enlarged, stands in for the
 *       hole; the hole is cut into blocks of half a window, and each block is filled by the model from the window
 *       around it (the photo's known pixels, the blocks already filled, the enlarged scale above elsewhere). Blocks
 *       go in four phases of a checkerboard, so that no window reads a block filled in its own phase: the windows
 *       of a phase are independent;</li>
 *   <li>only the hole's pixels of the photo change.</li>
 * </ol>
 * A known pixel of a smaller scale is made of known pixels only (the hole is enlarged, not blurred, when shrunk),
 * so no pixel of the hole's original content reaches the model.
 */
public final class PyramidFill {

    /** A block of the finer scales is this fraction of the window: the window's centre, as in the model's task. */
    private static final int BLOCK_DIVISOR = 2;

    /**
     * How to fill.
     *
     * @param coarse          the tree drawn at the coarsest scale (its seed seeds everything)
     * @param fineTemperature the prior's temperature at every level for the finer scales' blocks (0: its mean)
     * @param squareHoles     the model knows only its own square hole (a centre-hole model): every window's hole
     *                        is a square (the block, or the model's hole at the coarsest scale) that covers the
     *                        photo's hole there, and only the photo's hole is taken from the completion
     * @param grain           at the photo's own scale, each sub-pixel is drawn from the model's logistic with its
     *                        scale times this (0: the logistic's mean, a smooth fill; 1: a sample of the model)
     * @param detail          at the photo's own scale, the fill's high frequencies are taken from matching patches
     *                        of the photo's known pixels ({@link DetailTransfer}) this much (0: none; 1: all)
     * @param blend           the fill's colour and brightness are matched to the photo's at the hole's edge
     *                        ({@link SeamBlend})
     */
    public record Options(SampleConfig coarse, double fineTemperature, boolean squareHoles, double grain,
                          double detail, boolean blend) {

        public Options {
            if (!(grain >= 0 && grain <= 2) || !(detail >= 0 && detail <= 1)) {
                throw new IllegalArgumentException("grain must be in [0, 2] and detail in [0, 1], not " + grain
                        + " and " + detail);
            }
        }

        /**
         * The default: the given tree at the coarsest scale, the prior's mean at the finer ones (the candidates
         * differ where the tree draws them; 0.6 dB better than temperature 0.5 at the finer scales on 30 holes,
         * docs/REMOVAL.md), the photo's own detail, blended.
         */
        public static Options of(SampleConfig coarse, boolean squareHoles) {
            return new Options(coarse, DEFAULT_FINE_TEMPERATURE, squareHoles, 0, DEFAULT_DETAIL, true);
        }
    }

    /** The finer scales' temperature of {@link Options#of}. */
    public static final double DEFAULT_FINE_TEMPERATURE = 0;
    /** The detail of {@link Options#of}. */
    public static final double DEFAULT_DETAIL = 1.0;

    /** Where the fill works: a rectangle of the photo and the sizes of its scales, coarsest (the window) first. */
    record Plan(int x0, int y0, int width, int height, List<int[]> sizes) {
    }

    private final Hvae model;
    private final int window;
    private final int block;

    public PyramidFill(Hvae model) {
        this.model = model;
        this.window = model.config().imageSize();
        this.block = window / BLOCK_DIVISOR;
    }

    /** The region and scales for a hole in a photo of that size. */
    Plan plan(int photoWidth, int photoHeight, Hole bounds) {
        int side = Math.max(bounds.width(), bounds.height());
        int want = Math.max(window, 2 * side);
        int rw = Math.min(photoWidth, want);
        int rh = Math.min(photoHeight, want);
        int x0 = clamp(bounds.left() + bounds.width() / 2 - rw / 2, 0, photoWidth - rw);
        int y0 = clamp(bounds.top() + bounds.height() / 2 - rh / 2, 0, photoHeight - rh);
        List<int[]> sizes = new ArrayList<>();
        sizes.add(new int[]{rw, rh});
        int w = rw, h = rh;
        while (true) {
            int nw = (w + 1) / 2, nh = (h + 1) / 2;
            if (Math.max(nw, nh) <= window || Math.min(nw, nh) < window) {
                break;
            }
            sizes.add(0, new int[]{nw, nh});
            w = nw;
            h = nh;
        }
        if (rw != window || rh != window) {
            sizes.add(0, new int[]{window, window});
        }
        return new Plan(x0, y0, rw, rh, sizes);
    }

    /**
     * The candidates: one photo per leaf of {@code options.coarse()}, each the input photo with only the hole's
     * pixels changed.
     *
     * @param progress  receives the number of candidates done
     * @param cancelled checked between model calls; when true, a CancellationException ends the call
     */
    public List<Raster> fill(Raster photo, Mask mask, Options options, IntConsumer progress,
            BooleanSupplier cancelled) {
        ModelConfig config = model.config();
        if (photo.channels() != config.channels()) {
            throw new IllegalArgumentException("the photo has " + photo.channels() + " channels; the model takes "
                    + config.channels());
        }
        if (mask.width() != photo.width() || mask.height() != photo.height()) {
            throw new IllegalArgumentException("the mask is " + mask.width() + "x" + mask.height() + ", the photo "
                    + photo.width() + "x" + photo.height());
        }
        SampleConfig tree = options.coarse();
        if (tree.levels() != config.levelCount()) {
            throw new IllegalArgumentException("the model has " + config.levelCount() + " latent levels; the request"
                    + " gives " + tree.levels());
        }
        Hole bounds = mask.bounds();
        List<Raster> out = new ArrayList<>();
        if (bounds == null) {
            for (int i = 0; i < tree.leaves(); i++) {
                out.add(photo);
            }
            return out;
        }
        Plan plan = plan(photo.width(), photo.height(), bounds);
        Planes region = Planes.of(photo, plan.x0(), plan.y0(), plan.width(), plan.height());
        Planes hole = Planes.of(mask, plan.x0(), plan.y0(), plan.width(), plan.height());
        for (int i = 0; i < hole.v.length; i++) {
            if (hole.v[i] > 0.5f) {
                for (int ch = 0; ch < region.c; ch++) {
                    region.v[ch * hole.v.length + i] = 0f; // the hole's content is never read
                }
            }
        }
        int scales = plan.sizes().size();
        Planes[] known = new Planes[scales];
        Planes[] holes = new Planes[scales];
        for (int k = 0; k < scales; k++) {
            int[] s = plan.sizes().get(k);
            known[k] = region.resize(s[0], s[1]);
            holes[k] = hole.resizeHole(s[0], s[1]);
        }
        List<Planes> coarse = coarse(known[0], holes[0], tree, options.squareHoles(), cancelled);
        for (int leaf = 0; leaf < coarse.size(); leaf++) {
            Planes current = coarse.get(leaf);
            for (int k = 1; k < scales; k++) {
                current = refine(current, known[k], holes[k], options, k == scales - 1 ? options.grain() : 0,
                        Seeds.mix(tree.seed(), leaf, k), cancelled);
            }
            if (current.w != plan.width() || current.h != plan.height()) {
                current = current.resize(plan.width(), plan.height()); // a photo smaller than the window
            } else {
                current = DetailTransfer.apply(current, holes[scales - 1], options.detail(), cancelled);
                if (options.blend()) {
                    current = SeamBlend.apply(current, holes[scales - 1]);
                }
            }
            out.add(composite(photo, mask, plan, current));
            progress.accept(leaf + 1);
        }
        return out;
    }

    /** The tree at the coarsest scale: every leaf's window with its hole filled. */
    private List<Planes> coarse(Planes known, Planes hole, SampleConfig tree, boolean square,
            BooleanSupplier cancelled) {
        Inpainter inpainter = new Inpainter(model);
        INDArray border = tensor(known);
        Planes input = hole;
        if (square) {
            input = hole.copy();
            Hole own = model.config().hole();
            for (int y = own.top(); y < own.top() + own.height(); y++) {
                for (int x = own.left(); x < own.left() + own.width(); x++) {
                    input.v[y * window + x] = 1f;
                }
            }
        }
        INDArray maskTensor = tensor(input);
        List<Planes> leaves = new ArrayList<>();
        for (int start = 0; start < tree.leaves(); start += Inpainter.CHUNK) {
            checkCancel(cancelled);
            int count = Math.min(Inpainter.CHUNK, tree.leaves() - start);
            float[] means = model.sampleMeans(border, maskTensor, inpainter.noise(tree, start, count))
                    .castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT).dup('c').data().asFloat();
            int per = known.v.length;
            for (int i = 0; i < count; i++) {
                Planes p = known.copy();
                paste(p, hole, means, i * per, 0, 0, window, window, 0, 0, window, window);
                leaves.add(p);
            }
        }
        return leaves;
    }

    /** One finer scale: the scale above enlarged where the hole is, then the hole's blocks filled phase by phase. */
    private Planes refine(Planes above, Planes known, Planes hole, Options options, double grain, long seed,
            BooleanSupplier cancelled) {
        Planes guide = above.resize(known.w, known.h);
        Planes current = known.copy();
        int plane = known.w * known.h;
        for (int i = 0; i < plane; i++) {
            if (hole.v[i] > 0.5f) {
                for (int ch = 0; ch < known.c; ch++) {
                    current.v[ch * plane + i] = guide.v[ch * plane + i];
                }
            }
        }
        Hole bounds = bounds(hole);
        if (bounds == null || known.w < window || known.h < window) {
            return current; // a photo smaller than the window: the enlarged coarse fill is all there is
        }
        int rows = (bounds.height() + block - 1) / block;
        int cols = (bounds.width() + block - 1) / block;
        for (int phase = 0; phase < 4; phase++) {
            for (int r = phase / 2; r < rows; r += 2) {
                for (int c = phase % 2; c < cols; c += 2) {
                    checkCancel(cancelled);
                    int bx = bounds.left() + c * block, by = bounds.top() + r * block;
                    int bw = Math.min(block, known.w - bx), bh = Math.min(block, known.h - by);
                    fillBlock(current, hole, bx, by, bw, bh, options.fineTemperature(), options.squareHoles(),
                            grain, Seeds.mix(seed, r, c));
                }
            }
        }
        return current;
    }

    /** Fills the hole's pixels of one block from the model window around it. */
    private void fillBlock(Planes current, Planes hole, int bx, int by, int bw, int bh, double temperature,
            boolean square, double grain, long seed) {
        boolean any = false;
        for (int y = by; y < by + bh && !any; y++) {
            for (int x = bx; x < bx + bw; x++) {
                if (hole.v[y * hole.w + x] > 0.5f) {
                    any = true;
                    break;
                }
            }
        }
        if (!any) {
            return;
        }
        int margin = (window - block) / 2;
        int wx = clamp(bx - margin, 0, Math.max(0, current.w - window));
        int wy = clamp(by - margin, 0, Math.max(0, current.h - window));
        Planes win = current.window(wx, wy, window, window);
        Planes winMask = new Planes(window, window, 1);
        for (int y = by; y < by + bh; y++) {
            for (int x = bx; x < bx + bw; x++) {
                winMask.v[(y - wy) * window + (x - wx)] = square ? 1f : hole.v[y * hole.w + x];
            }
        }
        float[] values;
        if (grain > 0) {
            float[] d = model.sampleDistributions(tensor(win), tensor(winMask), noise(temperature, seed))
                    .castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT).dup('c').data().asFloat();
            int plane = window * window;
            values = new float[current.c * plane];
            SplittableRandom rng = new SplittableRandom(Seeds.mix(seed, 0x67726169L));
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) Distributions.drawLogistic(d[i], d[values.length + i], rng.nextDouble(), grain);
            }
        } else {
            values = model.sampleMeans(tensor(win), tensor(winMask), noise(temperature, seed))
                    .castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT).dup('c').data().asFloat();
        }
        paste(current, hole, values, 0, wx, wy, window, window, bx, by, bw, bh);
    }

    /**
     * Copies a completion's values (at {@code offset} in {@code means}, a window x window image placed at (wx, wy)
     * of {@code target}) into the hole's pixels of the rectangle (rx, ry, rw, rh) of {@code target}.
     */
    private static void paste(Planes target, Planes hole, float[] means, int offset, int wx, int wy, int ww, int wh,
            int rx, int ry, int rw, int rh) {
        int plane = ww * wh;
        for (int y = ry; y < ry + rh; y++) {
            for (int x = rx; x < rx + rw; x++) {
                if (hole.v[y * hole.w + x] > 0.5f) {
                    for (int ch = 0; ch < target.c; ch++) {
                        target.set(ch, x, y, means[offset + ch * plane + (y - wy) * ww + (x - wx)]);
                    }
                }
            }
        }
    }

    /** Prior noise for one completion at a temperature (all levels), from a seed. */
    private INDArray[] noise(double temperature, long seed) {
        ModelConfig config = model.config();
        INDArray[] eps = new INDArray[config.levelCount()];
        SplittableRandom rng = new SplittableRandom(seed);
        for (int l = 1; l <= config.levelCount(); l++) {
            long[] s = config.latentShape(l);
            float[] values = new float[(int) (s[0] * s[1] * s[2])];
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) (rng.nextGaussian() * temperature);
            }
            eps[l - 1] = Nd4j.create(values, new long[]{1, s[0], s[1], s[2]}, 'c');
        }
        return eps;
    }

    /** The photo with the hole's pixels of the region taken from the filled region. */
    private static Raster composite(Raster photo, Mask mask, Plan plan, Planes filled) {
        Raster.Builder b = photo.toBuilder();
        for (int y = 0; y < plan.height(); y++) {
            for (int x = 0; x < plan.width(); x++) {
                if (mask.contains(plan.y0() + y, plan.x0() + x)) {
                    for (int ch = 0; ch < photo.channels(); ch++) {
                        b.set(plan.x0() + x, plan.y0() + y, ch, Tensors.toByte(filled.get(ch, x, y)));
                    }
                }
            }
        }
        return b.build();
    }

    private INDArray tensor(Planes p) {
        return Nd4j.create(p.v.clone(), new long[]{1, p.c, p.h, p.w}, 'c');
    }

    private static Hole bounds(Planes hole) {
        int top = hole.h, left = hole.w, bottom = -1, right = -1;
        for (int y = 0; y < hole.h; y++) {
            for (int x = 0; x < hole.w; x++) {
                if (hole.v[y * hole.w + x] > 0.5f) {
                    top = Math.min(top, y);
                    bottom = Math.max(bottom, y);
                    left = Math.min(left, x);
                    right = Math.max(right, x);
                }
            }
        }
        return bottom < 0 ? null : new Hole(top, left, bottom - top + 1, right - left + 1);
    }

    private static void checkCancel(BooleanSupplier cancelled) {
        if (cancelled.getAsBoolean()) {
            throw new CancellationException("filling cancelled");
        }
    }

    private static int clamp(int v, int lo, int hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    private static float clamp(float v) {
        return Math.max(-1f, Math.min(1f, v));
    }
}
