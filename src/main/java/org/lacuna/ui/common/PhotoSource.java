package org.lacuna.ui.common;

import javafx.beans.property.ObjectProperty;
import javafx.beans.value.ObservableBooleanValue;
import javafx.scene.Node;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.HBox;

/** Where a screen's photos come from: an image folder or Fashion-MNIST (the Train and Evaluate forms). */
public enum PhotoSource {
    FOLDER, FASHION_MNIST;

    /**
     * The two radio buttons ({@code #data-folder-choice}, {@code #data-fashion-choice}) kept in step with
     * {@code source} both ways; Fashion-MNIST is disabled while {@code fashionAvailable} is false.
     */
    public static Node choice(ObjectProperty<PhotoSource> source, ObservableBooleanValue fashionAvailable) {
        ToggleGroup group = new ToggleGroup();
        RadioButton folder = new RadioButton("Folder of photos");
        folder.setId("data-folder-choice");
        RadioButton fashion = new RadioButton("Fashion-MNIST");
        fashion.setId("data-fashion-choice");
        folder.setToggleGroup(group);
        fashion.setToggleGroup(group);
        fashion.disableProperty().bind(javafx.beans.binding.Bindings.not(fashionAvailable));
        (source.get() == FOLDER ? folder : fashion).setSelected(true);
        group.selectedToggleProperty().addListener((o, was, now) -> {
            if (now != null) {
                source.set(now == fashion ? FASHION_MNIST : FOLDER);
            }
        });
        source.addListener((o, was, now) -> (now == FOLDER ? folder : fashion).setSelected(true));
        return new HBox(12, folder, fashion);
    }
}
