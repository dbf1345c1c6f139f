package org.lacuna.data;

import java.nio.file.Path;
import java.util.List;

/**
 * What opening a data source found.
 *
 * @param source      the folder or file that was opened
 * @param usableFiles image files (or IDX files) that gave examples
 * @param skippedFiles candidate files that were left out (unreadable, damaged, empty, too small)
 * @param skipped     one "file: reason" line per skipped file, in file order
 * @param notes       anything else the user should know (how the split was made, a reused validation file, ...)
 */
public record DataReport(Path source, int usableFiles, int skippedFiles, List<String> skipped, List<String> notes) {

    public DataReport {
        skipped = List.copyOf(skipped);
        notes = List.copyOf(notes);
    }

    public DataReport(Path source, int usableFiles, int skippedFiles, List<String> skipped) {
        this(source, usableFiles, skippedFiles, skipped, List.of());
    }

    /** A copy with one more note. */
    public DataReport withNote(String note) {
        List<String> more = new java.util.ArrayList<>(notes);
        more.add(note);
        return new DataReport(source, usableFiles, skippedFiles, skipped, more);
    }

    /** One line for a log or a status bar, e.g. "photos: 48 usable files, 2 skipped". */
    public String summary() {
        return source + ": " + usableFiles + " usable file" + (usableFiles == 1 ? "" : "s") + ", " + skippedFiles
                + " skipped";
    }
}
