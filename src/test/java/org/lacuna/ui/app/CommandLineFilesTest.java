package org.lacuna.ui.app;

import static org.lacuna.ui.app.AppHarness.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.lacuna.service.ModelService;
import org.lacuna.service.ServiceExecutors;
import org.lacuna.ui.inpaint.InpaintViewModel;
import org.lacuna.ui.inpaint.TestModels;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * {@code java -jar lacuna.jar a.png b.png small.lacuna}: the named model loads instead of the shipped one, the first
 * photo opens, Ctrl+Right goes to the next; (the view model's tests cover a
 * missing file among several).
 */
@ExtendWith(ApplicationExtension.class)
class CommandLineFilesTest {

    @TempDir
    Path dir;

    private final AppHarness harness = new AppHarness();
    private LacunaApp app;
    private Path model;

    @Start
    void start(Stage stage) throws Exception {
        model = TestModels.small(dir);
        Path a = TestModels.photo(dir.resolve("a.png"), 60, 40);
        Path b = TestModels.photo(dir.resolve("b.png"), 48, 48);
        app = harness.start(stage, new ModelService(ServiceExecutors.background()), true,
                List.of(a.toString(), b.toString(), model.toString()));
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.stop();
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
