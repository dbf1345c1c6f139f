package org.lacuna.ui.app;

import java.util.List;

import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;

/** Every keyboard and mouse shortcut, for Help › Keyboard Shortcuts and the README. One list, one truth. */
public final class Shortcuts {

    /** A key (or mouse gesture) and what it does. */
    public record Shortcut(String keys, String action) {
    }

    /** Shortcuts under a heading. */
    public record Section(String title, List<Shortcut> shortcuts) {
    }

    public static final List<Section> ALL = List.of(
            new Section("Files", List.of(
                    new Shortcut("Ctrl+O", "Open a photo (or drop one on the window)"),
                    new Shortcut("Ctrl+V", "Open the image on the clipboard as the photo"),
                    new Shortcut("Ctrl+Right / Ctrl+Left",
                            "Next / previous of the photos opened together (named on the command line, or dropped)"),
                    new Shortcut("Ctrl+Shift+S", "Save the photo with its pastes as PNG or JPEG"),
                    new Shortcut("Ctrl+C", "Copy the photo with its pastes"),
                    new Shortcut("Ctrl+Shift+O", "Open a model (.lacuna, or .npz weights with a preset)"),
                    new Shortcut("Ctrl+Q", "Quit"))),
            new Section("Window", List.of(
                    new Shortcut("Drag inside", "Move the window"),
                    new Shortcut("Drag a corner", "Resize the window (it stays square)"),
                    new Shortcut("Drag outside", "Draw a new window"),
                    new Shortcut("Arrow keys", "Move the window by a pixel (Shift: 10); click the photo first"),
                    new Shortcut("W", "Show or hide the window and its hole"),
                    new Shortcut("Ctrl+wheel, Ctrl+= / Ctrl+-", "Zoom in / out"),
                    new Shortcut("Ctrl+0 / Ctrl+1", "Fit the photo / 100 %"))),
            new Section("Sampling", List.of(
                    new Shortcut("Enter", "Sample"),
                    new Shortcut("Esc", "Cancel the sampling"),
                    new Shortcut("Ctrl+R", "Re-roll the seed"))),
            new Section("Results", List.of(
                    new Shortcut("Hover", "Enlarge a completion"),
                    new Shortcut("Click", "Paste it into the photo (scaled to the window, edges blended)"),
                    new Shortcut("Hold Space", "Show the original photo (compare)"),
                    new Shortcut("Ctrl+Z", "Undo the last paste"),
                    new Shortcut("Ctrl+Shift+Z, Ctrl+Y", "Redo"))),
            new Section("Help", List.of(
                    new Shortcut("F1", "This list"))));

    private Shortcuts() {
    }

    /** The list as a two-column table. */
    public static Node table() {
        GridPane grid = new GridPane();
        grid.setId("shortcuts");
        grid.setHgap(18);
        grid.setVgap(3);
        grid.setPadding(new Insets(4));
        int row = 0;
        for (Section section : ALL) {
            Label title = new Label(section.title());
            title.getStyleClass().add("section-title");
            title.setPadding(new Insets(row == 0 ? 0 : 8, 0, 2, 0));
            grid.add(title, 0, row++, 2, 1);
            for (Shortcut s : section.shortcuts()) {
                Label keys = new Label(s.keys());
                keys.getStyleClass().add("keys");
                grid.add(keys, 0, row);
                grid.add(new Label(s.action()), 1, row++);
            }
        }
        return grid;
    }
}
