package org.lacuna.ui.app;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Issue 24: About names the version (the jar's manifest's; "development build" when run from classes). */
class AboutTest {

    @Test
    void aboutNamesTheVersion() {
        String text = LacunaApp.aboutText();
        assertTrue(text.startsWith("Lacuna "), text);
        assertTrue(text.contains("development build") || text.matches("(?s)Lacuna \\d.*"), text);
    }
}
