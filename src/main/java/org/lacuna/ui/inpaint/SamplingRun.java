package org.lacuna.ui.inpaint;

import java.util.concurrent.Executor;

import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

import org.lacuna.config.SampleConfig;
import org.lacuna.service.Failures;
import org.lacuna.service.ModelInfo;
import org.lacuna.service.ModelService;
import org.lacuna.service.Picture;
import org.lacuna.service.PixelRect;
import org.lacuna.service.SampleResult;
import org.lacuna.service.SamplingJob;
import org.lacuna.service.WindowRect;
import org.lacuna.ui.common.BackgroundTask;
import org.lacuna.ui.common.Problem;

/**
 * Sampling the tree of completions the settings describe for the open photo's window: whether it can start, the
 * running job with its progress and cancel, and the result (which belongs to the photo and model it was drawn for).
 */
public final class SamplingRun {

    private final InpaintViewModel vm;
    private final ModelService service;
    private final Executor ui;
    private final ReadOnlyBooleanWrapper sampling = new ReadOnlyBooleanWrapper(this, "sampling");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress");
    private final ReadOnlyObjectWrapper<Sampled> result = new ReadOnlyObjectWrapper<>(this, "result");
    private final BooleanBinding canSample;
    private SamplingJob job;

    SamplingRun(InpaintViewModel vm, ModelService service, Executor ui) {
        this.vm = vm;
        this.service = service;
        this.ui = ui;
        canSample = vm.modelProperty().isNotNull().and(vm.photoProperty().isNotNull()).and(sampling.not())
                .and(vm.settings().validProperty());
    }

    /** Samples the tree the settings describe for the current window; does nothing when it cannot. */
    public void sample() {
        if (!canSample.get()) {
            return;
        }
        SampleConfig request = vm.settings().request();
        Picture p = vm.photoProperty().get();
        WindowRect w = vm.windowProperty().get();
        PixelRect h = vm.holeProperty().get();
        Picture holeBefore = p.crop(h);
        Picture document = vm.originalProperty().get();
        ModelInfo drawnBy = vm.modelProperty().get();
        int total = request.leaves();
        sampling.set(true);
        progress.set(0);
        vm.say("Sampling " + (total == 1 ? "1 completion" : total + " completions") + "…");
        SamplingJob started = service.sample(p, w, request,
                done -> ui.execute(() -> progress.set(done / (double) total)));
        job = started;
        BackgroundTask.of(started.result()).onFinally(() -> {
            if (job == started) {
                job = null;
            }
            sampling.set(false);
            progress.set(0);
        }).onSuccess(r -> {
            if (vm.originalProperty().get() != document || vm.modelProperty().get() != drawnBy) {
                // another photo or model arrived meanwhile: these completions belong to neither
                vm.say("Sampling finished for a photo or model that is no longer open");
                return;
            }
            result.set(new Sampled(r, w, h, holeBefore, ResultTree.of(r)));
            vm.edits().deselect();
            int n = r.completions().size();
            vm.say((n == 1 ? "1 completion" : n + " completions") + " in "
                    + String.format("%.1f s", r.millis() / 1000.0) + " (seed " + request.seed() + ")");
        }).onCancel(() -> vm.say("Sampling cancelled")).onFailure(e -> {
            vm.say("Sampling failed");
            vm.problem(new Problem("Sampling failed", Failures.message(e)));
        }).runOn(ui);
    }

    /**
     * Adds OpenCV's FSR best fill of the shown result's window to its classical fills: the strongest classical fill,
     * 2-4 s a window, so it is made on demand, in the background. Does nothing without a result or when it is there.
     */
    public void fillSlowly() {
        Sampled s = result.get();
        if (s == null || s.result().baselines().containsKey(ModelService.SLOW_FILL)) {
            return;
        }
        vm.say(ModelService.SLOW_FILL + ": filling the window (2-4 s)…");
        BackgroundTask.of(service.slowFill(s.result().window())).onSuccess(picture -> {
            if (result.get() != s) {
                return; // a new result or photo arrived meanwhile
            }
            SampleResult r = s.result();
            java.util.Map<String, Picture> fills = new java.util.LinkedHashMap<>(r.baselines());
            fills.put(ModelService.SLOW_FILL, picture);
            result.set(new Sampled(new SampleResult(r.request(), r.window(), r.completions(), fills, r.millis()),
                    s.window(), s.hole(), s.holeBefore(), s.tree()));
            vm.say(ModelService.SLOW_FILL + " added to the classical fills");
        }).onFailure(e -> {
            vm.say(ModelService.SLOW_FILL + " failed");
            vm.problem(new Problem(ModelService.SLOW_FILL + " failed", Failures.message(e)));
        }).runOn(ui);
    }

    /** Cancels a running sampling (it stops within one chunk of completions). */
    public void cancel() {
        SamplingJob running = job;
        if (running != null) {
            running.cancel();
        }
    }

    /** The shown result belongs to a photo or model no longer open. */
    void clear() {
        result.set(null);
    }

    public ReadOnlyBooleanProperty samplingProperty() {
        return sampling.getReadOnlyProperty();
    }

    /** The running sampling's progress, 0..1. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Sampled> resultProperty() {
        return result.getReadOnlyProperty();
    }

    public BooleanBinding canSampleProperty() {
        return canSample;
    }
}
