package org.lacuna.sample;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.lacuna.config.SampleConfig;
import org.lacuna.data.Raster;

/** The completions of one window, in tree order, with the request that made them. */
public record CompletionTree(SampleConfig request, Raster input, List<Completion> leaves) {

    public CompletionTree {
        leaves = List.copyOf(leaves);
    }

    /**
     * The leaves grouped by their path down to a depth (exclusive): depth 1 groups by the top level's branch,
     * depth levels-1 gives the groups of siblings that differ only in z1.
     */
    public List<List<Completion>> groups(int depth) {
        Map<String, List<Completion>> groups = new LinkedHashMap<>();
        for (Completion c : leaves) {
            String key = Arrays.toString(Arrays.copyOf(c.path(), depth));
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(c);
        }
        return new ArrayList<>(groups.values());
    }
}
