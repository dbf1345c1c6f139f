package org.lacuna.ui.common;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The data a form reads, for the Train and the Evaluate screens alike: a folder of photos as typed, or the installed
 * Fashion-MNIST. A view model without nodes; the view binds {@link #sourceProperty()} (see
 * {@link PhotoSource#choice}) and {@link #folderProperty()}.
 */
public final class DataSource {

    private final Optional<Path> fashionMnist;
    private final ObjectProperty<PhotoSource> source = new SimpleObjectProperty<>(this, "source", PhotoSource.FOLDER);
    private final StringProperty folder = new SimpleStringProperty(this, "folder", "");
    private final ReadOnlyBooleanWrapper fashionAvailable = new ReadOnlyBooleanWrapper(this, "fashionAvailable");

    /** @param fashionMnist the installed Fashion-MNIST folder, as the service finds it */
    public DataSource(Optional<Path> fashionMnist) {
        this.fashionMnist = fashionMnist;
        fashionAvailable.set(fashionMnist.isPresent());
    }

    /** The chosen data as a path: Fashion-MNIST's folder, or the typed folder; null when none or not a path. */
    public Path path() {
        if (source.get() == PhotoSource.FASHION_MNIST) {
            return fashionMnist.orElse(null);
        }
        return typedFolder();
    }

    /** The folder as typed, stripped; null when blank or not a path. */
    private Path typedFolder() {
        String text = folder.get() == null ? "" : folder.get().strip();
        if (text.isEmpty()) {
            return null;
        }
        try {
            return Path.of(text);
        } catch (InvalidPathException e) {
            return null;
        }
    }

    /**
     * Where a folder chooser starts: the typed folder when it is one, else null. The file system is asked on a
     * background thread, never on the FX thread (a folder on a sleeping network drive can take seconds).
     */
    public CompletableFuture<Path> folderToBrowse() {
        Path typed = typedFolder();
        return typed == null ? CompletableFuture.completedFuture(null)
                : CompletableFuture.supplyAsync(() -> Files.isDirectory(typed) ? typed : null);
    }

    /** Photos from a folder, or Fashion-MNIST. */
    public ObjectProperty<PhotoSource> sourceProperty() {
        return source;
    }

    /** The folder of photos, as typed. */
    public StringProperty folderProperty() {
        return folder;
    }

    /** Whether Fashion-MNIST is installed (else its choice is disabled). */
    public ReadOnlyBooleanProperty fashionAvailableProperty() {
        return fashionAvailable.getReadOnlyProperty();
    }
}
