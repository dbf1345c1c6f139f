package org.lacuna.ui.app;

import static org.lacuna.ui.app.AppHarness.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.MenuBar;
import javafx.scene.control.Menu;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.lacuna.service.DemoPhotos;
import org.lacuna.service.ModelService;
import org.lacuna.service.ServiceExecutors;
import org.lacuna.ui.common.AppPreferences;
import org.lacuna.ui.inpaint.TestModels;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The app shell: menus, tabs, the status bar and loading a model; with a throwaway preferences node. */
@ExtendWith(ApplicationExtension.class)
class LacunaAppTest {

    @TempDir
    Path dir;

    private final AppHarness harness = new AppHarness();
    private LacunaApp app;

    @Start
    void start(Stage stage) {
        app = harness.start(stage, new ModelService(ServiceExecutors.background()), true, List.of());
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.stop();
    }


    @Test
    void theWindowHasTheMenusTheTabsAndSaysWhichModelIsLoaded(FxRobot robot) throws Exception {
        waitFor(() -> !app.models().loadingProperty().get());
        Label model = robot.lookup("#model-status").queryAs(Label.class);
        if (ModelService.class.getResource(ModelService.SHIPPED_MODEL) == null) {
            assertEquals("No model loaded — open one with File › Open Model…", model.getText());
            assertTrue(robot.lookup("#sample").queryAs(Button.class).isDisabled());
        } else {
            assertTrue(model.getText().startsWith("Model: shipped"), model.getText());
        }
        assertEquals("Idle", robot.lookup("#service-status").queryAs(Label.class).getText());
        assertEquals(LacunaApp.TITLE, ((Stage) robot.window(0)).getTitle());
        MenuBar bar = robot.lookup(".menu-bar").queryAs(MenuBar.class);
        assertEquals(List.of("File", "Edit", "Help"), bar.getMenus().stream().map(Menu::getText).toList());
        TabPane tabs = robot.lookup("#tabs").queryAs(TabPane.class);
        assertEquals(List.of("Inpaint", "Train", "Evaluate"), tabs.getTabs().stream().map(Tab::getText).toList());
        assertTrue(robot.lookup("Open a photo: File › Open Photo… (Ctrl+O), drop one here, or paste one (Ctrl+V)")
                .tryQuery().isPresent());
    }

    @Test
    void theEmptyViewAndTheFileMenuOfferTheDemoPhotos(FxRobot robot) throws Exception {
        var vm = app.inpaint().viewModel();
        List<Hyperlink> links = robot.lookup(".demo-link").queryAllAs(Hyperlink.class).stream().toList();
        assertEquals(DemoPhotos.all().stream().map(DemoPhotos.Demo::title).toList(),
                links.stream().map(Hyperlink::getText).toList());
        assertTrue(robot.lookup("#empty-view").query().isVisible());
        DemoPhotos.Demo first = DemoPhotos.all().get(0);
        robot.clickOn(links.get(0));
        waitFor(() -> first.file().equals(vm.photoNameProperty().get()));
        assertTrue(vm.messageProperty().get().contains(first.author()), vm.messageProperty().get());
        assertFalse(robot.lookup("#empty-view").query().isVisible());
        // the menu: File › Open Demo Photo › the last one
        DemoPhotos.Demo last = DemoPhotos.all().get(DemoPhotos.all().size() - 1);
        MenuBar bar = robot.lookup(".menu-bar").queryAs(MenuBar.class);
        Menu demos = (Menu) bar.getMenus().get(0).getItems().stream().filter(i -> "menu-demo".equals(i.getId()))
                .findFirst().orElseThrow();
        assertEquals(DemoPhotos.all().size(), demos.getItems().size());
        robot.interact(() -> demos.getItems().get(demos.getItems().size() - 1).fire());
        waitFor(() -> last.file().equals(vm.photoNameProperty().get()));
    }

    @Test
    void openingAModelShowsItsLabelStepAndParametersAndSetsUpTheLevels(FxRobot robot) throws Exception {
        waitFor(() -> !app.models().loadingProperty().get());
        Path file = TestModels.small(dir);
        robot.interact(() -> app.openModel(file));
        // the shipped model may already be loaded: wait for this one
        waitFor(() -> app.models().modelProperty().get() != null
                && file.equals(app.models().modelProperty().get().file()));
        String text = robot.lookup("#model-status").queryAs(Label.class).getText();
        long parameters = app.models().modelProperty().get().parameters();
        assertEquals("Model: small.lacuna  ·  step 12  ·  " + String.format(java.util.Locale.ROOT, "%,d",
                parameters) + " parameters", text);
        assertTrue(robot.lookup("#count-z3").tryQuery().isPresent());
        assertTrue(robot.lookup("#temperature-z1").tryQuery().isPresent());
        assertEquals("8 completions will be drawn", robot.lookup("#leaves-summary").queryAs(Label.class).getText());
        // no photo yet: nothing to sample
        assertTrue(robot.lookup("#sample").queryAs(Button.class).isDisabled());
    }

    @Test
    void aBrokenModelFileIsReportedByNameAndNothingIsLost(FxRobot robot) throws Exception {
        waitFor(() -> !app.models().loadingProperty().get());
        Path bad = Files.writeString(dir.resolve("half.lacuna"), "PK not really");
        robot.interact(() -> app.openModel(bad));
        waitFor(() -> robot.lookup("#error-message").tryQuery().isPresent());
        String message = robot.lookup("#error-message").queryAs(Label.class).getText();
        assertTrue(message.contains("half.lacuna"), message);
        robot.interact(() -> robot.lookup("#error-message").queryAs(Label.class).getScene().getWindow().hide());
        assertFalse(app.models().loadingProperty().get());
        assertEquals(dir.toString(), new AppPreferences(harness.node()).lastFolder().map(Path::toString).orElse(""));
    }
}
