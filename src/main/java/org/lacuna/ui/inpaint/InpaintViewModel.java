package org.lacuna.ui.inpaint;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.BiFunction;
import java.util.function.Consumer;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;

import org.lacuna.config.Presets;
import org.lacuna.config.SampleConfig;
import org.lacuna.service.DemoPhotos;
import org.lacuna.service.Failures;
import org.lacuna.service.ModelInfo;
import org.lacuna.service.ModelService;
import org.lacuna.service.Picture;
import org.lacuna.service.PixelRect;
import org.lacuna.service.SamplingJob;
import org.lacuna.service.WindowRect;
import org.lacuna.ui.common.Command;
import org.lacuna.ui.common.EditHistory;
import org.lacuna.ui.common.Problem;

/**
 * The Inpaint workspace's state and actions: the photo and its edits, the window and its hole, the sampling
 * settings, the running sampling and its result. Calls the service, never touches nodes; continuations run on the
 * {@code ui} executor (the FX thread in the app, the calling thread in tests).
 */
public final class InpaintViewModel {

    public static final String COMPLETION = "completion:";
    public static final String BASELINE = "baseline:";

    private final ModelService service;
    private final Executor ui;
    private final ObjectProperty<ModelInfo> model = new SimpleObjectProperty<>(this, "model");
    private final javafx.beans.property.BooleanProperty modelLoading =
            new javafx.beans.property.SimpleBooleanProperty(this, "modelLoading");
    private final ReadOnlyObjectWrapper<Picture> photo = new ReadOnlyObjectWrapper<>(this, "photo");
    private final ReadOnlyObjectWrapper<Picture> original = new ReadOnlyObjectWrapper<>(this, "original");
    private final ReadOnlyStringWrapper photoName = new ReadOnlyStringWrapper(this, "photoName", "");
    private final ReadOnlyObjectWrapper<WindowRect> window = new ReadOnlyObjectWrapper<>(this, "window");
    private final ReadOnlyObjectWrapper<PixelRect> hole = new ReadOnlyObjectWrapper<>(this, "hole");
    private final SamplingSettings settings;
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyBooleanWrapper sampling = new ReadOnlyBooleanWrapper(this, "sampling");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress");
    private final ReadOnlyObjectWrapper<Sampled> result = new ReadOnlyObjectWrapper<>(this, "result");
    private final ReadOnlyStringWrapper selected = new ReadOnlyStringWrapper(this, "selected");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final BooleanProperty comparing = new SimpleBooleanProperty(this, "comparing");
    private final EditHistory history = new EditHistory();
    private final ObjectProperty<Command> savedAt = new SimpleObjectProperty<>(this, "savedAt");
    private final ReadOnlyBooleanWrapper modified = new ReadOnlyBooleanWrapper(this, "modified");
    private final BooleanBinding canSample;
    private final ObjectProperty<List<Path>> photos = new SimpleObjectProperty<>(this, "photos", List.of());
    private final IntegerProperty photoIndex = new SimpleIntegerProperty(this, "photoIndex");
    private final BooleanBinding severalPhotos = Bindings.createBooleanBinding(() -> photos.get().size() > 1, photos);
    private final ReadOnlyStringWrapper scale = new ReadOnlyStringWrapper(this, "scale", "");
    private Consumer<Problem> onProblem = p -> { };
    private SamplingJob job;

    public InpaintViewModel(ModelService service, Executor ui, long randomSeed) {
        this.service = service;
        this.ui = ui;
        this.settings = new SamplingSettings(randomSeed);
        // an invalidation listener: a model reloaded from the same file is an equal record, but maybe new weights
        model.addListener(o -> {
            ModelInfo now = model.get();
            settings.configure(now == null ? 0 : now.config().levelCount());
            clearResult();
            updateHole();
        });
        window.addListener((o, a, b) -> updateHole());
        // no paste left (all undone) loses nothing, even after a save: the photo is as it was opened
        modified.bind(Bindings.createBooleanBinding(() -> history.topProperty().get() != savedAt.get()
                && history.topProperty().get() != null, history.topProperty(), savedAt));
        history.topProperty().addListener((o, a, b) -> updateSelection());
        canSample = model.isNotNull().and(photo.isNotNull()).and(sampling.not()).and(settings.validProperty());
    }

    // ---------------------------------------------------------------- the photo

    /** Opens a photo file in the background; on failure the current photo and its edits stay. */
    public CompletableFuture<Void> openPhoto(Path file) {
        photos.set(List.of(file));
        photoIndex.set(0);
        return openAt(0);
    }

    /**
     * Opens the first of several photos (named on the command line, or dropped together); the others are a step
     * away with {@link #nextPhoto()} and {@link #previousPhoto()}.
     */
    public CompletableFuture<Void> openPhotos(List<Path> files) {
        if (files.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        photos.set(List.copyOf(files));
        photoIndex.set(0);
        return openAt(0);
    }

    /** Opens the next of the photos given together (wrapping round); nothing when there is only one. */
    public CompletableFuture<Void> nextPhoto() {
        return step(1);
    }

    public CompletableFuture<Void> previousPhoto() {
        return step(-1);
    }

    private CompletableFuture<Void> step(int by) {
        int n = photos.get().size();
        if (n < 2) {
            return CompletableFuture.completedFuture(null);
        }
        int next = Math.floorMod(photoIndex.get() + by, n);
        photoIndex.set(next);
        return openAt(next);
    }

    private CompletableFuture<Void> openAt(int index) {
        Path file = photos.get().get(index);
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        int n = photos.get().size();
        return open(name, n > 1 ? " (photo " + (index + 1) + " of " + n + ")" : "", service.openImage(file));
    }

    /**
     * Opens a photo file with the window where {@code placement} puts it for the photo's width and height (an
     * evaluated window, for instance); it is kept inside the photo.
     */
    public CompletableFuture<Void> openPhotoAt(Path file, BiFunction<Integer, Integer, WindowRect> placement) {
        photos.set(List.of(file));
        photoIndex.set(0);
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        return open(name, "", service.openImage(file), placement);
    }

    /** Opens pixels from the clipboard or a drop (0xAARRGGBB) as a photo called {@code name}. */
    public CompletableFuture<Void> openPixels(String name, int width, int height, int[] argb) {
        photos.set(List.of());
        return open(name, "", service.openPixels(name, width, height, argb));
    }

    /** Opens one of the demo photos shipped with the app. */
    public CompletableFuture<Void> openDemo(DemoPhotos.Demo demo) {
        photos.set(List.of());
        return open(demo.file(), " (a demo photo: " + demo.title() + ", " + demo.author() + ", " + demo.licence()
                + ")", service.openDemo(demo));
    }

    private CompletableFuture<Void> open(String name, String note, CompletableFuture<Picture> reading) {
        return open(name, note, reading, (w, h) -> WindowRect.defaultFor(w, h, modelSize()));
    }

    private CompletableFuture<Void> open(String name, String note, CompletableFuture<Picture> reading,
                                         BiFunction<Integer, Integer, WindowRect> placement) {
        busy.set(true);
        message.set("Opening " + name + "…");
        return reading.handleAsync((picture, error) -> {
            busy.set(false);
            if (error != null) {
                message.set("Could not open " + name);
                onProblem.accept(new Problem("Cannot open the photo", Failures.message(error)));
            } else {
                cancel();
                history.clear();
                savedAt.set(null);
                clearResult();
                original.set(picture);
                photo.set(picture);
                photoName.set(name);
                window.set(WindowGeometry.inside(placement.apply(picture.width(), picture.height()), picture.width(),
                        picture.height()));
                message.set("Opened " + name + " (" + picture.width() + "×" + picture.height() + ")" + note);
            }
            return null;
        }, ui);
    }

    /** The loaded model's image side, or coco64's when none is loaded yet. */
    private int modelSize() {
        ModelInfo m = model.get();
        return m == null ? Presets.COCO64.imageSize() : m.config().imageSize();
    }

    /** Saves the photo with its pastes (PNG or JPEG by the extension). */
    public CompletableFuture<Void> save(Path file) {
        Picture current = photo.get();
        if (current == null) {
            return CompletableFuture.completedFuture(null);
        }
        Command state = history.topProperty().get();
        busy.set(true);
        return service.saveImage(current, file).handleAsync((ok, error) -> {
            busy.set(false);
            if (error != null) {
                onProblem.accept(new Problem("Cannot save the photo", Failures.message(error)));
            } else {
                savedAt.set(state);
                message.set("Saved " + file.getFileName());
            }
            return null;
        }, ui);
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

    // ---------------------------------------------------------------- sampling

    /** Samples the tree the settings describe for the current window; does nothing when it cannot. */
    public void sample() {
        if (!canSample.get()) {
            return;
        }
        SampleConfig request = settings.request();
        Picture p = photo.get();
        WindowRect w = window.get();
        PixelRect h = hole.get();
        Picture holeBefore = p.crop(h);
        Picture document = original.get();
        ModelInfo drawnBy = model.get();
        int total = request.leaves();
        sampling.set(true);
        progress.set(0);
        message.set("Sampling " + (total == 1 ? "1 completion" : total + " completions") + "…");
        SamplingJob started = service.sample(p, w, request, done -> ui.execute(() -> progress.set(done / (double) total)));
        job = started;
        started.result().whenCompleteAsync((r, error) -> {
            if (job == started) {
                job = null;
            }
            sampling.set(false);
            progress.set(0);
            if (error == null && (original.get() != document || model.get() != drawnBy)) {
                // another photo or model arrived meanwhile: these completions belong to neither
                message.set("Sampling finished for a photo or model that is no longer open");
            } else if (error == null) {
                result.set(new Sampled(r, w, h, holeBefore, ResultTree.of(r)));
                selected.set(null);
                int n = r.completions().size();
                message.set((n == 1 ? "1 completion" : n + " completions") + " in " + String.format("%.1f s", r.millis() / 1000.0)
                        + " (seed " + request.seed() + ")");
            } else if (Failures.cause(error) instanceof CancellationException) {
                message.set("Sampling cancelled");
            } else {
                message.set("Sampling failed");
                onProblem.accept(new Problem("Sampling failed", Failures.message(error)));
            }
        }, ui);
    }

    /** Cancels a running sampling (it stops within one chunk of completions). */
    public void cancel() {
        SamplingJob running = job;
        if (running != null) {
            running.cancel();
        }
    }

    private void clearResult() {
        result.set(null);
        selected.set(null);
    }

    // ---------------------------------------------------------------- pasting and undo

    /**
     * Selects a completion ("completion:INDEX") or a classical fill ("baseline:LABEL") of the current result and
     * pastes it into the photo, scaled to the window it was drawn for and blended at the hole's edge: one undoable
     * edit. The photo outside that hole is never changed.
     */
    public CompletableFuture<Void> select(String key) {
        Sampled s = result.get();
        Picture image = s == null ? null : s.picture(key);
        Picture current = photo.get();
        if (image == null || current == null) {
            return CompletableFuture.completedFuture(null);
        }
        selected.set(key);
        Picture base = current.with(s.hole().x(), s.hole().y(), s.holeBefore());
        return service.pasteAsync(base, s.window(), image).handleAsync((pasted, error) -> {
            if (error != null) {
                onProblem.accept(new Problem("Cannot paste", Failures.message(error)));
            } else if (result.get() == s && photo.get() != null) {
                history.execute(new PasteEdit("Paste " + label(s, key), photo, s.hole(), pasted.crop(s.hole()), s, key));
                message.set("Pasted " + label(s, key) + " — " + "Ctrl+Z to undo, hold Space to compare");
            }
            return null;
        }, ui);
    }

    private static String label(Sampled s, String key) {
        if (key.startsWith(BASELINE)) {
            return key.substring(BASELINE.length());
        }
        int index = Integer.parseInt(key.substring(COMPLETION.length()));
        for (ResultTree.Branch b : s.tree().branches()) {
            for (ResultTree.Group g : b.groups()) {
                for (ResultTree.Leaf leaf : g.leaves()) {
                    if (leaf.index() == index) {
                        return leaf.path();
                    }
                }
            }
        }
        return "completion " + (index + 1);
    }

    public boolean undo() {
        Command undone = history.topProperty().get();
        boolean done = history.undo();
        if (done) { // the status no longer offers to undo what is undone
            message.set("Undone: " + undone.name() + " — Ctrl+Shift+Z to redo");
        }
        return done;
    }

    public boolean redo() {
        boolean done = history.redo();
        if (done) {
            message.set("Redone: " + history.topProperty().get().name() + " — Ctrl+Z to undo");
        }
        return done;
    }

    /** After undo or redo, the selection follows the paste now on top (when it came from the shown result). */
    private void updateSelection() {
        Command top = history.topProperty().get();
        if (top instanceof PasteEdit edit && edit.source() == result.get()) {
            selected.set(edit.key());
        } else {
            selected.set(null);
        }
    }

    // ---------------------------------------------------------------- plumbing

    /** Who shows problems (the view: a dialog). */
    public void setOnProblem(Consumer<Problem> handler) {
        this.onProblem = handler;
    }

    public ObjectProperty<ModelInfo> modelProperty() {
        return model;
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

    public ReadOnlyBooleanProperty samplingProperty() {
        return sampling.getReadOnlyProperty();
    }

    /** The running sampling's progress, 0..1. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Sampled> resultProperty() {
        return result.getReadOnlyProperty();
    }

    /** The key of the selected (pasted) picture, or null. */
    public ReadOnlyStringProperty selectedProperty() {
        return selected.getReadOnlyProperty();
    }

    /** One line about the last thing that happened. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** While true, the view shows the photo as it was opened (Space held). */
    public BooleanProperty comparingProperty() {
        return comparing;
    }

    public EditHistory history() {
        return history;
    }

    /** The smallest window the mouse draws: the model's own (64 pixels for the presets coco64). */
    public int minWindowSide() {
        ModelInfo m = model.get();
        return m == null ? 64 : m.config().imageSize();
    }

    /** Input: whether a model is being loaded (the app binds it to its model loader). */
    public javafx.beans.property.BooleanProperty modelLoadingProperty() {
        return modelLoading;
    }

    /** What the sampling panel says while it has no model: that one is loading, or that none is loaded. */
    public javafx.beans.binding.StringBinding noModelTextProperty() {
        return Bindings.when(modelLoading).then("Loading the model…").otherwise("No model loaded");
    }

    /** What a prompt says of the edits that {@link #modifiedProperty()} says were not saved. */
    public String unsavedText() {
        return photo.get() == null ? "" : photoName.get() + (savedAt.get() == null
                ? " has pastes that were not saved." : " has changed since it was saved.");
    }

    /** Whether the photo has edits that were not saved. */
    public ReadOnlyBooleanProperty modifiedProperty() {
        return modified.getReadOnlyProperty();
    }

    /** Whether several photos were opened together, so that Next and Previous Photo have somewhere to go. */
    public BooleanBinding severalPhotosProperty() {
        return severalPhotos;
    }

    /** The window's size and how many photo pixels one model pixel covers (the stretch of a pasted completion). */
    public ReadOnlyStringProperty scaleProperty() {
        return scale.getReadOnlyProperty();
    }

    public BooleanBinding canSampleProperty() {
        return canSample;
    }
}
