package org.lacuna.eval;

/**
 * How far an evaluation is.
 *
 * @param imagesDone  images fully scored so far
 * @param imagesTotal the number of images, or -1 when the source does not know it (an Iterable that is not a Collection)
 */
public record EvalProgress(int imagesDone, int imagesTotal) {

    /** The fraction done in [0, 1], or -1 when the total is unknown. */
    public double fraction() {
        return imagesTotal <= 0 ? -1 : Math.min(1.0, (double) imagesDone / imagesTotal);
    }
}
