package org.lacuna.ui.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;
import java.util.prefs.Preferences;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 24: the Train tab's last data folder and recipe are remembered. */
class TrainingPreferencesTest {

    @TempDir
    Path dir;

    @Test
    void theLastDataFolderAndRecipeAreRememberedAndAFolderGoneIsForgotten() throws Exception {
        Preferences node = Preferences.userRoot().node("org/lacuna/test-" + UUID.randomUUID());
        try {
            AppPreferences prefs = new AppPreferences(node);
            assertEquals(Optional.empty(), prefs.trainData());
            prefs.rememberTraining(dir.toString(), null);
            prefs.rememberTraining(null, "fine-tune");
            AppPreferences again = new AppPreferences(node);
            assertEquals(Optional.of(dir), again.trainData());
            assertEquals(Optional.of("fine-tune"), again.trainRecipe());
            prefs.rememberTraining(dir.resolve("gone").toString(), null);
            assertEquals(Optional.empty(), new AppPreferences(node).trainData());
        } finally {
            node.removeNode();
        }
    }
}
