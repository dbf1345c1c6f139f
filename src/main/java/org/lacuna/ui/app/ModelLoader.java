package org.lacuna.ui.app;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import org.lacuna.config.ModelConfig;
import org.lacuna.service.Failures;
import org.lacuna.service.ModelInfo;
import org.lacuna.service.ModelService;
import org.lacuna.service.ServiceStatus;
import org.lacuna.ui.common.BackgroundTask;
import org.lacuna.ui.common.Problem;

/**
 * Which model the app samples from, and the status bar's words for it and for the service. Loads models through the
 * service in the background; continuations run on {@code ui}. Needs no running JavaFX.
 */
public final class ModelLoader {

    public static final String NO_MODEL = "No model loaded — open one with File › Open Model…";

    private final ModelService service;
    private final Executor ui;
    private final ReadOnlyObjectWrapper<ModelInfo> model = new ReadOnlyObjectWrapper<>(this, "model");
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(this, "loading");
    private final ReadOnlyStringWrapper description = new ReadOnlyStringWrapper(this, "description", NO_MODEL);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", describe(ServiceStatus.IDLE));
    private Consumer<Problem> onProblem = p -> { };

    public ModelLoader(ModelService service, Executor ui) {
        this.service = service;
        this.ui = ui;
        service.addStatusListener(s -> ui.execute(() -> status.set(describe(s))));
        status.set(describe(service.status()));
        service.model().ifPresent(this::use);
    }

    /** Loads the model shipped inside the application; without one, says how to open one. */
    public CompletableFuture<Void> openShipped() {
        return load("Loading the shipped model…", service.openShippedModel().thenApply(o -> o.orElse(null)),
                "Cannot load the shipped model");
    }

    /** Opens a .lacuna model file (a training checkpoint included). */
    public CompletableFuture<Void> open(Path file) {
        return load("Loading " + file.getFileName() + "…", service.openModel(file), "Cannot open the model");
    }

    /** Opens a NumPy .npz of weights into a model of the given configuration (a preset and its conditioning). */
    public CompletableFuture<Void> openNpz(Path file, ModelConfig config) {
        return load("Loading " + file.getFileName() + " as " + config.name() + "…", service.openNpz(file, config),
                "Cannot open the weights");
    }

    private CompletableFuture<Void> load(String what, CompletableFuture<ModelInfo> loading, String failure) {
        ModelInfo before = model.get();
        this.loading.set(true);
        description.set(what);
        return BackgroundTask.of(loading).onFinally(() -> this.loading.set(false)).onSuccess(info -> {
            if (info != null) {
                use(info);
            } else {
                description.set(before == null ? NO_MODEL : describe(before));
            }
        }).onFailure(e -> {
            description.set(before == null ? NO_MODEL : describe(before));
            onProblem.accept(new Problem(failure, Failures.message(e)));
        }).runOn(ui);
    }

    /** Shows the service's current model, after something else (the Train screen) opened one. */
    public void refresh() {
        service.model().ifPresent(this::use);
    }

    private void use(ModelInfo info) {
        model.set(info);
        description.set(describe(info));
    }

    /** "coco64.lacuna · coco64 · step 120,000 · 2,591,430 parameters". */
    public static String describe(ModelInfo info) {
        String name = info.config().name();
        return "Model: " + info.label() + (info.label().contains(name) ? "" : " (" + name + ")") + "  ·  step "
                + String.format(Locale.ROOT, "%,d", info.step()) + "  ·  "
                + String.format(Locale.ROOT, "%,d", info.parameters()) + " parameters";
    }

    /** The service's status in words. */
    public static String describe(ServiceStatus s) {
        String training = switch (s.training()) {
            case IDLE -> "";
            case TRAINING -> "Training";
            case PAUSED -> "Training paused";
            case STOPPING -> "Stopping training";
        };
        if (s.sampling()) {
            return training.isEmpty() ? "Sampling" : training + " · sampling";
        }
        return training.isEmpty() ? "Idle" : training;
    }

    public void setOnProblem(Consumer<Problem> handler) {
        this.onProblem = handler;
    }

    public ReadOnlyObjectProperty<ModelInfo> modelProperty() {
        return model.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    /** The loaded model in words, or how to load one. */
    public ReadOnlyStringProperty descriptionProperty() {
        return description.getReadOnlyProperty();
    }

    /** The service's status in words ("Idle", "Sampling", "Training", ...). */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }
}
