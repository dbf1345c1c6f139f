package org.lacuna.ui.train;

import java.nio.file.Path;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

import org.lacuna.service.Failures;
import org.lacuna.service.ModelService;
import org.lacuna.ui.common.BackgroundTask;
import org.lacuna.ui.common.Numbers;

/** Hands a run's weights to the Inpaint workspace: a checkpoint, or a copy of the running training's EMA weights. */
final class Handoff {

    private final ModelService models;
    private final Executor fx;
    private final Runnable onSendToInpaint;
    private final Consumer<String> say;
    private final Consumer<String> problem;

    Handoff(ModelService models, Executor fx, Runnable onSendToInpaint, Consumer<String> say,
            Consumer<String> problem) {
        this.models = models;
        this.fx = fx;
        this.onSendToInpaint = onSendToInpaint;
        this.say = say;
        this.problem = problem;
    }

    /** Opens a checkpoint as the model to sample from, then hands over to the Inpaint workspace. */
    void sendToInpaint(Path checkpoint) {
        if (checkpoint == null) {
            return;
        }
        say.accept("Opening " + checkpoint.getFileName() + " for inpainting\u2026");
        BackgroundTask.of(models.openModel(checkpoint))
                .onSuccess(info -> {
                    say.accept("Inpainting with " + checkpoint.getParent().getParent().getFileName() + "/"
                            + checkpoint.getFileName() + " (step " + Numbers.count(info.step()) + ")");
                    onSendToInpaint.run();
                })
                .onFailure(e -> problem.accept("Cannot open " + checkpoint + ": " + Failures.message(e)))
                .runOn(fx);
    }

    /** Opens a copy of the running training's weights (taken between steps) for inpainting, then hands over. */
    void sendLiveToInpaint() {
        say.accept("Copying the training's weights for inpainting\u2026");
        BackgroundTask.of(models.openTrainingSnapshot())
                .onSuccess(info -> {
                    say.accept("Inpainting with a copy of the running training's weights");
                    onSendToInpaint.run();
                })
                .onFailure(e -> problem.accept("Cannot copy the training's weights: " + Failures.message(e)))
                .runOn(fx);
    }
}
