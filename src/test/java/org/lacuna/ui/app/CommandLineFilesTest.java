package org.lacuna.ui.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.prefs.Preferences;

import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.lacuna.service.ModelService;
import org.lacuna.service.ServiceExecutors;
import org.lacuna.ui.common.AppPreferences;
import org.lacuna.ui.inpaint.InpaintViewModel;
import org.lacuna.ui.inpaint.TestModels;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * {@code java -jar lacuna.jar a.png b.png small.lacuna}: the named model loads instead of the shipped one, the first
 * photo opens, Ctrl+Right goes to the next; (the view model's tests cover a
 * missing file among several).
 */
@ExtendWith(ApplicationExtension.class)
class CommandLineFilesTest {

    @TempDir
    Path dir;

    private Preferences node;
    private LacunaApp app;
    private Path model;

    @Start
    void start(Stage stage) throws Exception {
        node = Preferences.userRoot().node("org/lacuna/test-" + UUID.randomUUID());
        model = TestModels.small(dir);
        Path a = TestModels.photo(dir.resolve("a.png"), 60, 40);
        Path b = TestModels.photo(dir.resolve("b.png"), 48, 48);
        app = new LacunaApp(new LacunaApp.Setup(new ModelService(ServiceExecutors.background()),
                new AppPreferences(node), true, true, List.of(a.toString(), b.toString(), model.toString())));
        app.start(stage);
    }

    @AfterEach
    void tearDown() throws Exception {
        FxToolkit.cleanupStages();
        app.stop();
        node.removeNode();
    }

    private static void waitFor(java.util.concurrent.Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void theNamedModelAndTheFirstPhotoOpenAndTheNextPhotoIsAKeyAway(FxRobot robot) throws Exception {
        InpaintViewModel vm = app.inpaint().viewModel();
        try {
            waitFor(() -> !app.models().loadingProperty().get() && app.models().modelProperty().get() != null
                    && vm.photoProperty().get() != null);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("loading " + app.models().loadingProperty().get() + ", model "
                    + app.models().modelProperty().get() + ", photo " + vm.photoNameProperty().get() + ", message "
                    + vm.messageProperty().get() + ", windows " + robot.listWindows(), e);
        }
        assertEquals(model, app.models().modelProperty().get().file(), "the named model, not the shipped one");
        assertEquals("a.png", vm.photoNameProperty().get());
        assertEquals("a.png — Lacuna", ((Stage) robot.window(0)).getTitle());
        robot.clickOn("#photo-view");
        robot.press(KeyCode.CONTROL, KeyCode.RIGHT).release(KeyCode.RIGHT, KeyCode.CONTROL);
        waitFor(() -> "b.png".equals(vm.photoNameProperty().get()));
        assertEquals(48, vm.photoProperty().get().width());
        assertTrue(robot.lookup("#window-scale").queryAs(Label.class).getText().startsWith("window 16×16 px"));
    }
}
