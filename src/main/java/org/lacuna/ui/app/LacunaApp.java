package org.lacuna.ui.app;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import javafx.application.Application;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.geometry.Rectangle2D;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Screen;
import javafx.stage.Stage;

import org.lacuna.service.EvaluationService;
import org.lacuna.service.ModelInfo;
import org.lacuna.service.ModelService;
import org.lacuna.service.ServiceExecutors;
import org.lacuna.service.TrainingService;
import org.lacuna.ui.train.TrainScreen;
import org.lacuna.ui.common.AppPreferences;
import org.lacuna.ui.common.Dialogs;
import org.lacuna.ui.eval.EvaluateScreen;
import org.lacuna.ui.common.FxThread;
import org.lacuna.ui.inpaint.InpaintView;
import org.lacuna.ui.inpaint.InpaintViewModel;

/**
 * The desktop application's composition root: one ModelService, the menu bar (File, Edit, Help), a tab per screen
 * (Inpaint; Train; Evaluate) and the status bar. At start it loads the shipped model in the background.
 */
public final class LacunaApp extends Application {

    /**
     * What the app runs on; tests pass their own (a service with a tiny model, a throwaway preferences node).
     *
     * @param files what to open at start, as the command line names them (photos, models)
     */
    record Setup(ModelService service, AppPreferences preferences, boolean loadShippedModel, boolean ownsService,
                 List<String> files) {
        Setup(ModelService service, AppPreferences preferences, boolean loadShippedModel, boolean ownsService) {
            this(service, preferences, loadShippedModel, ownsService, List.of());
        }
    }

    static final String TITLE = "Lacuna";

    private final Setup given;
    private Setup setup;
    private Stage stage;
    private TabPane tabs;
    private Tab inpaintTab;
    private ModelLoader models;
    private InpaintView inpaint;
    private TrainScreen trainScreen;
    private EvaluateScreen evaluateScreen;

    public LacunaApp() {
        this(null);
    }

    LacunaApp(Setup setup) {
        this.given = setup;
    }

    @Override
    public void start(Stage primary) {
        this.stage = primary;
        setup = given != null ? given
                : new Setup(new ModelService(ServiceExecutors.background()), AppPreferences.user(), true, true,
                        getParameters() == null ? List.of() : getParameters().getUnnamed());
        ModelService service = setup.service();
        models = new ModelLoader(service, FxThread.executor());
        models.setOnProblem(p -> Dialogs.error(stage, p.title(), p.message()));
        InpaintViewModel vm = new InpaintViewModel(service, FxThread.executor(), System.nanoTime());
        vm.modelProperty().bind(models.modelProperty());
        vm.modelLoadingProperty().bind(models.loadingProperty());
        inpaint = new InpaintView(vm, setup.preferences());

        inpaintTab = new Tab("Inpaint", inpaint.root());
        inpaintTab.setId("tab-inpaint");
        TrainingService training = new TrainingService(service);
        tabs = new TabPane(inpaintTab, trainTab(service, training), evaluateTab(service, training));
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.setId("tabs");

        AppMenus.Actions actions = new AppMenus.Actions() {
            @Override
            public void openModel() {
                openModelDialog();
            }

            @Override
            public void useShippedModel() {
                models.openShipped();
            }

            @Override
            public void showShortcuts() {
                Dialogs.info(stage, "Keyboard shortcuts", Shortcuts.table());
            }

            @Override
            public void showAbout() {
                Label text = new Label(aboutText());
                text.setWrapText(true);
                Dialogs.info(stage, "About Lacuna", text);
            }

            @Override
            public void quit() {
                if (confirmQuit()) {
                    stage.close();
                }
            }

            @Override
            public boolean inpaintShowing() {
                return tabs.getSelectionModel().getSelectedItem() == inpaintTab;
            }
        };
        BorderPane root = new BorderPane();
        root.setTop(AppMenus.create(inpaint, actions));
        root.setCenter(tabs);
        root.setBottom(new StatusBar(models, vm.messageProperty(), vm.sampling().samplingProperty(),
                vm.sampling().progressProperty(), vm.busyProperty(), vm.scaleProperty(),
                evaluateScreen.runningProperty()));

        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        Scene scene = new Scene(root, Math.min(1400, screen.getWidth()), Math.min(900, screen.getHeight() - 40));
        scene.getStylesheets().add(LacunaApp.class.getResource("lacuna.css").toExternalForm());
        AppMenus.installExtraAccelerators(scene, inpaint, actions);
        inpaint.installDropTarget(scene, this::openModel);
        stage.titleProperty().bind(Bindings.createStringBinding(() -> vm.photoProperty().get() == null ? TITLE
                : vm.photoNameProperty().get() + (vm.edits().modifiedProperty().get() ? " (edited)" : "") + " — "
                + TITLE,
                vm.photoProperty(), vm.photoNameProperty(), vm.edits().modifiedProperty()));
        stage.setScene(scene);
        var icon = LacunaApp.class.getResource("/icons/lacuna.png");
        if (icon != null) {
            stage.getIcons().add(new javafx.scene.image.Image(icon.toExternalForm()));
        }
        stage.setMinWidth(900);
        stage.setMinHeight(600);
        restoreBounds();
        stage.setOnCloseRequest(e -> {
            if (!confirmQuit()) {
                e.consume();
            }
        });
        stage.setOnHidden(e -> rememberBounds());
        stage.show();

        List<String> files = setup.files();
        boolean modelGiven = files.stream().anyMatch(LacunaApp::isModelFile);
        if (service.model().isEmpty() && setup.loadShippedModel() && !modelGiven) {
            models.openShipped();
        }
        openFiles(files);
    }

    /**
     * Files named on the command line (as "Open with" or {@code java -jar lacuna.jar FILE...} passes them): models
     * load, the first photo opens, and File › Next Photo goes through the others, as when several are dropped.
     */
    private void openFiles(List<String> names) {
        List<Path> photos = new java.util.ArrayList<>();
        for (String name : names) {
            Path file = Path.of(name);
            if (InpaintView.isModelFile(file)) {
                openModel(file);
            } else {
                photos.add(file);
            }
        }
        inpaint.openAll(photos);
    }

    private static boolean isModelFile(String name) {
        return InpaintView.isModelFile(Path.of(name));
    }

    /** The About box's text, with the version from the jar's manifest ("development" when run from classes). */
    static String aboutText() {
        String version = LacunaApp.class.getPackage().getImplementationVersion();
        return "Lacuna " + (version == null ? "(development build)" : version) + "\n\n"
                + "Lacuna fills holes in photos with a conditional hierarchical VAE.\n"
                + "Completions that share a parent differ only in the lower latent levels.";
    }

    /** Asks about unsaved pastes and a running training (stop with a checkpoint, or keep the window). */
    private boolean confirmQuit() {
        return inpaint.confirmDiscard("Quit anyway?") && trainScreen.confirmClose(stage);
    }

    /** The Train tab: the Train screen, whose "send to Inpaint" shows the checkpoint's model and the Inpaint tab. */
    Tab trainTab(ModelService service, TrainingService training) {
        trainScreen = new TrainScreen(service, training, () -> {
            models.refresh();
            tabs.getSelectionModel().select(inpaintTab);
        });
        trainScreen.remember(setup.preferences()); // the last data folder and recipe
        Tab tab = new Tab("Train", trainScreen.view());
        tab.setId("tab-train");
        return tab;
    }

    /**
     * The Evaluate tab: the Evaluate screen on its own evaluation thread; a clicked gallery row opens its photo in
     * the Inpaint workspace with the evaluated window on it, and shows that tab.
     */
    Tab evaluateTab(ModelService service, TrainingService training) {
        evaluateScreen = new EvaluateScreen(EvaluationService.background(service), training, models.modelProperty(),
                NpzDialog::ask, this::useEvaluated, row -> {
                    if (inpaint.openEvaluated(row)) {
                        tabs.getSelectionModel().select(inpaintTab);
                    }
                });
        evaluateScreen.offerShippedModel(ModelService.hasShippedModel()); // always a way back to it
        Tab tab = new Tab("Evaluate", evaluateScreen.view());
        tab.setId("tab-evaluate");
        return tab;
    }

    /** Makes the model a gallery row was evaluated with Inpaint's model, unless it is already. */
    private void useEvaluated(EvaluationService.ModelChoice choice) {
        ModelInfo now = models.modelProperty().get();
        if (choice.file() == null) {
            return; // the loaded model
        }
        if (choice.isShipped()) {
            if (now == null || !now.label().startsWith("shipped")) {
                models.openShipped();
            }
        } else if (now == null || now.file() == null || !now.file().toAbsolutePath().equals(choice.file().toAbsolutePath())) {
            if (choice.npzConfig() != null) {
                models.openNpz(choice.file(), choice.npzConfig());
            } else {
                models.open(choice.file());
            }
        }
    }

    /** File › Open Model…: a .lacuna file, or an .npz with a preset chooser. */
    private void openModelDialog() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Open Model");
        chooser.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter("Lacuna models and NumPy weights", "*.lacuna", "*.npz"),
                new FileChooser.ExtensionFilter("Lacuna models", "*.lacuna"),
                new FileChooser.ExtensionFilter("NumPy weights (with a preset)", "*.npz"));
        setup.preferences().lastFolder().ifPresent(f -> chooser.setInitialDirectory(f.toFile()));
        File file = chooser.showOpenDialog(stage);
        if (file != null) {
            openModel(file.toPath());
        }
    }

    /** Opens a model file: .npz asks for its preset and conditioning; anything else is read as a .lacuna file. */
    void openModel(Path file) {
        setup.preferences().rememberFolderOf(file);
        if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".npz")) {
            NpzDialog.ask(stage, file.getFileName().toString()).ifPresent(config -> models.openNpz(file, config));
        } else {
            models.open(file);
        }
    }

    private void restoreBounds() {
        setup.preferences().bounds().ifPresent(b -> {
            stage.setWidth(b.width());
            stage.setHeight(b.height());
            if (!Double.isNaN(b.x()) && !Double.isNaN(b.y())
                    && !Screen.getScreensForRectangle(new Rectangle2D(b.x(), b.y(), 100, 40)).isEmpty()) {
                stage.setX(b.x());
                stage.setY(b.y());
            }
            stage.setMaximized(b.maximized());
        });
    }

    private void rememberBounds() {
        if (!stage.isMaximized() && !stage.isIconified()) {
            setup.preferences().setBounds(new AppPreferences.Bounds(stage.getX(), stage.getY(), stage.getWidth(),
                    stage.getHeight(), false));
        } else {
            setup.preferences().bounds().ifPresent(b -> setup.preferences().setBounds(
                    new AppPreferences.Bounds(b.x(), b.y(), b.width(), b.height(), stage.isMaximized())));
        }
    }

    @Override
    public void stop() {
        if (setup != null && setup.ownsService()) {
            setup.service().close();
        }
    }

    // ---------------------------------------------------------------- for tests

    InpaintView inpaint() {
        return inpaint;
    }

    ModelLoader models() {
        return models;
    }

    TabPane tabs() {
        return tabs;
    }

    Node root() {
        return stage.getScene().getRoot();
    }
}
