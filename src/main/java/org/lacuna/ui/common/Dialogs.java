package org.lacuna.ui.common;

import javafx.scene.control.Alert;
import javafx.scene.control.Label;
import javafx.stage.Window;

/** The app's message dialogs. */
public final class Dialogs {

    private Dialogs() {
    }

    /** An error with a title and a message that names the file and the reason; the current work is untouched. */
    public static Alert error(Window owner, String title, String message) {
        Alert alert = new Alert(Alert.AlertType.ERROR);
        alert.initOwner(owner);
        alert.setTitle(title);
        alert.setHeaderText(title);
        Label text = new Label(message);
        text.setWrapText(true);
        text.setId("error-message");
        alert.getDialogPane().setContent(text);
        alert.show();
        return alert;
    }
}
