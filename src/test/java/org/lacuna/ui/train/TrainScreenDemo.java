package org.lacuna.ui.train;

import java.nio.file.Path;
import java.util.List;

import javafx.animation.PauseTransition;
import javafx.application.Application;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javafx.util.Duration;

import org.lacuna.ui.common.PhotoSource;
import org.lacuna.config.Presets;
import org.lacuna.service.ModelService;
import org.lacuna.service.ServiceExecutors;
import org.lacuna.service.TrainingService;

/**
 * The Train workspace in a window of its own, for screenshots: {@code -Ddemo.runs=DIR} (runs folder),
 * {@code -Ddemo.fashion=true} starts a fashion32 run on Fashion-MNIST by itself.
 */
public final class TrainScreenDemo extends Application {

    @Override
    public void start(Stage stage) {
        ModelService models = new ModelService(ServiceExecutors.background());
        TrainingService training = new TrainingService(models,
                Path.of(System.getProperty("demo.runs", "/tmp/lacuna-demo-runs")),
                List.of(Presets.COCO64, Presets.FASHION32));
        TrainScreen screen = new TrainScreen(models, training, () -> System.out.println("sent to Inpaint"));
        stage.setScene(new Scene((Parent) screen.view(), 1400, 900));
        stage.setTitle("Lacuna \u2013 Train");
        stage.setOnCloseRequest(e -> {
            if (!screen.confirmClose(stage)) {
                e.consume();
            }
        });
        stage.show();
        if (Boolean.getBoolean("demo.fashion")) {
            RunForm form = screen.viewModel().form();
            form.data().sourceProperty().set(PhotoSource.FASHION_MNIST);
            form.batchProperty().set(System.getProperty("demo.batch", "32"));
            form.learningRateProperty().set("1e-3");
            form.stepsProperty().set("20000");
            form.klWarmupProperty().set("400");
            form.checkpointEveryProperty().set("200");
            form.validateEveryProperty().set(System.getProperty("demo.every", "40"));
            startWhenReady(screen);
        }
    }

    private static void startWhenReady(TrainScreen screen) {
        PauseTransition later = new PauseTransition(Duration.millis(300));
        later.setOnFinished(e -> {
            if (screen.viewModel().control().canStartProperty().get()) {
                screen.viewModel().control().start();
            } else {
                startWhenReady(screen);
            }
        });
        later.play();
    }

    /** A plain main (JavaFX on the class path refuses a main class that extends Application). */
    public static final class Main {
        public static void main(String[] args) {
            Application.launch(TrainScreenDemo.class, args);
        }
    }
}
