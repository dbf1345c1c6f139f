package org.lacuna.ui.inpaint;

import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.BiFunction;
import java.util.function.Consumer;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;

import org.lacuna.config.Presets;
import org.lacuna.service.DemoPhotos;
import org.lacuna.service.Failures;
import org.lacuna.service.ModelInfo;
import org.lacuna.service.ModelService;
import org.lacuna.service.Picture;
import org.lacuna.service.PixelRect;
import org.lacuna.service.WindowRect;
import org.lacuna.ui.common.BackgroundTask;
import org.lacuna.ui.common.Problem;

/**
 * The Inpaint workspace's state and actions, one part per concern: the open photo with its window and hole (here),
 * the photos opened together ({@link PhotoList}), the sampling and its result ({@link SamplingRun}) and the pastes
 * with undo, redo and save ({@link PasteEdits}). Calls the service, never touches nodes; continuations run on the
 * {@code ui} executor (the FX thread in the app, the calling thread in tests).
 */
public final class InpaintViewModel {

    public static final String COMPLETION = "completion:";
    public static final String BASELINE = "baseline:";

    private final ModelService service;
    private final Executor ui;
    private final ObjectProperty<ModelInfo> model = new SimpleObjectProperty<>(this, "model");
    private final BooleanProperty modelLoading = new SimpleBooleanProperty(this, "modelLoading");
    private final ReadOnlyObjectWrapper<Picture> photo = new ReadOnlyObjectWrapper<>(this, "photo");
    private final ReadOnlyObjectWrapper<Picture> original = new ReadOnlyObjectWrapper<>(this, "original");
    private final ReadOnlyStringWrapper photoName = new ReadOnlyStringWrapper(this, "photoName", "");
    private final ReadOnlyObjectWrapper<WindowRect> window = new ReadOnlyObjectWrapper<>(this, "window");
    private final ReadOnlyObjectWrapper<PixelRect> hole = new ReadOnlyObjectWrapper<>(this, "hole");
    private final ReadOnlyStringWrapper scale = new ReadOnlyStringWrapper(this, "scale", "");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final BooleanProperty comparing = new SimpleBooleanProperty(this, "comparing");
    private final SamplingSettings settings;
    private final PhotoList photos;
    private final SamplingRun sampling;
    private final PasteEdits edits;
    private Consumer<Problem> onProblem = p -> { };

    public InpaintViewModel(ModelService service, Executor ui, long randomSeed) {
        this.service = service;
        this.ui = ui;
        this.settings = new SamplingSettings(randomSeed);
        this.photos = new PhotoList(service, this::open, (w, h) -> WindowRect.defaultFor(w, h, modelSize()));
        this.sampling = new SamplingRun(this, service, ui);
        this.edits = new PasteEdits(this, service, ui, photo);
        // an invalidation listener: a model reloaded from the same file is an equal record, but maybe new weights
        model.addListener(o -> {
            ModelInfo now = model.get();
            settings.configure(now == null ? 0 : now.config().levelCount());
            clearResult();
            updateHole();
        });
        window.addListener((o, a, b) -> updateHole());
    }

    // ---------------------------------------------------------------- the photo

    /** Opens pixels from the clipboard or a drop (0xAARRGGBB) as a photo called {@code name}. */
    public CompletableFuture<Void> openPixels(String name, int width, int height, int[] argb) {
        photos.clear();
        return open(name, "", service.openPixels(name, width, height, argb), this::defaultWindow);
    }

    /** Opens one of the demo photos shipped with the app. */
    public CompletableFuture<Void> openDemo(DemoPhotos.Demo demo) {
        photos.clear();
        return open(demo.file(), " (a demo photo: " + demo.title() + ", " + demo.author() + ", " + demo.licence()
                + ")", service.openDemo(demo), this::defaultWindow);
    }

    private WindowRect defaultWindow(int width, int height) {
        return WindowRect.defaultFor(width, height, modelSize());
    }

    /** Opens a photo being read; on failure the current photo and its edits stay. */
    private CompletableFuture<Void> open(String name, String note, CompletableFuture<Picture> reading,
                                         BiFunction<Integer, Integer, WindowRect> placement) {
        busy.set(true);
        message.set("Opening " + name + "…");
        return BackgroundTask.of(reading).onFinally(() -> busy.set(false)).onSuccess(picture -> {
            sampling.cancel();
            edits.reset();
            clearResult();
            original.set(picture);
            photo.set(picture);
            photoName.set(name);
            window.set(WindowGeometry.inside(placement.apply(picture.width(), picture.height()), picture.width(),
                    picture.height()));
            message.set("Opened " + name + " (" + picture.width() + "×" + picture.height() + ")" + note);
        }).onFailure(e -> {
            message.set("Could not open " + name);
            onProblem.accept(new Problem("Cannot open the photo", Failures.message(e)));
        }).runOn(ui);
    }

    /** The loaded model's image side, or coco64's when none is loaded yet. */
    private int modelSize() {
        ModelInfo m = model.get();
        return m == null ? Presets.COCO64.imageSize() : m.config().imageSize();
    }

    /** Sets the window, kept inside the photo. */
    public void setWindow(WindowRect w) {
        Picture p = photo.get();
        if (p != null && w != null) {
            window.set(WindowGeometry.inside(w, p.width(), p.height()));
        }
    }

    private void updateHole() {
        ModelInfo m = model.get();
        WindowRect w = window.get();
        hole.set(m == null || w == null ? null : ModelService.holeInPhoto(w, m.config()));
        scale.set(w == null ? "" : String.format(Locale.ROOT, "window %d×%d px · 1 model pixel = %.1f photo pixels",
                w.side(), w.side(), w.photoPixelsPerModelPixel(modelSize())));
    }

    private void clearResult() {
        sampling.clear();
        edits.deselect();
    }

    // ---------------------------------------------------------------- for the parts

    /** One line about the last thing that happened. */
    void say(String text) {
        message.set(text);
    }

    void problem(Problem problem) {
        onProblem.accept(problem);
    }

    void setBusy(boolean value) {
        busy.set(value);
    }

    // ---------------------------------------------------------------- plumbing

    /** Who shows problems (the view: a dialog). */
    public void setOnProblem(Consumer<Problem> handler) {
        this.onProblem = handler;
    }

    /** The photos opened together, and opening photo files. */
    public PhotoList photos() {
        return photos;
    }

    /** Sampling and its result. */
    public SamplingRun sampling() {
        return sampling;
    }

    /** Pastes, undo, redo and save. */
    public PasteEdits edits() {
        return edits;
    }

    public ObjectProperty<ModelInfo> modelProperty() {
        return model;
    }

    /** The smallest window the mouse draws: the model's own (64 pixels for the presets coco64). */
    public int minWindowSide() {
        return modelSize();
    }

    /** Input: whether a model is being loaded (the app binds it to its model loader). */
    public BooleanProperty modelLoadingProperty() {
        return modelLoading;
    }

    /** What the sampling panel says while it has no model: that one is loading, or that none is loaded. */
    public javafx.beans.binding.StringBinding noModelTextProperty() {
        return javafx.beans.binding.Bindings.when(modelLoading).then("Loading the model…")
                .otherwise("No model loaded");
    }

    public ReadOnlyObjectProperty<Picture> photoProperty() {
        return photo.getReadOnlyProperty();
    }

    /** The photo as it was opened, for comparing. */
    public ReadOnlyObjectProperty<Picture> originalProperty() {
        return original.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty photoNameProperty() {
        return photoName.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<WindowRect> windowProperty() {
        return window.getReadOnlyProperty();
    }

    /** The model's hole in photo pixels for the current window; null without a model or a photo. */
    public ReadOnlyObjectProperty<PixelRect> holeProperty() {
        return hole.getReadOnlyProperty();
    }

    public SamplingSettings settings() {
        return settings;
    }

    /** Opening or saving a file. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** One line about the last thing that happened. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** While true, the view shows the photo as it was opened (Space held). */
    public BooleanProperty comparingProperty() {
        return comparing;
    }

    /** The window's size and how many photo pixels one model pixel covers (the stretch of a pasted completion). */
    public ReadOnlyStringProperty scaleProperty() {
        return scale.getReadOnlyProperty();
    }
}
