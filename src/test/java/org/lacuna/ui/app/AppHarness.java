package org.lacuna.ui.app;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.prefs.Preferences;

import javafx.stage.Stage;

import org.lacuna.service.ModelService;
import org.lacuna.ui.common.AppPreferences;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** The whole app on a TestFX stage for one test, with a throwaway preferences node; {@link #stop} ends both. */
final class AppHarness {

    private final Preferences node = Preferences.userRoot().node("org/lacuna/test-" + UUID.randomUUID());
    private LacunaApp app;

    /** Starts the app on the service (which the app then owns), with or without the shipped model, opening files. */
    LacunaApp start(Stage stage, ModelService service, boolean loadShippedModel, List<String> files) {
        app = new LacunaApp(new LacunaApp.Setup(service, new AppPreferences(node), loadShippedModel, true, files));
        app.start(stage);
        return app;
    }

    /** The app's preferences node, to read back what it remembered. */
    Preferences node() {
        return node;
    }

    void stop() throws Exception {
        FxToolkit.cleanupStages();
        app.stop();
        node.removeNode();
    }

    /** Waits up to a minute for the condition, then for the FX events it queued. */
    static void waitFor(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }
}
