package org.lacuna.service;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lacuna.config.SampleConfig;
import org.lacuna.data.SyntheticImages;
import org.lacuna.model.Hvae;
import org.lacuna.model.ModelFiles;
import org.lacuna.model.TinyConfigs;

class ModelServiceTest {

    @TempDir
    Path dir;

    private Path modelFile() throws Exception {
        Path file = dir.resolve("small.lacuna");
        ModelFiles.save(Hvae.create(TinyConfigs.small(), 3), 12, file);
        return file;
    }

    private static Picture photo() {
        return Pictures.of(SyntheticImages.photo(40, 30, 3, 5));
    }

    @Test
    void opensAModelAndSamplesATreeWithBaselines() throws Exception {
        ModelService service = new ModelService(ServiceExecutors.sameThread());
        ModelInfo info = service.openModel(modelFile()).get();
        assertEquals(12, info.step());
        assertEquals("small.lacuna", info.label());
        SampleResult result = service.sample(photo(), new WindowRect(5, 2, 24), SampleConfig.of(3, 2, 1, 2), n -> { })
                .result().get();
        assertEquals(4, result.completions().size());
        assertArrayEquals(new int[]{1, 0, 1}, result.completions().get(3).path());
        assertEquals(16, result.window().width());
        assertEquals(List.of("mean fill", "OpenCV Telea", "OpenCV Navier-Stokes", "OpenCV FSR fast"),
                List.copyOf(result.baselines().keySet()));
        // FSR best (seconds a window) on demand: the hole filled, the border kept
        Picture slow = service.slowFill(result.window()).get();
        assertEquals(16, slow.width());
        assertEquals(result.window().crop(new org.lacuna.service.PixelRect(0, 0, 16, 4)),
                slow.crop(new org.lacuna.service.PixelRect(0, 0, 16, 4)));
        assertNotEquals(result.window(), slow);
        assertTrue(service.status().isIdle());
    }

    @Test
    void aReplacedModelsSamplingPlansAreFreedAtOnce() throws Exception {
        ModelService service = new ModelService(ServiceExecutors.sameThread());
        service.openModel(modelFile()).get();
        org.lacuna.model.Hvae first = org.lacuna.model.ModelFiles.load(modelFile());
        service.useModel(new ModelInfo("first", null, first.config(), first.parameterCount(), 1), first);
        service.sample(photo(), new WindowRect(5, 2, 24), SampleConfig.of(3, 2, 1, 2), n -> { }).result().get();
        assertTrue(first.holdsSamplingPlans(), "sampling made the direct path's plans");

        org.lacuna.model.Hvae second = org.lacuna.model.ModelFiles.load(modelFile());
        service.useModel(new ModelInfo("second", null, second.config(), second.parameterCount(), 1), second);
        assertFalse(first.holdsSamplingPlans(), "the replaced model's plans are freed, not left to the collector");
        service.sample(photo(), new WindowRect(5, 2, 24), SampleConfig.of(3, 2, 1, 2), n -> { }).result().get();
        assertTrue(second.holdsSamplingPlans());
    }

    @Test
    void withoutAModelOrWithAWindowOutsideThePhotoSamplingFailsClearly() throws Exception {
        ModelService service = new ModelService(ServiceExecutors.sameThread());
        ExecutionException none = assertThrows(ExecutionException.class,
                () -> service.sample(photo(), new WindowRect(0, 0, 20), SampleConfig.of(1, 1, 1, 1), n -> { }).result().get());
        assertTrue(none.getCause().getMessage().contains("no model"));
        service.openModel(modelFile()).get();
        ExecutionException outside = assertThrows(ExecutionException.class,
                () -> service.sample(photo(), new WindowRect(30, 0, 20), SampleConfig.of(1, 1, 1, 1), n -> { }).result().get());
        assertTrue(outside.getCause().getMessage().contains("not inside"));
    }

    @Test
    void aSecondSampleWhileOneRunsIsRefusedAndCancelStopsIt() throws Exception {
        ArrayDeque<Runnable> queued = new ArrayDeque<>();
        Executor later = queued::add;
        ServiceExecutors executors = new ServiceExecutors(later, Runnable::run, Runnable::run);
        ModelService service = new ModelService(executors);
        service.openModel(modelFile()).get();
        SamplingJob first = service.sample(photo(), new WindowRect(0, 0, 30), SampleConfig.of(1, 2, 2, 2), n -> { });
        assertTrue(service.status().sampling());
        SamplingJob second = service.sample(photo(), new WindowRect(0, 0, 30), SampleConfig.of(1, 2, 2, 2), n -> { });
        ExecutionException refused = assertThrows(ExecutionException.class, () -> second.result().get());
        assertInstanceOf(IllegalStateException.class, refused.getCause());
        first.cancel();
        queued.poll().run();
        assertThrows(CancellationException.class, () -> first.result().get());
        assertTrue(first.result().isCompletedExceptionally());
        assertTrue(service.status().isIdle());
    }

    @Test
    void opensAnNpzOfTheDesignsWeightsIntoAModelOfAGivenConfig() throws Exception {
        Hvae source = Hvae.create(TinyConfigs.small(), 8);
        Path npz = dir.resolve("w.npz");
        ModelFiles.exportNpz(source, npz);
        ModelService service = new ModelService(ServiceExecutors.sameThread());
        ModelInfo info = service.openNpz(npz, TinyConfigs.small()).get();
        assertEquals("w.npz", info.label());
        SampleResult a = service.sample(photo(), new WindowRect(0, 0, 30), SampleConfig.of(4, 1, 1, 2), n -> { })
                .result().get();
        ModelFiles.save(source, 0, dir.resolve("same.lacuna"));
        service.openModel(dir.resolve("same.lacuna")).get();
        SampleResult b = service.sample(photo(), new WindowRect(0, 0, 30), SampleConfig.of(4, 1, 1, 2), n -> { })
                .result().get();
        assertEquals(a.completions().get(1).image(), b.completions().get(1).image());
        ExecutionException wrong = assertThrows(ExecutionException.class,
                () -> service.openNpz(npz, org.lacuna.config.Presets.FASHION32).get());
        assertTrue(wrong.getCause().getMessage().contains("missing"), wrong.getCause().getMessage());
        assertEquals("same.lacuna", service.model().orElseThrow().label(), "a failed open keeps the current model");
    }

    @Test
    void theShippedModelOpensFromTheClassPathWithoutATemporaryFile() throws Exception {
        Path temp = Path.of(System.getProperty("java.io.tmpdir"));
        java.util.function.Supplier<Long> copies = () -> {
            try (var files = java.nio.file.Files.list(temp)) {
                return files.filter(f -> f.getFileName().toString().startsWith("lacuna-shipped")).count();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        };
        long before = copies.get();
        ModelService service = new ModelService(ServiceExecutors.sameThread());
        ModelInfo info = service.openShippedModel().get().orElseThrow();
        assertEquals(before, copies.get(), "no copy of the shipped model in the temporary folder");
        assertEquals("shipped coco64", info.label());
        assertEquals(Hvae.create(info.config(), 0).parameterCount(), info.parameters());
        try (var in = ModelService.class.getResourceAsStream(ModelService.SHIPPED_MODEL)) {
            assertEquals(org.lacuna.store.ModelFile.read(in, ModelService.SHIPPED_MODEL).header().step(), info.step());
        }
        assertEquals(info, service.model().orElseThrow());
    }

    @Test
    void aCorruptModelFileFailsWithItsName() throws Exception {
        ModelService service = new ModelService(ServiceExecutors.sameThread());
        Path bad = dir.resolve("bad.lacuna");
        java.nio.file.Files.writeString(bad, "nope");
        ExecutionException e = assertThrows(ExecutionException.class, () -> service.openModel(bad).get());
        assertTrue(e.getCause().getMessage().contains("bad.lacuna"), e.getCause().getMessage());
        assertTrue(service.model().isEmpty());
    }
}
