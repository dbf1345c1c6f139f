package org.lacuna.train;

/** Images per second over the last few steps (each step timed from its batch request to its update). */
final class ThroughputMeter {
    private final double[] images = new double[20];
    private final double[] seconds = new double[20];
    private int count;

    void add(int batch, double s) {
        images[count % images.length] = batch;
        seconds[count % seconds.length] = s;
        count++;
    }

    double imagesPerSecond() {
        double i = 0, s = 0;
        for (int k = 0; k < Math.min(count, images.length); k++) {
            i += images[k];
            s += seconds[k];
        }
        return s == 0 ? 0 : i / s;
    }
}
