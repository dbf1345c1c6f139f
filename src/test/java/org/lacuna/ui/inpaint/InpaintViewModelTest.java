package org.lacuna.ui.inpaint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lacuna.service.ModelService;
import org.lacuna.service.Picture;
import org.lacuna.service.PixelRect;
import org.lacuna.service.ServiceExecutors;
import org.lacuna.service.WindowRect;
import org.lacuna.ui.common.Problem;

/** The Inpaint workspace's view model, without starting JavaFX: the service and the "UI thread" run inline. */
class InpaintViewModelTest {

    @TempDir
    Path dir;

    private ModelService service;
    private InpaintViewModel vm;
    private final List<Problem> problems = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        service = new ModelService(ServiceExecutors.sameThread());
        vm = new InpaintViewModel(service, Runnable::run, 1);
        vm.setOnProblem(problems::add);
        vm.modelProperty().set(service.openModel(TestModels.small(dir)).get());
        vm.photos().openPhoto(TestModels.photo(dir.resolve("photo.png"), 60, 40)).get();
    }

    @Test
    void openingAPhotoCentresAWindowOfTheModelsSizeAndItsHole() {
        assertEquals(60, vm.photoProperty().get().width());
        assertEquals("photo.png", vm.photoNameProperty().get());
        // a tenth of the short side would be 4 pixels: the model's own 16 is the floor
        assertEquals(new WindowRect(22, 12, 16), vm.windowProperty().get());
        assertEquals(new PixelRect(26, 16, 8, 8), vm.holeProperty().get());
        assertEquals("window 16×16 px · 1 model pixel = 1.0 photo pixels", vm.scaleProperty().get());
        vm.setWindow(new WindowRect(10, 0, 40));
        assertEquals("window 40×40 px · 1 model pixel = 2.5 photo pixels", vm.scaleProperty().get());
        assertEquals(new PixelRect(20, 10, 20, 20), vm.holeProperty().get());
        assertEquals(List.of("z3", "z2", "z1"), vm.settings().levels().stream().map(SamplingSettings.Level::name).toList());
        assertTrue(vm.sampling().canSampleProperty().get());
        assertFalse(vm.edits().modifiedProperty().get());
    }

    @Test
    void photosOpenedTogetherAreAStepApartAndWrapRound() throws Exception {
        Path a = TestModels.photo(dir.resolve("a.png"), 40, 40);
        Path b = TestModels.photo(dir.resolve("b.png"), 50, 40);
        Path c = TestModels.photo(dir.resolve("c.png"), 60, 40);
        vm.photos().openPhotos(List.of(a, b, c)).get();
        assertEquals("a.png", vm.photoNameProperty().get());
        assertTrue(vm.photos().severalPhotosProperty().get());
        assertTrue(vm.messageProperty().get().endsWith("(photo 1 of 3)"), vm.messageProperty().get());
        vm.photos().nextPhoto().get();
        assertEquals("b.png", vm.photoNameProperty().get());
        assertEquals(50, vm.photoProperty().get().width());
        vm.photos().previousPhoto().get();
        vm.photos().previousPhoto().get();
        assertEquals("c.png", vm.photoNameProperty().get());
        assertTrue(vm.messageProperty().get().endsWith("(photo 3 of 3)"), vm.messageProperty().get());
        // a single photo leaves nowhere to step
        vm.photos().openPhoto(a).get();
        assertFalse(vm.photos().severalPhotosProperty().get());
        vm.photos().nextPhoto().get();
        assertEquals("a.png", vm.photoNameProperty().get());
    }

    @Test
    void aMissingPhotoAmongSeveralIsReportedByNameAndTheOthersStayReachable() throws Exception {
        Path a = TestModels.photo(dir.resolve("a.png"), 40, 40);
        Path missing = dir.resolve("gone.jpg");
        vm.photos().openPhotos(List.of(missing, a)).get();
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).message().contains("gone.jpg"), problems.get(0).message());
        assertEquals("photo.png", vm.photoNameProperty().get());
        vm.photos().nextPhoto().get();
        assertEquals("a.png", vm.photoNameProperty().get());
    }

    @Test
    void aDemoPhotoOpensWithItsCreditInTheMessage() throws Exception {
        org.lacuna.service.DemoPhotos.Demo demo = org.lacuna.service.DemoPhotos.all().get(0);
        vm.openDemo(demo).get();
        assertEquals(demo.file(), vm.photoNameProperty().get());
        assertTrue(vm.messageProperty().get().contains(demo.author()), vm.messageProperty().get());
        assertTrue(vm.photoProperty().get().width() >= 1000);
        assertFalse(vm.photos().severalPhotosProperty().get());
    }

    @Test
    void samplingTwoOneTwoGivesFourCompletionsUnderTwoParents() {
        vm.settings().setBranching(2, 1, 2);
        assertEquals("4 completions will be drawn", vm.settings().summaryProperty().get());
        vm.sampling().sample();
        assertFalse(vm.sampling().samplingProperty().get());
        ResultTree tree = vm.sampling().resultProperty().get().tree();
        assertEquals(4, tree.size());
        assertEquals(List.of("z3 #1", "z3 #2"), tree.branches().stream().map(ResultTree.Branch::header).toList());
        ResultTree.Group second = tree.branches().get(1).groups().get(0);
        assertEquals("z3 #2 › z2 #1", second.header());
        assertEquals(List.of("z1 #1", "z1 #2"), second.leaves().stream().map(ResultTree.Leaf::label).toList());
        assertEquals("z3 #2 › z2 #1 › z1 #2", second.leaves().get(1).path());
        assertEquals(3, second.leaves().get(1).index());
        // mean fill, Telea, Navier-Stokes, FSR fast; FSR best only on demand
        assertEquals(4, vm.sampling().resultProperty().get().result().baselines().size());
        assertFalse(vm.sampling().resultProperty().get().result().baselines().containsKey(
                org.lacuna.service.ModelService.SLOW_FILL));
        vm.sampling().fillSlowly();
        var fills = vm.sampling().resultProperty().get().result().baselines();
        assertEquals(5, fills.size());
        assertEquals(org.lacuna.service.ModelService.SLOW_FILL, List.copyOf(fills.keySet()).get(4));
        assertEquals(4, vm.sampling().resultProperty().get().tree().size());
    }

    @Test
    void selectAndPasteChangesExactlyTheHolesPixelsAndUndoRestoresThem() {
        Picture before = vm.photoProperty().get();
        vm.settings().setBranching(2, 1, 2);
        vm.sampling().sample();
        PixelRect hole = vm.holeProperty().get();
        vm.edits().select(InpaintViewModel.COMPLETION + 3);
        Picture after = vm.photoProperty().get();
        assertEquals(InpaintViewModel.COMPLETION + 3, vm.edits().selectedProperty().get());
        assertEquals(service.paste(before, vm.windowProperty().get(),
                vm.sampling().resultProperty().get().result().completions().get(3).image()), after);
        int changed = 0;
        for (int y = 0; y < before.height(); y++) {
            for (int x = 0; x < before.width(); x++) {
                if (before.pixel(x, y) != after.pixel(x, y)) {
                    assertTrue(hole.contains(x, y), "changed outside the hole at " + x + "," + y);
                    changed++;
                }
            }
        }
        assertTrue(changed > hole.width() * hole.height() / 2, changed + " pixels changed");
        assertTrue(vm.edits().modifiedProperty().get());

        // another completion replaces the first; its edge blends with the photo as it was, not with the first paste
        vm.edits().select(InpaintViewModel.COMPLETION + 0);
        assertEquals(service.paste(before, vm.windowProperty().get(),
                vm.sampling().resultProperty().get().result().completions().get(0).image()), vm.photoProperty().get());

        assertTrue(vm.edits().undo());
        assertEquals(after, vm.photoProperty().get());
        assertEquals(InpaintViewModel.COMPLETION + 3, vm.edits().selectedProperty().get());
        assertTrue(vm.edits().undo());
        assertEquals(before, vm.photoProperty().get());
        assertNull(vm.edits().selectedProperty().get());
        assertFalse(vm.edits().undo());
        assertTrue(vm.edits().redo());
        assertEquals(after, vm.photoProperty().get());
    }

    @Test
    void aBaselineCanBePastedToo() {
        vm.sampling().sample();
        Picture before = vm.photoProperty().get();
        vm.edits().select(InpaintViewModel.BASELINE + "OpenCV Telea");
        assertNotEquals(before, vm.photoProperty().get());
        vm.edits().select(InpaintViewModel.BASELINE + "no such fill");
        assertEquals(1, countUndos());
    }

    private int countUndos() {
        int n = 0;
        while (vm.edits().undo()) {
            n++;
        }
        return n;
    }

    @Test
    void aCorruptFileIsReportedByNameAndTheWorkStays() throws Exception {
        vm.sampling().sample();
        vm.edits().select(InpaintViewModel.COMPLETION + 1);
        Picture edited = vm.photoProperty().get();
        Path corrupt = dir.resolve("broken.png");
        Files.write(corrupt, new byte[]{(byte) 0x89, 'P', 'N', 'G', 1, 2, 3});
        vm.photos().openPhoto(corrupt).get();
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).message().contains("broken.png"), problems.get(0).message());
        assertSame(edited, vm.photoProperty().get());
        assertEquals("photo.png", vm.photoNameProperty().get());
        assertTrue(vm.edits().history().canUndoProperty().get());
        assertTrue(vm.sampling().resultProperty().get() != null);
    }

    @Test
    void savingClearsTheModifiedMarkAndAFailedSaveNamesTheFile() throws Exception {
        vm.sampling().sample();
        vm.edits().select(InpaintViewModel.COMPLETION + 0);
        Path out = dir.resolve("out.png");
        vm.edits().save(out).get();
        assertFalse(vm.edits().modifiedProperty().get());
        assertEquals(vm.photoProperty().get(), service.openImage(out).get());
        vm.edits().undo();
        assertFalse(vm.edits().modifiedProperty().get(), "no paste is left to lose (issue 24)");
        vm.edits().save(dir.resolve("out.gif")).get();
        assertTrue(problems.get(0).message().contains("out.gif"), problems.get(0).message());
    }

    @Test
    void theWindowStaysInsideThePhotoAndANewModelClearsTheResult() throws Exception {
        vm.setWindow(new WindowRect(50, 30, 100));
        assertEquals(new WindowRect(20, 0, 40), vm.windowProperty().get());
        vm.sampling().sample();
        assertTrue(vm.sampling().resultProperty().get() != null);
        vm.modelProperty().set(service.openModel(TestModels.small(dir)).get());
        assertNull(vm.sampling().resultProperty().get());
        vm.modelProperty().set(null);
        assertFalse(vm.sampling().canSampleProperty().get());
        assertNull(vm.holeProperty().get());
        assertEquals("Load a model to sample", vm.settings().summaryProperty().get());
    }

    @Test
    void completionsThatArriveAfterAnotherPhotoOrModelAreDropped() throws Exception {
        java.util.ArrayDeque<Runnable> later = new java.util.ArrayDeque<>();
        ModelService slow = new ModelService(new ServiceExecutors(later::add, Runnable::run, Runnable::run));
        InpaintViewModel v = new InpaintViewModel(slow, Runnable::run, 2);
        v.modelProperty().set(slow.openModel(TestModels.small(dir)).get());
        v.photos().openPhoto(TestModels.photo(dir.resolve("a.png"), 30, 30)).get();
        v.sampling().sample();
        assertTrue(v.sampling().samplingProperty().get());
        v.photos().openPhoto(TestModels.photo(dir.resolve("b.png"), 40, 30)).get();
        later.poll().run();
        assertFalse(v.sampling().samplingProperty().get());
        assertNull(v.sampling().resultProperty().get());
        assertEquals("b.png", v.photoNameProperty().get());

        // a model loaded while sampling does not cancel it; its result is dropped when it arrives
        v.sampling().sample();
        v.modelProperty().set(slow.openModel(TestModels.small(dir)).get());
        later.poll().run();
        assertNull(v.sampling().resultProperty().get());
        assertTrue(v.messageProperty().get().contains("no longer open"), v.messageProperty().get());
    }
}
