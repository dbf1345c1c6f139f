package org.lacuna.ui.common;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.prefs.Preferences;

/** What the app remembers between runs (java.util.prefs): the window's size and place, and the last folder. */
public final class AppPreferences {

    /** The window's place and size. */
    public record Bounds(double x, double y, double width, double height, boolean maximized) {
    }

    private static final String LAST_FOLDER = "lastFolder";

    private final Preferences node;

    public AppPreferences(Preferences node) {
        this.node = node;
    }

    /** The user's preferences for Lacuna. */
    public static AppPreferences user() {
        return new AppPreferences(Preferences.userRoot().node("org/lacuna/app"));
    }

    public Optional<Bounds> bounds() {
        double w = node.getDouble("width", -1), h = node.getDouble("height", -1);
        if (w < 200 || h < 150) {
            return Optional.empty();
        }
        return Optional.of(new Bounds(node.getDouble("x", Double.NaN), node.getDouble("y", Double.NaN), w, h,
                node.getBoolean("maximized", false)));
    }

    /** Remembers the window's bounds; a preferences store that has gone away (removed node) is ignored. */
    public void setBounds(Bounds b) {
        try {
            node.putDouble("x", b.x());
            node.putDouble("y", b.y());
            node.putDouble("width", b.width());
            node.putDouble("height", b.height());
            node.putBoolean("maximized", b.maximized());
        } catch (IllegalStateException removed) {
            // nothing to remember into
        }
    }

    /** The folder a file was last opened from or saved to, when it still exists. */
    public Optional<Path> lastFolder() {
        String value = node.get(LAST_FOLDER, null);
        if (value == null) {
            return Optional.empty();
        }
        try {
            Path p = Path.of(value);
            return Files.isDirectory(p) ? Optional.of(p) : Optional.empty();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The Train tab's last data folder, when it still exists. */
    public Optional<Path> trainData() {
        String value = node.get("trainData", null);
        try {
            return value == null || !Files.isDirectory(Path.of(value)) ? Optional.empty() : Optional.of(Path.of(value));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The Train tab's last recipe. */
    public Optional<String> trainRecipe() {
        return Optional.ofNullable(node.get("trainRecipe", null));
    }

    /** Remembers the Train tab's data folder (blank: nothing) and recipe for the next start. */
    public void rememberTraining(String folder, String recipe) {
        try {
            if (folder != null && !folder.isBlank()) {
                node.put("trainData", folder.strip());
            }
            if (recipe != null) {
                node.put("trainRecipe", recipe);
            }
        } catch (IllegalStateException removed) {
            // nothing to remember into
        }
    }

    /** Remembers the folder of a file (or the folder itself). */
    public void rememberFolderOf(Path file) {
        Path folder = Files.isDirectory(file) ? file : file.toAbsolutePath().getParent();
        if (folder != null) {
            node.put(LAST_FOLDER, folder.toString());
        }
    }
}
