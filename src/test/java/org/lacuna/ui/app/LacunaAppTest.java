package org.lacuna.ui.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import javafx.scene.control.Label;
import javafx.stage.Stage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

@ExtendWith(ApplicationExtension.class)
class LacunaAppTest {

    @Start
    void start(Stage stage) {
        new LacunaApp().start(stage);
    }

    @Test
    void theWindowSaysNoModelIsLoaded(FxRobot robot) {
        Label status = robot.lookup("#model-status").queryAs(Label.class);
        assertEquals("No model loaded", status.getText());
        assertEquals("Lacuna", robot.window(0).getScene().getWindow() instanceof Stage s ? s.getTitle() : "");
    }
}
