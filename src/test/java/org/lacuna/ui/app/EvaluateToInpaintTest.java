package org.lacuna.ui.app;

import static org.lacuna.ui.app.AppHarness.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.stage.Stage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.lacuna.service.EvaluationService;
import org.lacuna.service.ModelService;
import org.lacuna.service.ServiceExecutors;
import org.lacuna.service.WindowRect;
import org.lacuna.ui.inpaint.InpaintViewModel;
import org.lacuna.ui.inpaint.TestModels;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The Evaluate tab in the app: a clicked gallery row opens its photo in Inpaint, the window where it was evaluated. */
@ExtendWith(ApplicationExtension.class)
class EvaluateToInpaintTest {

    @TempDir
    Path dir;

    private final AppHarness harness = new AppHarness();
    private LacunaApp app;

    @Start
    void start(Stage stage) throws Exception {
        ModelService service = new ModelService(ServiceExecutors.background());
        service.openModel(TestModels.small(dir)).get();
        app = harness.start(stage, service, false, List.of());
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.stop();
    }


    @Test
    @SuppressWarnings("unchecked")
    void aClickedRowOpensItsPhotoInInpaintWithTheEvaluatedWindow(FxRobot robot) throws Exception {
        Path photos = Files.createDirectories(dir.resolve("photos"));
        TestModels.photo(photos.resolve("a-wide.png"), 60, 40);
        TestModels.photo(photos.resolve("b-tall.png"), 50, 70);
        robot.interact(() -> app.tabs().getSelectionModel().select(2));
        assertEquals("Evaluate", app.tabs().getSelectionModel().getSelectedItem().getText());
        assertEquals("Model: small.lacuna  ·  step 12  ·  " + String.format(java.util.Locale.ROOT, "%,d",
                app.models().modelProperty().get().parameters()) + " parameters",
                robot.lookup("#model-status").queryAs(Label.class).getText());

        TextField folder = robot.lookup("#eval-folder").queryAs(TextField.class);
        robot.interact(() -> {
            folder.setText(photos.toString());
            robot.lookup("#eval-samples").queryAs(Spinner.class).getValueFactory().setValue(2);
        });
        robot.clickOn("#eval-start");
        waitFor(() -> "Evaluating".equals(robot.lookup("#service-status").queryAs(Label.class).getText())
                || !robot.lookup("#gallery").queryAs(TableView.class).getItems().isEmpty());
        TableView<EvaluationService.GalleryRow> gallery = robot.lookup("#gallery").queryAs(TableView.class);
        waitFor(() -> gallery.getItems().size() == 2);
        assertEquals("Idle", robot.lookup("#service-status").queryAs(Label.class).getText());

        Node second = robot.lookup("#gallery .table-row-cell").queryAll().stream()
                .filter(n -> ((TableRow<?>) n).getIndex() == 1).findFirst().orElseThrow();
        robot.clickOn(second);
        InpaintViewModel inpaint = app.inpaint().viewModel();
        waitFor(() -> "b-tall.png".equals(inpaint.photoNameProperty().get()));
        assertEquals("Inpaint", app.tabs().getSelectionModel().getSelectedItem().getText());
        assertEquals(new WindowRect(0, 10, 50), inpaint.windowProperty().get());
        assertEquals(EvaluationService.windowIn(50, 70), inpaint.windowProperty().get());
        assertTrue(robot.lookup("#window-box").query().isVisible());
    }
}
