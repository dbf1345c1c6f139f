package org.lacuna.ui.inpaint;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;

import org.lacuna.service.ModelService;
import org.lacuna.service.Picture;
import org.lacuna.service.WindowRect;

/**
 * The photos opened together (named on the command line, or dropped): which one is open, and the steps to the next
 * and the previous one. Opening itself is the view model's ({@link Opener}).
 */
public final class PhotoList {

    /** Opens a photo being read, with a note after its name, the window placed for its width and height. */
    @FunctionalInterface
    interface Opener {
        CompletableFuture<Void> open(String name, String note, CompletableFuture<Picture> reading,
                                     BiFunction<Integer, Integer, WindowRect> placement);
    }

    private final ModelService service;
    private final Opener opener;
    private final BiFunction<Integer, Integer, WindowRect> defaultPlacement;
    private final ObjectProperty<List<Path>> photos = new SimpleObjectProperty<>(this, "photos", List.of());
    private final IntegerProperty index = new SimpleIntegerProperty(this, "photoIndex");
    private final BooleanBinding severalPhotos = Bindings.createBooleanBinding(() -> photos.get().size() > 1, photos);

    PhotoList(ModelService service, Opener opener, BiFunction<Integer, Integer, WindowRect> defaultPlacement) {
        this.service = service;
        this.opener = opener;
        this.defaultPlacement = defaultPlacement;
    }

    /** Opens a photo file in the background; on failure the current photo and its edits stay. */
    public CompletableFuture<Void> openPhoto(Path file) {
        return openPhotos(List.of(file));
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
        index.set(0);
        return openAt(0);
    }

    /** Opens the next of the photos given together (wrapping round); nothing when there is only one. */
    public CompletableFuture<Void> nextPhoto() {
        return step(1);
    }

    public CompletableFuture<Void> previousPhoto() {
        return step(-1);
    }

    /**
     * Opens a photo file with the window where {@code placement} puts it for the photo's width and height (an
     * evaluated window, for instance); it is kept inside the photo.
     */
    public CompletableFuture<Void> openPhotoAt(Path file, BiFunction<Integer, Integer, WindowRect> placement) {
        photos.set(List.of(file));
        index.set(0);
        return opener.open(name(file), "", service.openImage(file), placement);
    }

    /** A photo that is not a file (pixels, a demo) is open: no next or previous. */
    void clear() {
        photos.set(List.of());
    }

    private CompletableFuture<Void> step(int by) {
        int n = photos.get().size();
        if (n < 2) {
            return CompletableFuture.completedFuture(null);
        }
        int next = Math.floorMod(index.get() + by, n);
        index.set(next);
        return openAt(next);
    }

    private CompletableFuture<Void> openAt(int at) {
        Path file = photos.get().get(at);
        int n = photos.get().size();
        return opener.open(name(file), n > 1 ? " (photo " + (at + 1) + " of " + n + ")" : "",
                service.openImage(file), defaultPlacement);
    }

    private static String name(Path file) {
        return file.getFileName() == null ? file.toString() : file.getFileName().toString();
    }

    /** Whether several photos were opened together, so that Next and Previous Photo have somewhere to go. */
    public BooleanBinding severalPhotosProperty() {
        return severalPhotos;
    }
}
