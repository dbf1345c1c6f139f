package org.lacuna.ui.app;

import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableBooleanValue;
import javafx.scene.Scene;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;

import org.lacuna.service.DemoPhotos;
import org.lacuna.ui.common.Command;
import org.lacuna.ui.common.EditHistory;
import org.lacuna.ui.inpaint.InpaintView;
import org.lacuna.ui.inpaint.InpaintViewModel;

/** The menu bar (File, Edit, Help) and the shortcuts that have no menu item. Shortcuts.ALL lists them all. */
final class AppMenus {

    /** What the menus do besides the Inpaint workspace's own actions. */
    interface Actions {
        void openModel();

        /** Makes the model shipped with the app Inpaint's model again. */
        void useShippedModel();

        void showShortcuts();

        void showAbout();

        void quit();

        /** Whether the Inpaint tab is showing (its shortcuts act only then). */
        boolean inpaintShowing();
    }

    private AppMenus() {
    }

    static MenuBar create(InpaintView inpaint, Actions actions) {
        InpaintViewModel vm = inpaint.viewModel();
        ObservableBooleanValue noPhoto = vm.photoProperty().isNull();

        MenuItem openPhoto = item("Open Photo…", "Shortcut+O", "menu-open-photo", inpaint::openPhotoDialog);
        Menu demos = new Menu("Open Demo Photo");
        demos.setId("menu-demo");
        for (DemoPhotos.Demo demo : DemoPhotos.all()) {
            demos.getItems().add(item(demo.title(), null, "menu-demo-" + stem(demo.file()), () -> inpaint.openDemo(demo)));
        }
        demos.setDisable(demos.getItems().isEmpty());
        MenuItem next = item("Next Photo", null, "menu-next-photo", inpaint::nextPhoto);
        next.setAccelerator(new KeyCodeCombination(KeyCode.RIGHT, KeyCombination.SHORTCUT_DOWN));
        next.disableProperty().bind(vm.photos().severalPhotosProperty().not());
        MenuItem previous = item("Previous Photo", null, "menu-previous-photo", inpaint::previousPhoto);
        previous.setAccelerator(new KeyCodeCombination(KeyCode.LEFT, KeyCombination.SHORTCUT_DOWN));
        previous.disableProperty().bind(vm.photos().severalPhotosProperty().not());
        MenuItem openModel = item("Open Model…", "Shortcut+Shift+O", "menu-open-model", actions::openModel);
        MenuItem shipped = item("Use the Shipped Model", null, "menu-shipped-model", actions::useShippedModel);
        shipped.setDisable(!org.lacuna.service.ModelService.hasShippedModel());
        MenuItem saveAs = item("Save Photo As…", "Shortcut+Shift+S", "menu-save-as", inpaint::saveAsDialog);
        saveAs.disableProperty().bind(noPhoto);
        MenuItem quit = item("Quit", "Shortcut+Q", "menu-quit", actions::quit);
        Menu file = new Menu("File", null, openPhoto, demos, next, previous, new SeparatorMenuItem(), openModel, shipped,
                new SeparatorMenuItem(), saveAs,
                new SeparatorMenuItem(), quit);
        file.setId("menu-file");

        EditHistory history = vm.edits().history();
        MenuItem undo = item("Undo", "Shortcut+Z", "menu-undo", vm.edits()::undo);
        undo.disableProperty().bind(history.canUndoProperty().not());
        undo.textProperty().bind(Bindings.createStringBinding(() -> "Undo" + name(history.topProperty().get()),
                history.topProperty()));
        MenuItem redo = item("Redo", "Shortcut+Shift+Z", "menu-redo", vm.edits()::redo);
        redo.disableProperty().bind(history.canRedoProperty().not());
        redo.textProperty().bind(Bindings.createStringBinding(() -> "Redo" + name(history.nextProperty().get()),
                history.nextProperty()));
        MenuItem copy = item("Copy Photo", "Shortcut+C", "menu-copy", inpaint::copyToClipboard);
        copy.disableProperty().bind(noPhoto);
        MenuItem paste = item("Paste Photo", "Shortcut+V", "menu-paste", inpaint::pasteFromClipboard);
        MenuItem sample = item("Sample", null, "menu-sample", vm.sampling()::sample);
        sample.disableProperty().bind(vm.sampling().canSampleProperty().not());
        MenuItem reroll = item("Re-roll Seed", "Shortcut+R", "menu-reroll", () -> vm.settings().reroll());
        Menu edit = new Menu("Edit", null, undo, redo, new SeparatorMenuItem(), copy, paste, new SeparatorMenuItem(),
                sample, reroll);
        edit.setId("menu-edit");

        MenuItem keys = item("Keyboard Shortcuts", "F1", "menu-shortcuts", actions::showShortcuts);
        MenuItem about = item("About Lacuna", null, "menu-about", actions::showAbout);
        Menu help = new Menu("Help", null, keys, about);
        help.setId("menu-help");

        MenuBar bar = new MenuBar(file, edit, help);
        bar.setUseSystemMenuBar(true);
        return bar;
    }

    /** Shortcuts without a menu item: redo as Ctrl+Y, and zoom. */
    static void installExtraAccelerators(Scene scene, InpaintView inpaint, Actions actions) {
        put(scene, KeyCode.Y, actions, () -> inpaint.viewModel().edits().redo());
        put(scene, KeyCode.EQUALS, actions, inpaint::zoomIn);
        put(scene, KeyCode.ADD, actions, inpaint::zoomIn);
        put(scene, KeyCode.MINUS, actions, inpaint::zoomOut);
        put(scene, KeyCode.SUBTRACT, actions, inpaint::zoomOut);
        put(scene, KeyCode.DIGIT0, actions, inpaint::fit);
        put(scene, KeyCode.NUMPAD0, actions, inpaint::fit);
        put(scene, KeyCode.DIGIT1, actions, inpaint::actualSize);
        put(scene, KeyCode.NUMPAD1, actions, inpaint::actualSize);
    }

    private static void put(Scene scene, KeyCode key, Actions actions, Runnable action) {
        scene.getAccelerators().put(new KeyCodeCombination(key, KeyCombination.SHORTCUT_DOWN), () -> {
            if (actions.inpaintShowing()) {
                action.run();
            }
        });
    }

    private static String stem(String file) {
        int dot = file.lastIndexOf('.');
        return dot > 0 ? file.substring(0, dot) : file;
    }

    private static String name(Command c) {
        return c == null ? "" : " " + c.name();
    }

    private static MenuItem item(String text, String keys, String id, Runnable action) {
        MenuItem item = new MenuItem(text);
        item.setId(id);
        if (keys != null) {
            item.setAccelerator(KeyCombination.keyCombination(keys));
        }
        item.setOnAction(e -> action.run());
        return item;
    }
}
