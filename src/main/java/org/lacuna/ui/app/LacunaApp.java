package org.lacuna.ui.app;

import javafx.application.Application;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;

/** The desktop application's composition root. */
public final class LacunaApp extends Application {

    @Override
    public void start(Stage stage) {
        Label title = new Label("Lacuna");
        title.setStyle("-fx-font-size: 28px; -fx-font-weight: bold;");
        Label status = new Label("No model loaded");
        status.setId("model-status");
        status.setStyle("-fx-font-size: 16px;");
        VBox root = new VBox(12, title, status);
        root.setAlignment(Pos.CENTER);
        root.setPadding(new Insets(32));
        stage.setTitle("Lacuna");
        stage.setScene(new Scene(root, 640, 420));
        stage.show();
    }
}
