package org.lacuna.ui.inpaint;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lacuna.service.ModelService;
import org.lacuna.service.ServiceExecutors;

/** Issue 24: what the Inpaint workspace says after undo, save and a single completion. */
class InpaintStatusTest {

    @TempDir
    Path dir;

    private InpaintViewModel vm;

    @BeforeEach
    void setUp() throws Exception {
        ModelService service = new ModelService(ServiceExecutors.sameThread());
        vm = new InpaintViewModel(service, Runnable::run, 1);
        vm.modelProperty().set(service.openModel(TestModels.small(dir)).get());
        vm.photos().openPhoto(TestModels.photo(dir.resolve("photo.png"), 60, 40)).get();
    }

    @Test
    void oneCompletionIsSingularAndUndoNoLongerOffersToUndo() throws Exception {
        vm.settings().setBranching(1, 1, 1);
        vm.sampling().sample();
        String sampled = vm.messageProperty().get();
        assertTrue(sampled.startsWith("1 completion in "), sampled);
        vm.edits().select("completion:0").get();
        assertTrue(vm.messageProperty().get().contains("Ctrl+Z to undo"), vm.messageProperty().get());
        assertTrue(vm.edits().undo());
        assertFalse(vm.messageProperty().get().startsWith("Pasted"), vm.messageProperty().get());
        assertTrue(vm.messageProperty().get().startsWith("Undone"), vm.messageProperty().get());
        assertTrue(vm.edits().redo());
        assertTrue(vm.messageProperty().get().startsWith("Redone"), vm.messageProperty().get());
    }

    @Test
    void afterSaveThenUndoingEveryPasteNothingIsUnsaved() throws Exception {
        vm.settings().setBranching(1, 1, 2);
        vm.sampling().sample();
        vm.edits().select("completion:0").get();
        assertTrue(vm.edits().modifiedProperty().get());
        assertTrue(vm.edits().unsavedText().contains("pastes that were not saved"), vm.edits().unsavedText());
        vm.edits().save(dir.resolve("saved.png")).get();
        assertFalse(vm.edits().modifiedProperty().get());
        vm.edits().undo();
        assertFalse(vm.edits().modifiedProperty().get(), "no paste is left to lose");
        vm.edits().redo();
        vm.edits().select("completion:1").get();
        assertTrue(vm.edits().modifiedProperty().get());
        assertTrue(vm.edits().unsavedText().contains("has changed since it was saved"), vm.edits().unsavedText());
    }

    @Test
    void whileTheModelLoadsThePanelSaysSo() {
        vm.modelLoadingProperty().set(true);
        assertTrue(vm.noModelTextProperty().get().startsWith("Loading the model"), vm.noModelTextProperty().get());
        vm.modelLoadingProperty().set(false);
        assertTrue(vm.noModelTextProperty().get().equals("No model loaded"));
    }
}
