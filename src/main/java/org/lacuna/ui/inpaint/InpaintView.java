package org.lacuna.ui.inpaint;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.DragEvent;
import javafx.scene.input.Dragboard;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;

import org.lacuna.service.DemoPhotos;
import org.lacuna.service.EvaluationService;
import org.lacuna.service.Picture;
import org.lacuna.ui.common.AppPreferences;
import org.lacuna.ui.common.Dialogs;
import org.lacuna.ui.common.FxPictures;

/**
 * The Inpaint workspace: the photo with its window on the left; the sampling controls and the tree of completions
 * on the right. Holding Space shows the photo as it was opened; Esc cancels a sampling; the arrow keys move the
 * window (Shift: by 10 pixels). The app's menus call the public actions.
 */
public final class InpaintView {

    private static final List<String> IMAGE_EXTENSIONS = List.of("*.png", "*.jpg", "*.jpeg", "*.bmp", "*.gif", "*.webp",
            "*.PNG", "*.JPG", "*.JPEG");

    private final InpaintViewModel vm;
    private final AppPreferences preferences;
    private final BorderPane root = new BorderPane();
    private final PhotoView photoView;

    public InpaintView(InpaintViewModel vm, AppPreferences preferences) {
        this.vm = vm;
        this.preferences = preferences;
        this.photoView = new PhotoView(vm, this::openDemo);
        root.getStyleClass().add("inpaint");
        root.setId("inpaint");

        VBox photoPane = new VBox(photoToolbar(), photoView);
        VBox.setVgrow(photoView, Priority.ALWAYS);
        ResultsView results = new ResultsView(vm);
        VBox side = new VBox(new SamplingPanel(vm), new Separator(), results);
        side.getStyleClass().add("side");
        VBox.setVgrow(results, Priority.ALWAYS);
        side.setMinWidth(420);
        SplitPane split = new SplitPane(photoPane, side);
        split.setOrientation(Orientation.HORIZONTAL);
        split.setDividerPositions(0.52);
        SplitPane.setResizableWithParent(side, false);
        root.setCenter(split);

        root.addEventFilter(KeyEvent.KEY_PRESSED, this::keyPressed);
        root.addEventFilter(KeyEvent.KEY_RELEASED, this::keyReleased);
        root.sceneProperty().addListener((o, a, scene) -> {
            if (scene != null) {
                scene.windowProperty().addListener((w, x, window) -> {
                    if (window != null) {
                        // a Space released in another window must not leave the original showing
                        window.focusedProperty().addListener((f, was, is) -> vm.comparingProperty().set(false));
                    }
                });
            }
        });
        vm.setOnProblem(p -> Dialogs.error(window(), p.title(), p.message()));
    }

    private Node photoToolbar() {
        Label name = new Label();
        name.setId("photo-name");
        name.getStyleClass().add("photo-name");
        name.textProperty().bind(Bindings.createStringBinding(() -> {
            Picture p = vm.photoProperty().get();
            if (p == null) {
                return "No photo";
            }
            return vm.photoNameProperty().get() + (vm.edits().modifiedProperty().get() ? " (edited)" : "") + "  ·  "
                    + p.width() + " × " + p.height();
        }, vm.photoProperty(), vm.photoNameProperty(), vm.edits().modifiedProperty()));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        CheckBox showWindow = new CheckBox("Window");
        showWindow.setId("show-window");
        showWindow.setTooltip(new Tooltip("Show the window and its hole over the photo (W)"));
        showWindow.selectedProperty().bindBidirectional(photoView.showWindowProperty());
        showWindow.setFocusTraversable(false);
        Button out = toolButton("−", "Zoom out (Ctrl+-)", photoView::zoomOut);
        Button fit = toolButton("Fit", "Fit the photo to the view (Ctrl+0)", photoView::fit);
        Button actual = toolButton("100%", "One photo pixel per screen pixel (Ctrl+1)", photoView::actualSize);
        Button in = toolButton("+", "Zoom in (Ctrl+=)", photoView::zoomIn);
        Label zoom = new Label();
        zoom.setId("zoom-level");
        zoom.setMinWidth(48);
        zoom.textProperty().bind(photoView.zoomProperty().multiply(100).asString(Locale.ROOT, "%.0f%%"));
        HBox bar = new HBox(6, name, spacer, showWindow, out, fit, actual, in, zoom);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(6, 10, 6, 10));
        bar.getStyleClass().add("photo-toolbar");
        return bar;
    }

    private static Button toolButton(String text, String tip, Runnable action) {
        Button b = new Button(text);
        b.setTooltip(new Tooltip(tip));
        b.setFocusTraversable(false);
        b.getStyleClass().add("tool");
        b.setOnAction(e -> action.run());
        return b;
    }

    public Node root() {
        return root;
    }

    public InpaintViewModel viewModel() {
        return vm;
    }

    private Window window() {
        return root.getScene() == null ? null : root.getScene().getWindow();
    }

    // ---------------------------------------------------------------- keys

    private void keyPressed(KeyEvent e) {
        boolean typing = e.getTarget() instanceof TextInputControl;
        if (e.getCode() == KeyCode.SPACE && !typing) {
            vm.comparingProperty().set(true);
            e.consume();
        } else if (e.getCode() == KeyCode.ESCAPE && vm.sampling().samplingProperty().get()) {
            vm.sampling().cancel();
            e.consume();
        } else if (!typing && !e.isShortcutDown() && e.getCode() == KeyCode.W) {
            photoView.showWindowProperty().set(!photoView.showWindowProperty().get());
            e.consume();
        } else if (!typing && !e.isShortcutDown() && e.getCode().isArrowKey() && photoView.isFocused()) {
            int step = e.isShiftDown() ? 10 : 1;
            switch (e.getCode()) {
                case LEFT, KP_LEFT -> photoView.nudge(-step, 0);
                case RIGHT, KP_RIGHT -> photoView.nudge(step, 0);
                case UP, KP_UP -> photoView.nudge(0, -step);
                default -> photoView.nudge(0, step);
            }
            e.consume();
        }
    }

    private void keyReleased(KeyEvent e) {
        if (e.getCode() == KeyCode.SPACE && !(e.getTarget() instanceof TextInputControl)) {
            vm.comparingProperty().set(false);
            e.consume();
        }
    }

    // ---------------------------------------------------------------- actions for the menus

    public void zoomIn() {
        photoView.zoomIn();
    }

    public void zoomOut() {
        photoView.zoomOut();
    }

    public void fit() {
        photoView.fit();
    }

    public void actualSize() {
        photoView.actualSize();
    }

    /** Asks for a photo and opens it (after asking whether to drop unsaved pastes). */
    public void openPhotoDialog() {
        if (!confirmDiscard()) {
            return;
        }
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Open Photo");
        chooser.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("Images", IMAGE_EXTENSIONS),
                new FileChooser.ExtensionFilter("All files", "*"));
        preferences.lastFolder().ifPresent(f -> chooser.setInitialDirectory(f.toFile()));
        File file = chooser.showOpenDialog(window());
        if (file != null) {
            open(file.toPath());
        }
    }

    /** Opens a photo file; a problem is shown as a dialog naming the file, and the current photo stays. */
    public void open(Path file) {
        preferences.rememberFolderOf(file);
        vm.photos().openPhoto(file);
    }

    /** Opens the first of several photos; File › Next Photo and Previous Photo go through the rest. */
    public void openAll(List<Path> files) {
        if (!files.isEmpty()) {
            preferences.rememberFolderOf(files.get(0));
            vm.photos().openPhotos(files);
        }
    }

    /** Opens one of the demo photos (after asking whether to drop unsaved pastes). */
    public void openDemo(DemoPhotos.Demo demo) {
        if (confirmDiscard()) {
            vm.openDemo(demo);
        }
    }

    /**
     * Opens a window of the Evaluate workspace's gallery: its photo with the window where the evaluation cut it, or,
     * for an IDX image, the window itself as the photo. Asks first about unsaved pastes; false when the user keeps
     * them.
     */
    public boolean openEvaluated(EvaluationService.GalleryRow row) {
        if (!confirmDiscard()) {
            return false;
        }
        if (row.file() != null) {
            preferences.rememberFolderOf(row.file());
            vm.photos().openPhotoAt(row.file(), EvaluationService::windowIn);
        } else {
            Picture truth = row.truth();
            vm.openPixels(row.source(), truth.width(), truth.height(), truth.argb());
        }
        return true;
    }

    public void nextPhoto() {
        if (confirmDiscard()) {
            vm.photos().nextPhoto();
        }
    }

    public void previousPhoto() {
        if (confirmDiscard()) {
            vm.photos().previousPhoto();
        }
    }

    /** Asks where to save the photo with its pastes (PNG or JPEG) and saves it. */
    public void saveAsDialog() {
        if (vm.photoProperty().get() == null) {
            return;
        }
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Save Photo As");
        FileChooser.ExtensionFilter png = new FileChooser.ExtensionFilter("PNG image", "*.png");
        FileChooser.ExtensionFilter jpeg = new FileChooser.ExtensionFilter("JPEG image", "*.jpg", "*.jpeg");
        chooser.getExtensionFilters().addAll(png, jpeg);
        preferences.lastFolder().ifPresent(f -> chooser.setInitialDirectory(f.toFile()));
        chooser.setInitialFileName(baseName(vm.photoNameProperty().get()) + "-inpainted.png");
        File file = chooser.showSaveDialog(window());
        if (file == null) {
            return;
        }
        Path path = file.toPath();
        String lower = path.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!lower.endsWith(".png") && !lower.endsWith(".jpg") && !lower.endsWith(".jpeg")) {
            path = path.resolveSibling(path.getFileName() + (chooser.getSelectedExtensionFilter() == jpeg ? ".jpg" : ".png"));
        }
        preferences.rememberFolderOf(path);
        vm.edits().save(path);
    }

    private static String baseName(String name) {
        int dot = name.lastIndexOf('.');
        String base = dot > 0 ? name.substring(0, dot) : name;
        return base.isBlank() ? "photo" : base.replaceAll("[\\\\/:*?\"<>|\\s]+", "-");
    }

    /** Puts the photo (with its pastes) on the clipboard. */
    public void copyToClipboard() {
        Picture p = vm.photoProperty().get();
        if (p != null) {
            ClipboardContent content = new ClipboardContent();
            content.putImage(FxPictures.toImage(p));
            Clipboard.getSystemClipboard().setContent(content);
        }
    }

    /** Opens the clipboard's image (or image file) as the photo; says so when there is none. */
    public void pasteFromClipboard() {
        Clipboard clipboard = Clipboard.getSystemClipboard();
        if (clipboard.hasImage() || clipboard.hasFiles()) {
            if (!confirmDiscard()) {
                return;
            }
        }
        if (clipboard.hasImage() && clipboard.getImage() != null) {
            var image = clipboard.getImage();
            vm.openPixels("the pasted image", (int) image.getWidth(), (int) image.getHeight(), FxPictures.argb(image));
        } else if (clipboard.hasFiles() && !clipboard.getFiles().isEmpty()) {
            open(clipboard.getFiles().get(0).toPath());
        } else {
            Dialogs.error(window(), "Nothing to paste", "The clipboard holds no image. Copy an image or an image "
                    + "file, then paste it here (Ctrl+V).");
        }
    }

    /**
     * Accepts dropped image files and images on a scene: model files go to {@code modelFiles}, anything else opens
     * as the photo.
     */
    public void installDropTarget(Scene scene, Consumer<Path> modelFiles) {
        scene.addEventHandler(DragEvent.DRAG_OVER, e -> {
            Dragboard board = e.getDragboard();
            if (board.hasFiles() || board.hasImage()) {
                e.acceptTransferModes(TransferMode.COPY);
                e.consume();
            }
        });
        scene.addEventHandler(DragEvent.DRAG_DROPPED, e -> {
            Dragboard board = e.getDragboard();
            boolean done = false;
            if (board.hasFiles() && !board.getFiles().isEmpty()) {
                List<Path> photos = new ArrayList<>();
                for (File f : board.getFiles()) {
                    if (isModelFile(f.toPath())) {
                        modelFiles.accept(f.toPath());
                    } else {
                        photos.add(f.toPath());
                    }
                }
                if (!photos.isEmpty() && confirmDiscard()) {
                    openAll(photos);
                }
                done = true;
            } else if (board.hasImage() && board.getImage() != null && confirmDiscard()) {
                var image = board.getImage();
                vm.openPixels("the dropped image", (int) image.getWidth(), (int) image.getHeight(), FxPictures.argb(image));
                done = true;
            }
            e.setDropCompleted(done);
            e.consume();
        });
    }

    /** Whether a file is a model (.lacuna, .npz) rather than a photo, by its name. */
    public static boolean isModelFile(Path file) {
        String lower = String.valueOf(file.getFileName()).toLowerCase(Locale.ROOT);
        return lower.endsWith(".lacuna") || lower.endsWith(".npz");
    }

    /** True when there are no unsaved pastes, or the user agrees to drop them to open another photo. */
    public boolean confirmDiscard() {
        return confirmDiscard("Open another photo anyway?");
    }

    /** True when there are no unsaved pastes, or the user agrees to drop them; {@code question} asks for what. */
    public boolean confirmDiscard(String question) {
        return !vm.edits().modifiedProperty().get() || Dialogs.confirm(window(), "Discard the pastes?",
                vm.edits().unsavedText() + " " + question, "Discard");
    }
}
