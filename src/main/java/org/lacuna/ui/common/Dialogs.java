package org.lacuna.ui.common;

import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
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

    /** Asks before something is lost; true when the user chose {@code confirm}. */
    public static boolean confirm(Window owner, String title, String message, String confirm) {
        ButtonType yes = new ButtonType(confirm, ButtonBar.ButtonData.OK_DONE);
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, message, yes, ButtonType.CANCEL);
        alert.initOwner(owner);
        alert.setTitle(title);
        alert.setHeaderText(title);
        return alert.showAndWait().filter(yes::equals).isPresent();
    }

    /** Information with a title and free content (a table, a note). */
    public static Alert info(Window owner, String title, javafx.scene.Node content) {
        Alert alert = new Alert(Alert.AlertType.INFORMATION);
        alert.initOwner(owner);
        alert.setTitle(title);
        alert.setHeaderText(title);
        alert.getDialogPane().setContent(content);
        alert.show();
        return alert;
    }
}
