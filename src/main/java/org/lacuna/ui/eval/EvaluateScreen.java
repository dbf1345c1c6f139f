package org.lacuna.ui.eval;

import java.io.File;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Separator;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import javafx.util.Duration;

import org.controlsfx.control.Notifications;

import org.lacuna.config.ModelConfig;
import org.lacuna.service.EvaluationService;
import org.lacuna.service.ModelInfo;
import org.lacuna.service.TrainingService;
import org.lacuna.ui.common.Coalescer;
import org.lacuna.ui.common.Dialogs;
import org.lacuna.ui.common.FxThread;

/**
 * The Evaluate workspace: on the left the models, the data, the counts and Start/Cancel with progress and the time
 * left; on the right the scores side by side with the active units and the paired comparison, and below them the
 * gallery of evaluated windows. The shell mounts {@link #view()}, binds the loaded model and opens a clicked row in
 * the Inpaint workspace.
 */
public final class EvaluateScreen {

    /** Asks which model an .npz's weights belong to (the shell's dialog); empty when the user cancels. */
    @FunctionalInterface
    public interface NpzQuestion {
        Optional<ModelConfig> ask(Window owner, String fileName);
    }

    private final EvaluateViewModel vm;
    private final NpzQuestion npz;
    private final BorderPane root = new BorderPane();
    private Path lastFolder;

    /**
     * @param loaded        the model loaded in the app, offered as a choice
     * @param openInInpaint opens a gallery row's photo in the Inpaint workspace (called on the FX thread)
     */
    public EvaluateScreen(EvaluationService evaluation, TrainingService training, ObservableValue<ModelInfo> loaded,
                          NpzQuestion npz, Consumer<EvaluationService.GalleryRow> openInInpaint) {
        this(evaluation, training, loaded, npz, c -> { }, openInInpaint);
    }

    /**
     * @param useModel hears the model a gallery row was evaluated with, before {@code openInInpaint} opens the row
     *                 (the app makes it Inpaint's model)
     */
    public EvaluateScreen(EvaluationService evaluation, TrainingService training, ObservableValue<ModelInfo> loaded,
                          NpzQuestion npz, Consumer<EvaluationService.ModelChoice> useModel,
                          Consumer<EvaluationService.GalleryRow> openInInpaint) {
        this.npz = npz;
        this.vm = new EvaluateViewModel(evaluation, training, FxThread.executor());
        Coalescer<EvaluationService.Progress> progress = new Coalescer<>(vm::accept);
        vm.setProgressSink(progress::post);
        vm.models().loadedProperty().bind(loaded);
        vm.setOnOpen(openInInpaint);
        vm.setOnOpenModel(useModel);
        vm.setOnProblem(p -> Dialogs.error(window(), p.title(), p.message()));
        vm.finishedProperty().addListener((o, was, now) -> {
            Window owner = window();
            if (now != null && owner != null && owner.isShowing()) {
                Notifications.create().owner(owner).position(Pos.BOTTOM_RIGHT).hideAfter(Duration.seconds(8))
                        .title("Evaluation finished").text(now.text()).showInformation();
            }
        });
        build();
        vm.models().refreshModels();
    }

    /** The workspace's root node. */
    public Node view() {
        return root;
    }

    /** Whether an evaluation runs (the shell's status bar says so). */
    public ReadOnlyBooleanProperty runningProperty() {
        return vm.runningProperty();
    }

    /** Offers the model shipped with the app among the model choices, whatever model is loaded. */
    public void offerShippedModel(boolean offered) {
        vm.models().offerShipped(offered);
    }

    /** The view model, for tests in this package. */
    EvaluateViewModel viewModel() {
        return vm;
    }

    private Window window() {
        return root.getScene() == null ? null : root.getScene().getWindow();
    }

    private void build() {
        root.getStyleClass().add("evaluate-screen");
        root.setId("evaluate");
        root.getStylesheets().add(EvaluateScreen.class.getResource("evaluate.css").toExternalForm());

        ScrollPane side = new ScrollPane(new SetupView(vm, this::chooseModel).node());
        side.setId("eval-sidebar");
        side.setFitToWidth(true);
        side.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        side.setPrefViewportWidth(330);
        side.setMinWidth(290);
        side.getStyleClass().add("sidebar-scroll");
        root.setLeft(side);

        Label title = new Label("Results");
        title.getStyleClass().add("section-title");
        Label summary = new Label();
        summary.setId("eval-summary");
        summary.getStyleClass().add("hint");
        summary.textProperty().bind(vm.results().summaryProperty());
        GalleryView gallery = new GalleryView(vm, this::saveReport, this::saveGallery);
        VBox.setVgrow(gallery.node(), Priority.ALWAYS);
        VBox main = new VBox(6, title, summary, new ScoresView(vm).node(), new Separator(), gallery.node());
        main.setPadding(new Insets(10));
        root.setCenter(main);
    }

    /** A .lacuna model or an .npz of weights (which asks for its preset) for the first or the second model. */
    private void chooseModel(boolean forSecond) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(forSecond ? "A model to compare with" : "A model to evaluate");
        chooser.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter("Lacuna models and NumPy weights", "*.lacuna", "*.npz"),
                new FileChooser.ExtensionFilter("Lacuna models", "*.lacuna"),
                new FileChooser.ExtensionFilter("NumPy weights (with a preset)", "*.npz"));
        initial(chooser);
        File file = chooser.showOpenDialog(window());
        if (file == null) {
            return;
        }
        Path path = file.toPath();
        lastFolder = path.getParent();
        if (path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".npz")) {
            npz.ask(window(), path.getFileName().toString()).ifPresent(c -> vm.models().chooseNpz(path, c, forSecond));
        } else {
            vm.models().chooseFile(path, forSecond);
        }
    }

    private void saveReport() {
        Path file = saveDialog("Save the Report", "JSON report", "*.json", "evaluation.json");
        if (file != null) {
            vm.saveReport(EvaluateViewModel.withExtension(file, ".json"));
        }
    }

    private void saveGallery() {
        Path file = saveDialog("Save the Gallery", "PNG image", "*.png", "gallery.png");
        if (file != null) {
            vm.saveGallery(EvaluateViewModel.withExtension(file, ".png"));
        }
    }

    private Path saveDialog(String title, String kind, String pattern, String name) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(kind, pattern));
        chooser.setInitialFileName(name);
        initial(chooser);
        File file = chooser.showSaveDialog(window());
        if (file == null) {
            return null;
        }
        lastFolder = file.toPath().getParent();
        return file.toPath();
    }

    private void initial(FileChooser chooser) {
        if (lastFolder != null && lastFolder.toFile().isDirectory()) {
            chooser.setInitialDirectory(lastFolder.toFile());
        }
    }
}
