package org.lacuna.service;

import java.util.List;

/**
 * The run folders under the runs folder: those that read, the most recently active first, and one line per folder
 * that looks like a run but cannot be read ("folder: config.json: unknown key 'colour' at $"), so that the past runs
 * list can say why a run is missing from it.
 */
public record RunListing(List<RunSummary> runs, List<String> unreadable) {

    public RunListing {
        runs = List.copyOf(runs);
        unreadable = List.copyOf(unreadable);
    }
}
