package org.lacuna.store;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A weights file whose arrays do not fit a model: every missing name (in the model's order), every extra name
 * (in the file's order), every array of the wrong shape and every array that is not float32, all at once. The
 * message lists them all; the accessors give them to a UI.
 */
public final class WeightsMismatchException extends IOException {

    private final Path file;
    private final List<String> missing;
    private final List<String> extra;
    private final Map<String, String> misshapen;
    private final Map<String, String> notFloat32;

    /**
     * @param target     what the file was checked against (e.g. "fashion32 (every-level)"), or null
     * @param misshapen  name to "found [..], expected [..]"
     * @param notFloat32 name to its NumPy type and its readable name, e.g. "&lt;f8 (float64)"
     */
    public WeightsMismatchException(Path file, String target, List<String> missing, List<String> extra,
            Map<String, String> misshapen, Map<String, String> notFloat32) {
        super(message(file, target, missing, extra, misshapen, notFloat32));
        this.file = file;
        this.missing = List.copyOf(missing);
        this.extra = List.copyOf(extra);
        this.misshapen = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(misshapen));
        this.notFloat32 = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(notFloat32));
    }

    public Path file() {
        return file;
    }

    public List<String> missing() {
        return missing;
    }

    public List<String> extra() {
        return extra;
    }

    /** Name to "found [..], expected [..]", in the model's order. */
    public Map<String, String> misshapen() {
        return misshapen;
    }

    /** Name to its type, e.g. "&lt;f8 (float64)", in the file's order. */
    public Map<String, String> notFloat32() {
        return notFloat32;
    }

    private static String message(Path file, String target, List<String> missing, List<String> extra,
            Map<String, String> misshapen, Map<String, String> notFloat32) {
        List<String> parts = new ArrayList<>();
        if (!missing.isEmpty()) {
            parts.add(missing.size() + " missing: " + String.join(", ", missing));
        }
        if (!extra.isEmpty()) {
            parts.add(extra.size() + " extra: " + String.join(", ", extra));
        }
        if (!misshapen.isEmpty()) {
            parts.add(misshapen.size() + " misshapen: " + join(misshapen));
        }
        if (!notFloat32.isEmpty()) {
            parts.add(notFloat32.size() + " not float32: " + join(notFloat32));
        }
        String head = target == null ? file + ": " : file + " does not fit " + target + ": ";
        return head + String.join("; ", parts);
    }

    private static String join(Map<String, String> map) {
        List<String> items = new ArrayList<>();
        map.forEach((name, what) -> items.add(name + " " + what));
        return String.join(", ", items);
    }
}
