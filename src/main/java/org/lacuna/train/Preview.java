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
}
