package org.lacuna.ui.app;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** The README's table of shortcuts is Shortcuts.ALL: every key and action appears in it, on one row. */
class ShortcutsTest {

    @Test
    void theReadmeListsEveryShortcut() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        for (Shortcuts.Section section : Shortcuts.ALL) {
            for (Shortcuts.Shortcut s : section.shortcuts()) {
                String row = "| " + s.keys() + " | " + s.action() + " |";
                assertTrue(readme.contains(row), "README.md lacks the row " + row);
            }
        }
    }
}
