package org.lacuna.ui.train;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.function.Supplier;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * Where a new run's files go: a fresh default under the runs directory, named PRESET-yyyyMMdd-HHmmss and renamed
 * with the preset, until the user types or chooses one of their own, which then stays.
 */
final class RunFolder {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final Path runsRoot;
    private final Supplier<String> presetName;
    private final StringProperty folder = new SimpleStringProperty(this, "runFolder", "");
    private final StringBinding error;
    /** The folder chosen for the user, or null once they chose their own. */
    private String auto = "";

    RunFolder(Path runsRoot, Supplier<String> presetName) {
        this.runsRoot = runsRoot;
        this.presetName = presetName;
        error = Bindings.createStringBinding(() -> {
            String t = folder.get() == null ? "" : folder.get().strip();
            if (t.isBlank()) {
                return "Run folder: choose where the run's files go";
            }
            try {
                Path.of(t);
                return "";
            } catch (InvalidPathException e) {
                return "Run folder: not a valid path (" + e.getReason() + ")";
            }
        }, folder);
        renew();
        folder.addListener((o, was, now) -> {
            if (!now.equals(auto)) {
                auto = null; // the user chose one: keep it
            }
        });
    }

    /** A fresh default run folder under the runs directory: PRESET-yyyyMMdd-HHmmss. */
    void renew() {
        auto = runsRoot.resolve(presetName.get() + "-" + LocalDateTime.now().format(STAMP)).toString();
        folder.set(auto);
    }

    /** The preset changed: a folder chosen for the user follows it; one of their own stays. */
    void presetChanged() {
        if (auto != null) {
            renew();
        }
    }

    Path path() {
        return Path.of(folder.get().strip());
    }

    StringProperty property() {
        return folder;
    }

    StringBinding errorProperty() {
        return error;
    }
}
