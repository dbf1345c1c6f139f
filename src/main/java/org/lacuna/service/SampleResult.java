package org.lacuna.service;

import java.util.List;
import java.util.Map;

import org.lacuna.config.SampleConfig;

/**
 * A tree of completions of one window, at the model's size, with the classical fills of the same window.
 *
 * @param request     what was asked
 * @param window      the window as the model saw it (resized), hole included
 * @param completions the leaves in tree order; each knows its path of branches, top level first
 * @param baselines   the same window filled by mean fill, Telea, Navier-Stokes and FSR fast, by label, in that order
 *                    (FSR best, seconds a window, is made on demand: {@link ModelService#slowFill})
 * @param millis      how long the model took
 */
public record SampleResult(SampleConfig request, Picture window, List<Completion> completions,
                           Map<String, Picture> baselines, long millis) {

    /** One completion. */
    public record Completion(int index, int[] path, Picture image) {
    }
}
