package org.lacuna.ui.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.chart.BarChart;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.stage.Stage;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.lacuna.ui.common.Numbers;
import org.lacuna.model.Hvae;
import org.lacuna.model.ModelFiles;
import org.lacuna.model.TinyConfigs;
import org.lacuna.service.EvaluationService;
import org.lacuna.service.EvaluationService.GalleryRow;
import org.lacuna.service.ModelInfo;
import org.lacuna.service.ModelService;
import org.lacuna.service.ServiceExecutors;
import org.lacuna.service.TrainingFixtures;
import org.lacuna.service.TrainingService;
import org.lacuna.ui.inpaint.TestModels;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The Evaluate workspace headless: a tiny model loaded, a few images, never a long evaluation. */
@ExtendWith(ApplicationExtension.class)
class EvaluateScreenTest {

    @TempDir
    Path dir;

    private ModelService models;
    private EvaluationService evaluation;
    private EvaluateScreen screen;
    private Path modelFile;
    private ModelInfo info;
    private final SimpleObjectProperty<ModelInfo> loaded = new SimpleObjectProperty<>();
    private final List<GalleryRow> opened = new CopyOnWriteArrayList<>();

    @Start
    void start(Stage stage) throws Exception {
        models = new ModelService(ServiceExecutors.background());
        modelFile = TestModels.small(dir);
        info = models.openModel(modelFile).get();
        loaded.set(info);
        // a past run with a checkpoint
        org.lacuna.store.RunDirectory run = new org.lacuna.store.RunDirectory(dir.resolve("runs").resolve("r1"));
        run.writeConfig(TrainingFixtures.run(TinyConfigs.small(), dir, 10, 5, 5));
        java.nio.file.Files.createDirectories(run.latestCheckpoint().getParent());
        java.nio.file.Files.copy(modelFile, run.latestCheckpoint());
        java.nio.file.Files.copy(modelFile, run.bestCheckpoint());
        evaluation = EvaluationService.background(models);
        TrainingService training = new TrainingService(models, dir.resolve("runs"), List.of(TinyConfigs.small()));
        screen = new EvaluateScreen(evaluation, training, loaded,
                (owner, name) -> Optional.empty(), opened::add);
        stage.setScene(new Scene((Parent) screen.view(), 1200, 780));
        stage.show();
    }

    @AfterEach
    void tearDown() throws Exception {
        EvaluateViewModel vm = screen.viewModel();
        WaitForAsyncUtils.asyncFx(vm::cancel).get(10, TimeUnit.SECONDS);
        TrainingFixtures.waitFor(() -> !evaluation.isRunning());
        models.close();
    }

    private static <T> T fx(Callable<T> read) throws Exception {
        return WaitForAsyncUtils.asyncFx(read).get(30, TimeUnit.SECONDS);
    }

    private static void waitFor(Callable<Boolean> condition) throws Exception {
        TrainingFixtures.waitFor(() -> {
            try {
                return fx(condition);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private String text(FxRobot robot, String id) throws Exception {
        Label label = robot.lookup(id).queryAs(Label.class);
        return fx(label::getText);
    }

    @SuppressWarnings("unchecked")
    private static void spin(FxRobot robot, String id, int value) {
        Spinner<Integer> s = robot.lookup(id).queryAs(Spinner.class);
        robot.interact(() -> s.getValueFactory().setValue(value));
    }

    /** Types the folder, sets the counts and clicks Start. */
    private void run(FxRobot robot, Path folder, int images, int samples) {
        TextField field = robot.lookup("#eval-folder").queryAs(TextField.class);
        robot.interact(() -> field.setText(folder.toString()));
        spin(robot, "#eval-images", images);
        spin(robot, "#eval-samples", samples);
        spin(robot, "#eval-seed", 7);
        robot.clickOn("#eval-start");
    }

    @SuppressWarnings("unchecked")
    private static TableView<GalleryRow> gallery(FxRobot robot) {
        return robot.lookup("#gallery").queryAs(TableView.class);
    }

    @Test
    void aRunOnAFewShippedImagesFillsTheTableWithTheNumbersOfEval(FxRobot robot) throws Exception {
        Path shipped = Path.of("assets", "demo").toAbsolutePath();
        run(robot, shipped, 3, 3);
        @SuppressWarnings("unchecked")
        TableView<ScoreTable.Row> table = robot.lookup("#scores").queryAs(TableView.class);
        waitFor(() -> !table.getItems().isEmpty());

        JsonNode expected = EvalFixtures.eval(modelFile, shipped, 3, 3, 7, dir.resolve("eval.json"));
        List<List<String>> rows = EvalFixtures.rows("small.lacuna (loaded)", expected);
        assertEquals(rows, EvalFixtures.cells(fx(() -> List.copyOf(table.getItems()))));
        // the cells on screen say the same: the model's PSNR of the mean and of the best of 3
        List<String> shown = fx(() -> table.lookupAll(".table-cell").stream()
                .map(n -> ((javafx.scene.control.Labeled) n).getText()).toList());
        assertTrue(shown.containsAll(rows.get(0)), shown + " lacks " + rows.get(0));
        assertEquals("Best of 3, by the true hole", fx(() -> table.getColumns().get(3).getText()));

        @SuppressWarnings("unchecked")
        BarChart<String, Number> chart = robot.lookup("#active-units").queryAs(BarChart.class);
        assertEquals(1, fx(() -> chart.getData().size()));
        List<Double> shares = new ArrayList<>();
        expected.get("active_units").forEach(n -> shares.add(100 * n.asDouble()));
        assertEquals(shares, fx(() -> chart.getData().get(0).getData().stream()
                .map(d -> d.getYValue().doubleValue()).toList()));
        assertEquals(3, fx(() -> gallery(robot).getItems().size()));
        assertTrue(text(robot, "#eval-progress-text").startsWith("Evaluated 3 images in "),
                text(robot, "#eval-progress-text"));
        assertTrue(text(robot, "#eval-summary").startsWith("3 images of " + shipped), text(robot, "#eval-summary"));
        assertFalse(robot.lookup("#comparison").query().isVisible(), "one model: no comparison");
        waitFor(() -> robot.lookup(".notification-bar").tryQuery().isPresent());
    }

    @Test
    void cancelStopsItAndLeavesTheServiceIdle(FxRobot robot) throws Exception {
        Path photos = EvalFixtures.photos(dir.resolve("photos"), 40);
        run(robot, photos, 0, 48);
        waitFor(() -> text(robot, "#eval-progress-text").startsWith("Image "));
        assertTrue(evaluation.isRunning());
        assertTrue(robot.lookup("#eval-start").queryButton().isDisabled());
        robot.clickOn("#eval-cancel");
        waitFor(() -> !robot.lookup("#eval-start").queryButton().isDisabled());
        assertFalse(evaluation.isRunning());
        String ended = text(robot, "#eval-progress-text");
        assertTrue(ended.startsWith("Cancelled after "), ended);
        int done = Integer.parseInt(ended.substring("Cancelled after ".length()).split(" ")[0]);
        assertTrue(done >= 1 && done < 40, ended);
        assertTrue(robot.lookup("#eval-cancel").queryButton().isDisabled());
        assertTrue(fx(() -> gallery(robot).getItems().isEmpty()));
        assertFalse(robot.lookup("#error-message").tryQuery().isPresent(), "a cancel is no error");
    }

    @Test
    void sortingTheGalleryOrdersItByTheGainAndAClickOpensTheRow(FxRobot robot) throws Exception {
        run(robot, EvalFixtures.photos(dir.resolve("photos"), 6), 6, 2);
        TableView<GalleryRow> gallery = gallery(robot);
        waitFor(() -> gallery.getItems().size() == 6);
        List<GalleryRow> inOrder = fx(() -> List.copyOf(gallery.getItems()));
        List<GalleryRow> byGain = new ArrayList<>(inOrder);
        byGain.sort(Comparator.comparingDouble(GalleryRow::gain).reversed());
        assertFalse(inOrder.equals(byGain), "image order is already gain order: the test would prove nothing");

        robot.clickOn("#order-gain-descending");
        assertEquals(byGain, fx(() -> List.copyOf(gallery.getItems())));
        robot.clickOn("#order-gain-descending"); // pressed again: it stays the order
        assertTrue(robot.lookup("#order-gain-descending").queryAs(javafx.scene.control.ToggleButton.class)
                .isSelected());
        robot.clickOn("#order-gain-ascending");
        List<GalleryRow> worstFirst = new ArrayList<>(byGain);
        java.util.Collections.reverse(worstFirst);
        assertEquals(worstFirst, fx(() -> List.copyOf(gallery.getItems())));
        robot.clickOn("#order-gain-descending");
        // the rows on screen, top down, carry the gains in that order
        List<String> gains = fx(() -> gallery.lookupAll(".table-row-cell").stream()
                .filter(n -> ((javafx.scene.control.TableRow<?>) n).getItem() != null)
                .sorted(Comparator.comparingDouble(n -> n.localToScene(0, 0).getY()))
                .map(n -> ((GalleryRow) ((javafx.scene.control.TableRow<?>) n).getItem()).gain())
                .map(Numbers::signed).toList());
        assertEquals(byGain.subList(0, gains.size()).stream().map(r -> Numbers.signed(r.gain())).toList(), gains);

        Node second = fx(() -> gallery.lookupAll(".table-row-cell").stream()
                .filter(n -> ((javafx.scene.control.TableRow<?>) n).getIndex() == 1).findFirst().orElseThrow());
        robot.clickOn(second);
        waitFor(() -> opened.size() == 1);
        assertEquals(byGain.get(1), opened.get(0));
    }

    @Test
    void aBadFolderGivesTheUsualMessageNamingItAndTheReason(FxRobot robot) throws Exception {
        Path missing = dir.resolve("no-such-photos");
        run(robot, missing, 4, 2);
        waitFor(() -> robot.lookup("#error-message").tryQuery().isPresent());
        String message = text(robot, "#error-message");
        assertEquals(missing + ": no such folder or file", message);
        assertEquals("Evaluation failed", text(robot, "#eval-progress-text"));
        robot.interact(() -> robot.lookup("#error-message").queryAs(Label.class).getScene().getWindow().hide());
        assertFalse(evaluation.isRunning());
        assertFalse(robot.lookup("#eval-start").queryButton().isDisabled(), "it can start again");
    }

    @Test
    void choosingAModelFileKeepsTheOtherChoiceAndTwoModelsAreCompared(FxRobot robot) throws Exception {
        @SuppressWarnings("unchecked")
        ComboBox<ModelOptions.Option> first = robot.lookup("#first-model").queryAs(ComboBox.class);
        @SuppressWarnings("unchecked")
        ComboBox<ModelOptions.Option> second = robot.lookup("#second-model").queryAs(ComboBox.class);
        assertEquals("Loaded: small.lacuna (step 12)", fx(() -> first.getValue().text()));
        waitFor(() -> first.getItems().size() == 3);
        assertEquals("Run r1: latest checkpoint, step 0 of the run (small)", fx(() -> first.getItems().get(1).text()));
        // the model is loaded after the runs are listed (as the shipped model is at start)
        robot.interact(() -> loaded.set(null));
        assertEquals("Run r1: latest checkpoint, step 0 of the run (small)", fx(() -> first.getValue().text()));
        robot.interact(() -> loaded.set(info));
        assertEquals("Loaded: small.lacuna (step 12)", fx(() -> first.getValue().text()));
        Path other = dir.resolve("other.lacuna");
        ModelFiles.save(Hvae.create(TinyConfigs.small(), 9), 1, other);
        // a list that has been shown once drops its value when its items are replaced: open and close both
        for (ComboBox<ModelOptions.Option> box : List.of(first, second)) {
            robot.interact(box::show);
            waitFor(() -> box.isShowing());
            robot.interact(box::hide);
        }
        waitFor(() -> first.getItems().size() == 3);
        robot.interact(() -> screen.viewModel().models().chooseFile(other, true));
        assertEquals("Loaded: small.lacuna (step 12)", fx(() -> first.getValue().text()), "the first choice stays");
        assertEquals("File: other.lacuna", fx(() -> second.getValue().text()));

        run(robot, EvalFixtures.photos(dir.resolve("photos"), 3), 3, 2);
        waitFor(() -> robot.lookup("#comparison").query().isVisible());
        assertTrue(text(robot, "#comparison").startsWith("small.lacuna (loaded) \u2212 other.lacuna, PSNR of the mean"),
                text(robot, "#comparison"));
        @SuppressWarnings("unchecked")
        ComboBox<String> shown = robot.lookup("#gallery-model").queryAs(ComboBox.class);
        assertTrue(shown.isVisible());
        robot.interact(() -> shown.getSelectionModel().select(1));
        EvaluationService.Result result = screen.viewModel().results().resultProperty().get();
        assertEquals(result.models().get(1).gallery(), fx(() -> List.copyOf(gallery(robot).getItems())));
        Button png = robot.lookup("#save-gallery").queryButton();
        assertFalse(png.isDisabled());
    }
}
