package org.lacuna.ui.inpaint;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.lacuna.config.SampleConfig;
import org.lacuna.service.Picture;
import org.lacuna.service.SampleResult;

/**
 * A sampling result as the results pane shows it: completions grouped under their top-level parent, and within it
 * by every level above z1, so that siblings in a group differ only in z1 and groups under one parent only below the
 * top. With one level, a single branch holds every completion.
 *
 * @param branches one per value of the top level
 */
public record ResultTree(List<Branch> branches) {

    /** The completions that share a top-level latent. */
    public record Branch(String header, List<Group> groups) {
    }

    /** The completions that share every latent but z1 ("z3 #1 › z2 #2"). */
    public record Group(String header, List<Leaf> leaves) {
    }

    /**
     * One completion.
     *
     * @param index its index in the result
     * @param label its own level's branch ("z1 #2")
     * @param path  its whole path ("z3 #1 › z2 #2 › z1 #2")
     */
    public record Leaf(int index, String label, String path, Picture image) {
    }

    public static ResultTree of(SampleResult result) {
        SampleConfig request = result.request();
        int levels = request.levels();
        Map<Integer, Map<String, List<Leaf>>> tree = new LinkedHashMap<>();
        for (SampleResult.Completion c : result.completions()) {
            int[] path = c.path();
            List<String> names = new ArrayList<>();
            for (int depth = 0; depth < levels; depth++) {
                names.add(name(request, depth, path[depth]));
            }
            String groupHeader = levels == 1 ? "" : String.join(" › ", names.subList(0, levels - 1));
            Leaf leaf = new Leaf(c.index(), names.get(levels - 1), String.join(" › ", names), c.image());
            tree.computeIfAbsent(levels == 1 ? 0 : path[0], k -> new LinkedHashMap<>())
                    .computeIfAbsent(groupHeader, k -> new ArrayList<>()).add(leaf);
        }
        List<Branch> branches = new ArrayList<>();
        for (Map.Entry<Integer, Map<String, List<Leaf>>> b : tree.entrySet()) {
            List<Group> groups = new ArrayList<>();
            b.getValue().forEach((header, leaves) -> groups.add(new Group(header, List.copyOf(leaves))));
            String header = levels == 1 ? "z1" : name(request, 0, b.getKey());
            branches.add(new Branch(header, List.copyOf(groups)));
        }
        return new ResultTree(List.copyOf(branches));
    }

    /** "z3 #2", or "z3 mean" for a level drawn at the prior's mean. */
    static String name(SampleConfig request, int depth, int branch) {
        int level = request.levels() - depth;
        return request.count(level) == 0 ? "z" + level + " mean" : "z" + level + " #" + (branch + 1);
    }

    public int size() {
        int n = 0;
        for (Branch b : branches) {
            for (Group g : b.groups()) {
                n += g.leaves().size();
            }
        }
        return n;
    }
}
