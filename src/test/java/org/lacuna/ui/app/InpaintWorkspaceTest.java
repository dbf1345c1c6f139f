package org.lacuna.ui.app;

import static org.lacuna.ui.app.AppHarness.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TitledPane;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.lacuna.service.ModelService;
import org.lacuna.service.Picture;
import org.lacuna.service.PixelRect;
import org.lacuna.service.ServiceExecutors;
import org.lacuna.ui.inpaint.InpaintViewModel;
import org.lacuna.ui.inpaint.TestModels;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Inpaint workspace end to end in the real window (headless): open a photo, sample with branching 2,1,2, see
 * four completions under two parents, click one to paste it, undo and redo with the keyboard, compare with Space,
 * and open a corrupt file.
 */
@ExtendWith(ApplicationExtension.class)
class InpaintWorkspaceTest {

    @TempDir
    Path dir;

    private final AppHarness harness = new AppHarness();
    private LacunaApp app;
    private ModelService service;

    @Start
    void start(Stage stage) throws Exception {
        service = new ModelService(ServiceExecutors.background());
        service.openModel(TestModels.small(dir)).get();
        app = harness.start(stage, service, false, List.of());
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.stop();
    }


    @SuppressWarnings("unchecked")
    private static Spinner<Integer> spinner(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Spinner.class);
    }

    @Test
    void openSampleTwoOneTwoPasteUndoRedoCompareAndACorruptFile(FxRobot robot) throws Exception {
        InpaintViewModel vm = app.inpaint().viewModel();
        Path photo = TestModels.photo(dir.resolve("meadow.png"), 60, 40);
        robot.interact(() -> app.inpaint().open(photo));
        waitFor(() -> vm.photoProperty().get() != null);
        Picture original = vm.photoProperty().get();
        assertEquals("meadow.png — Lacuna", ((Stage) robot.window(0)).getTitle());
        assertTrue(robot.lookup("#window-box").query().isVisible());
        assertTrue(robot.lookup("#hole-box").query().isVisible());

        robot.interact(() -> {
            spinner(robot, "#count-z3").getValueFactory().setValue(2);
            spinner(robot, "#count-z2").getValueFactory().setValue(1);
            spinner(robot, "#count-z1").getValueFactory().setValue(2);
        });
        assertEquals("4 completions will be drawn", robot.lookup("#leaves-summary").queryAs(Label.class).getText());
        robot.clickOn("#sample");
        waitFor(() -> vm.sampling().resultProperty().get() != null);

        // four completions, grouped as two parents (z3 #1, z3 #2), each with one z2 group of two z1 siblings
        List<TitledPane> branches = robot.lookup(".branch").queryAllAs(TitledPane.class).stream().toList();
        assertEquals(List.of("z3 #1", "z3 #2"), branches.stream().map(TitledPane::getText).sorted().toList());
        for (TitledPane branch : branches) {
            assertEquals(2, branch.getContent().lookupAll(".completion").size());
        }
        assertEquals(4, robot.lookup(".completion").queryAll().size());
        assertEquals(List.of("z3 #1 › z2 #1", "z3 #2 › z2 #1"), robot.lookup(".group-header").queryAllAs(Label.class)
                .stream().map(Label::getText).sorted().toList());
        assertEquals(List.of("OpenCV FSR fast", "OpenCV Navier-Stokes", "OpenCV Telea", "mean fill"),
                robot.lookup(".baseline").queryAllAs(Label.class).stream().map(Label::getText).sorted().toList());
        // FSR best, seconds a window, on demand: the button adds it to the column
        robot.clickOn("#fsr-best");
        waitFor(() -> robot.lookup(".baseline").queryAll().size() == 5);
        assertFalse(robot.lookup("#fsr-best").query().isVisible());

        // select and paste: exactly the hole's pixels change
        robot.clickOn("#completion-3");
        waitFor(() -> vm.photoProperty().get() != original);
        Picture pasted = vm.photoProperty().get();
        PixelRect hole = vm.holeProperty().get();
        Picture completion = vm.sampling().resultProperty().get().result().completions().get(3).image();
        assertEquals(service.paste(original, vm.windowProperty().get(), completion), pasted);
        int changed = 0;
        for (int y = 0; y < original.height(); y++) {
            for (int x = 0; x < original.width(); x++) {
                if (original.pixel(x, y) != pasted.pixel(x, y)) {
                    assertTrue(hole.contains(x, y), "changed outside the hole at " + x + "," + y);
                    changed++;
                }
            }
        }
        assertTrue(changed > hole.width() * hole.height() / 2, changed + " of the hole's pixels changed");
        Node tile = robot.lookup("#completion-3").query();
        assertTrue(tile.getStyleClass().contains("selected"));
        assertEquals("meadow.png (edited) — Lacuna", ((Stage) robot.window(0)).getTitle());

        // undo and redo from the keyboard
        robot.press(KeyCode.CONTROL, KeyCode.Z).release(KeyCode.Z, KeyCode.CONTROL);
        waitFor(() -> vm.photoProperty().get().equals(original));
        assertFalse(tile.getStyleClass().contains("selected"));
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.Z).release(KeyCode.Z, KeyCode.SHIFT, KeyCode.CONTROL);
        waitFor(() -> vm.photoProperty().get().equals(pasted));

        // holding Space shows the photo as it was opened
        robot.press(KeyCode.SPACE);
        waitFor(() -> vm.comparingProperty().get());
        assertTrue(robot.lookup("#compare-badge").query().isVisible());
        robot.release(KeyCode.SPACE);
        waitFor(() -> !vm.comparingProperty().get());

        // a corrupt file: a dialog names it; the photo and its paste stay
        Path corrupt = Files.write(dir.resolve("broken.jpg"), new byte[]{(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 1, 2});
        robot.interact(() -> app.inpaint().open(corrupt));
        waitFor(() -> robot.lookup("#error-message").tryQuery().isPresent());
        String message = robot.lookup("#error-message").queryAs(Label.class).getText();
        assertTrue(message.contains("broken.jpg"), message);
        robot.interact(() -> robot.lookup("#error-message").queryAs(Label.class).getScene().getWindow().hide());
        assertEquals(pasted, vm.photoProperty().get());
        assertEquals("meadow.png", vm.photoNameProperty().get());
        assertNotEquals(null, vm.sampling().resultProperty().get());
        assertTrue(vm.edits().history().canUndoProperty().get());
    }

    @Test
    void theWindowMovesWithTheMouseAndTheArrowKeysAndStaysInsideThePhoto(FxRobot robot) throws Exception {
        InpaintViewModel vm = app.inpaint().viewModel();
        Path photo = TestModels.photo(dir.resolve("wide.png"), 60, 40);
        robot.interact(() -> app.inpaint().open(photo));
        waitFor(() -> vm.windowProperty().get() != null);
        assertEquals(new org.lacuna.service.WindowRect(22, 12, 16), vm.windowProperty().get());
        assertEquals("window 16×16 px · 1 model pixel = 1.0 photo pixels",
                robot.lookup("#window-scale").queryAs(javafx.scene.control.Label.class).getText());
        robot.interact(() -> vm.setWindow(new org.lacuna.service.WindowRect(10, 0, 40)));
        waitFor(() -> vm.windowProperty().get().side() == 40);
        Node box = robot.lookup("#window-box").query();
        javafx.geometry.Bounds b = box.localToScreen(box.getBoundsInLocal());
        // drag the window far to the right: it stops at the photo's edge
        robot.drag(b.getCenterX(), b.getCenterY(), javafx.scene.input.MouseButton.PRIMARY)
                .moveBy(b.getWidth(), 0).drop();
        waitFor(() -> vm.windowProperty().get().x() == 20);
        assertEquals(new org.lacuna.service.WindowRect(20, 0, 40), vm.windowProperty().get());
        assertEquals(new PixelRect(30, 10, 20, 20), vm.holeProperty().get());
        robot.type(KeyCode.LEFT);
        waitFor(() -> vm.windowProperty().get().x() == 19);
        robot.press(KeyCode.SHIFT).type(KeyCode.LEFT).release(KeyCode.SHIFT);
        waitFor(() -> vm.windowProperty().get().x() == 9);
        // W hides the window's outline; W again shows it
        robot.type(KeyCode.W);
        waitFor(() -> !robot.lookup("#window-box").query().isVisible());
        robot.type(KeyCode.W);
        waitFor(() -> robot.lookup("#window-box").query().isVisible());
    }

    @Test
    void copyAndPasteThroughTheClipboardAndEnterOnTheTrainTabDoesNotSample(FxRobot robot) throws Exception {
        InpaintViewModel vm = app.inpaint().viewModel();
        robot.interact(() -> app.inpaint().open(dir.resolve("missing-yet.png")));
        waitFor(() -> robot.lookup("#error-message").tryQuery().isPresent());
        robot.interact(() -> robot.lookup("#error-message").queryAs(Label.class).getScene().getWindow().hide());
        Path first = TestModels.photo(dir.resolve("first.png"), 50, 30);
        robot.interact(() -> app.inpaint().open(first));
        waitFor(() -> vm.photoProperty().get() != null);
        Picture copied = vm.photoProperty().get();
        robot.press(KeyCode.CONTROL, KeyCode.C).release(KeyCode.C, KeyCode.CONTROL);
        Path second = TestModels.photo(dir.resolve("second.png"), 30, 30);
        robot.interact(() -> app.inpaint().open(second));
        waitFor(() -> vm.photoProperty().get().width() == 30);
        robot.press(KeyCode.CONTROL, KeyCode.V).release(KeyCode.V, KeyCode.CONTROL);
        waitFor(() -> "the pasted image".equals(vm.photoNameProperty().get()));
        assertEquals(copied, vm.photoProperty().get());

        robot.interact(() -> robot.lookup("#tabs").queryAs(javafx.scene.control.TabPane.class).getSelectionModel()
                .select(1));
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.sleep(300, TimeUnit.MILLISECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(vm.sampling().samplingProperty().get());
        assertEquals(null, vm.sampling().resultProperty().get());
        // the same key on the Inpaint tab samples
        robot.interact(() -> robot.lookup("#tabs").queryAs(javafx.scene.control.TabPane.class).getSelectionModel()
                .select(0));
        robot.type(KeyCode.ENTER);
        waitFor(() -> vm.sampling().resultProperty().get() != null);
        assertEquals(8, vm.sampling().resultProperty().get().tree().size());
    }
}
