package org.lacuna.train;

import java.util.List;

import org.lacuna.data.Raster;

/** Completions of a fixed set of validation windows at a step: the truth, the mean completion, one sample. */
public record Preview(long step, List<Raster> truth, List<Raster> means, List<Raster> samples) {

    public Preview {
        truth = List.copyOf(truth);
        means = List.copyOf(means);
        samples = List.copyOf(samples);
    }

    /**
     * The preview of a step: for the first n validation windows, the window, the mean completion of {@code model}
     * (the EMA's) and one sample, seeded by the step.
     */
    static Preview draw(org.lacuna.model.Hvae model, org.lacuna.data.Dataset validation, int n, long step) {
        List<Raster> truth = new java.util.ArrayList<>(), means = new java.util.ArrayList<>();
        List<Raster> samples = new java.util.ArrayList<>();
        org.lacuna.sample.Inpainter inpainter = new org.lacuna.sample.Inpainter(model);
        int levels = model.config().levelCount();
        for (int i = 0; i < n; i++) {
            Raster window = validation.example(i, 0);
            truth.add(window);
            means.add(inpainter.sample(window, org.lacuna.config.SampleConfig.mean(levels)).leaves().get(0).image());
            samples.add(inpainter.sample(window, org.lacuna.config.SampleConfig.single(levels, step + i)).leaves()
                    .get(0).image());
        }
        return new Preview(step, truth, means, samples);
    }
}
