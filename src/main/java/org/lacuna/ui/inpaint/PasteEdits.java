package org.lacuna.ui.inpaint;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

import javafx.beans.binding.Bindings;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;

import org.lacuna.service.Failures;
import org.lacuna.service.ModelService;
import org.lacuna.service.Picture;
import org.lacuna.ui.common.BackgroundTask;
import org.lacuna.ui.common.Command;
import org.lacuna.ui.common.EditHistory;
import org.lacuna.ui.common.Problem;

/**
 * The photo's edits: pasting a completion or a classical fill into it (one undoable edit each), undo and redo, the
 * selection that follows the paste on top, and saving the photo with its pastes (which clears "modified").
 */
public final class PasteEdits {

    private final InpaintViewModel vm;
    private final ModelService service;
    private final Executor ui;
    private final ObjectProperty<Picture> photo;
    private final EditHistory history = new EditHistory();
    private final ObjectProperty<Command> savedAt = new SimpleObjectProperty<>(this, "savedAt");
    private final ReadOnlyBooleanWrapper modified = new ReadOnlyBooleanWrapper(this, "modified");
    private final ReadOnlyStringWrapper selected = new ReadOnlyStringWrapper(this, "selected");

    /** @param photo the photo the edits change */
    PasteEdits(InpaintViewModel vm, ModelService service, Executor ui, ObjectProperty<Picture> photo) {
        this.vm = vm;
        this.service = service;
        this.ui = ui;
        this.photo = photo;
        // no paste left (all undone) loses nothing, even after a save: the photo is as it was opened
        modified.bind(Bindings.createBooleanBinding(() -> history.topProperty().get() != savedAt.get()
                && history.topProperty().get() != null, history.topProperty(), savedAt));
        history.topProperty().addListener((o, a, b) -> updateSelection());
    }

    /**
     * Selects a completion ("completion:INDEX") or a classical fill ("baseline:LABEL") of the current result and
     * pastes it into the photo, scaled to the window it was drawn for and blended at the hole's edge: one undoable
     * edit. The photo outside that hole is never changed.
     */
    public CompletableFuture<Void> select(String key) {
        Sampled s = vm.sampling().resultProperty().get();
        Picture image = s == null ? null : s.picture(key);
        Picture current = photo.get();
        if (image == null || current == null) {
            return CompletableFuture.completedFuture(null);
        }
        selected.set(key);
        Picture base = current.with(s.hole().x(), s.hole().y(), s.holeBefore());
        return BackgroundTask.of(service.pasteAsync(base, s.window(), image)).onSuccess(pasted -> {
            if (vm.sampling().resultProperty().get() == s && photo.get() != null) {
                history.execute(new PasteEdit("Paste " + label(s, key), photo, s.hole(), pasted.crop(s.hole()), s,
                        key));
                vm.say("Pasted " + label(s, key) + " — " + "Ctrl+Z to undo, hold Space to compare");
            }
        }).onFailure(e -> vm.problem(new Problem("Cannot paste", Failures.message(e)))).runOn(ui);
    }

    private static String label(Sampled s, String key) {
        if (key.startsWith(InpaintViewModel.BASELINE)) {
            return key.substring(InpaintViewModel.BASELINE.length());
        }
        int index = Integer.parseInt(key.substring(InpaintViewModel.COMPLETION.length()));
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
            vm.say("Undone: " + undone.name() + " — Ctrl+Shift+Z to redo");
        }
        return done;
    }

    public boolean redo() {
        boolean done = history.redo();
        if (done) {
            vm.say("Redone: " + history.topProperty().get().name() + " — Ctrl+Z to undo");
        }
        return done;
    }

    /** After undo or redo, the selection follows the paste now on top (when it came from the shown result). */
    private void updateSelection() {
        Command top = history.topProperty().get();
        if (top instanceof PasteEdit edit && edit.source() == vm.sampling().resultProperty().get()) {
            selected.set(edit.key());
        } else {
            selected.set(null);
        }
    }

    /** Nothing is selected (a new result, or none). */
    void deselect() {
        selected.set(null);
    }

    /** A new photo: no edits, nothing to save. */
    void reset() {
        history.clear();
        savedAt.set(null);
    }

    /** Saves the photo with its pastes (PNG or JPEG by the extension). */
    public CompletableFuture<Void> save(Path file) {
        Picture current = photo.get();
        if (current == null) {
            return CompletableFuture.completedFuture(null);
        }
        Command state = history.topProperty().get();
        vm.setBusy(true);
        return BackgroundTask.of(service.saveImage(current, file)).onFinally(() -> vm.setBusy(false))
                .onSuccess(ok -> {
                    savedAt.set(state);
                    vm.say("Saved " + file.getFileName());
                })
                .onFailure(e -> vm.problem(new Problem("Cannot save the photo", Failures.message(e))))
                .runOn(ui);
    }

    public EditHistory history() {
        return history;
    }

    /** What a prompt says of the edits that {@link #modifiedProperty()} says were not saved. */
    public String unsavedText() {
        return photo.get() == null ? "" : vm.photoNameProperty().get() + (savedAt.get() == null
                ? " has pastes that were not saved." : " has changed since it was saved.");
    }

    /** Whether the photo has edits that were not saved. */
    public ReadOnlyBooleanProperty modifiedProperty() {
        return modified.getReadOnlyProperty();
    }

    /** The key of the selected (pasted) picture, or null. */
    public ReadOnlyStringProperty selectedProperty() {
        return selected.getReadOnlyProperty();
    }
}
