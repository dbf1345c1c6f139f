package org.lacuna.ui.app;

import static org.lacuna.ui.app.AppHarness.waitFor;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
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

/** Issue 24: W (hide the window) is for one photo, and drawing while it is hidden shows it again. */
@ExtendWith(ApplicationExtension.class)
class InpaintWindowToggleTest {

    @TempDir
    Path dir;

    private final AppHarness harness = new AppHarness();
    private LacunaApp app;

    static {
        // building the whole app on a machine busy with other work can outlast TestFX's default setup timeout
        System.setProperty("testfx.setup.timeout", "120000");
    }

    @Start
    void start(Stage stage) throws Exception {
        // no model: the W toggle needs none, and loading one here can outlast TestFX's setup timeout on a busy machine
        app = harness.start(stage, new ModelService(ServiceExecutors.background()), false, List.of());
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.stop();
    }

    @Test
    void hidingTheWindowDoesNotCarryOverAndDrawingShowsIt(FxRobot robot) throws Exception {
        InpaintViewModel vm = app.inpaint().viewModel();
        Path first = TestModels.photo(dir.resolve("first.png"), 60, 40);
        robot.interact(() -> app.inpaint().open(first));
        waitFor(() -> vm.windowProperty().get() != null);
        robot.clickOn("#photo-view");
        robot.type(KeyCode.W);
        waitFor(() -> !robot.lookup("#window-box").query().isVisible());
        Path second = TestModels.photo(dir.resolve("second.png"), 50, 40);
        robot.interact(() -> app.inpaint().open(second));
        waitFor(() -> "second.png".equals(vm.photoNameProperty().get()));
        waitFor(() -> robot.lookup("#window-box").query().isVisible());

        robot.type(KeyCode.W);
        waitFor(() -> !robot.lookup("#window-box").query().isVisible());
        Node view = robot.lookup("#photo-view").query();
        Bounds b = view.localToScreen(view.getBoundsInLocal());
        robot.drag(b.getCenterX(), b.getCenterY(), MouseButton.PRIMARY).moveBy(20, 20).drop(); // on the fitted photo
        waitFor(() -> robot.lookup("#window-box").query().isVisible());
        assertTrue(robot.lookup("#window-box").query().isVisible(), "drawing shows the window it draws");
    }
}
