package org.lacuna.ui.common;

import java.io.File;

import javafx.scene.Node;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.HBox;
import javafx.stage.DirectoryChooser;

/** Where a screen's photos come from: an image folder or Fashion-MNIST (the Train and Evaluate forms). */
public enum PhotoSource {
    FOLDER, FASHION_MNIST;

    /**
     * The two radio buttons ({@code #data-folder-choice}, {@code #data-fashion-choice}) kept in step with the
     * data's source both ways; Fashion-MNIST is disabled while it is not installed.
     */
    public static Node choice(DataSource data) {
        var source = data.sourceProperty();
        ToggleGroup group = new ToggleGroup();
        RadioButton folder = new RadioButton("Folder of photos");
        folder.setId("data-folder-choice");
        RadioButton fashion = new RadioButton("Fashion-MNIST");
        fashion.setId("data-fashion-choice");
        folder.setToggleGroup(group);
        fashion.setToggleGroup(group);
        fashion.disableProperty().bind(data.fashionAvailableProperty().not());
        (source.get() == FOLDER ? folder : fashion).setSelected(true);
        group.selectedToggleProperty().addListener((o, was, now) -> {
            if (now != null) {
                source.set(now == fashion ? FASHION_MNIST : FOLDER);
            }
        });
        source.addListener((o, was, now) -> (now == FOLDER ? folder : fashion).setSelected(true));
        return new HBox(12, folder, fashion);
    }

    /**
     * A folder chooser for the data, starting from the typed folder when it is one (asked off the FX thread); a
     * chosen folder is typed in, then {@code chosen} runs.
     */
    public static void browse(DataSource data, Node owner, String title, Runnable chosen) {
        BackgroundTask.of(data.folderToBrowse()).onSuccess(start -> {
            DirectoryChooser chooser = new DirectoryChooser();
            chooser.setTitle(title);
            if (start != null) {
                chooser.setInitialDirectory(start.toFile());
            }
            File folder = chooser.showDialog(owner.getScene() == null ? null : owner.getScene().getWindow());
            if (folder != null) {
                data.folderProperty().set(folder.getPath());
                chosen.run();
            }
        }).runOn(FxThread.executor());
    }
}
