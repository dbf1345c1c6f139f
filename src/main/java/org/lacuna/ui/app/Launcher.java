package org.lacuna.ui.app;

import javafx.application.Application;

/**
 * A plain main for the JavaFX application (JavaFX on the class path refuses a main class that extends Application).
 * Arguments are files to open: model files (.lacuna, .npz) and a photo.
 */
public final class Launcher {

    private Launcher() {
    }

    public static void main(String[] args) {
        Application.launch(LacunaApp.class, args);
    }
}
