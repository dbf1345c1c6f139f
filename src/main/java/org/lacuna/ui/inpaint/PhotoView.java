package org.lacuna.ui.inpaint;

import java.util.function.Consumer;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.geometry.Bounds;
import javafx.geometry.Pos;
import javafx.scene.Cursor;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.control.ScrollPane;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Pane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Rectangle;

import org.lacuna.service.DemoPhotos;
import org.lacuna.service.Picture;
import org.lacuna.service.PixelRect;
import org.lacuna.service.WindowRect;
import org.lacuna.ui.common.FxPictures;

/**
 * The photo, fitted to the view or zoomed, with the square window (the model's input) and its hole drawn over it.
 * Drag inside the window to move it, drag a corner to resize it, drag elsewhere to draw a new one; Ctrl+wheel zooms.
 */
final class PhotoView extends StackPane {

    private static final double MIN_ZOOM = 0.02;
    private static final double MAX_ZOOM = 16;
    private static final double HANDLE = 9;

    private enum Drag { NONE, MOVE, RESIZE, DRAW }

    private final InpaintViewModel vm;
    private final ScrollPane scroll = new ScrollPane();
    private final Pane canvas = new Pane();
    private final ImageView imageView = new ImageView();
    private final Rectangle windowBox = new Rectangle();
    private final Rectangle windowShadow = new Rectangle();
    private final Rectangle holeBox = new Rectangle();
    private final Rectangle[] handles = new Rectangle[4];
    private final Label placeholder = new Label("Open a photo: File › Open Photo… (Ctrl+O), drop one here, or paste one (Ctrl+V)");
    private final Label badge = new Label("Original");
    private final DoubleProperty zoom = new SimpleDoubleProperty(this, "zoom", 1);
    private final BooleanProperty fitting = new SimpleBooleanProperty(this, "fitting", true);
    private final BooleanProperty showWindow = new SimpleBooleanProperty(this, "showWindow", true);
    private Image photoImage;
    private Image originalImage;
    private Drag drag = Drag.NONE;
    private int anchorX;
    private int anchorY;
    private WindowRect dragStart;
    private double pressX;
    private double pressY;

    PhotoView(InpaintViewModel vm, Consumer<DemoPhotos.Demo> openDemo) {
        this.vm = vm;
        getStyleClass().add("photo-view");
        setId("photo-view");
        imageView.setId("photo");
        imageView.setPreserveRatio(false);
        canvas.getStyleClass().add("photo-canvas");
        windowShadow.getStyleClass().add("window-shadow");
        windowBox.getStyleClass().add("window-box");
        windowBox.setId("window-box");
        holeBox.getStyleClass().add("hole-box");
        holeBox.setId("hole-box");
        for (Rectangle r : new Rectangle[]{windowShadow, windowBox, holeBox}) {
            r.setManaged(false);
            r.setMouseTransparent(true);
        }
        canvas.getChildren().addAll(imageView, windowShadow, holeBox, windowBox);
        for (int i = 0; i < 4; i++) {
            handles[i] = new Rectangle(HANDLE, HANDLE);
            handles[i].getStyleClass().add("window-handle");
            handles[i].setManaged(false);
            handles[i].setMouseTransparent(true);
            canvas.getChildren().add(handles[i]);
        }
        StackPane holder = new StackPane(canvas);
        holder.getStyleClass().add("photo-holder");
        holder.minWidthProperty().bind(scroll.viewportBoundsProperty().map(Bounds::getWidth));
        holder.minHeightProperty().bind(scroll.viewportBoundsProperty().map(Bounds::getHeight));
        scroll.setContent(holder);
        scroll.setFocusTraversable(false);
        scroll.getStyleClass().add("photo-scroll");
        placeholder.getStyleClass().add("placeholder");
        placeholder.setWrapText(true);
        VBox empty = new VBox(6, placeholder);
        empty.setId("empty-view");
        empty.setAlignment(Pos.CENTER);
        empty.setMaxSize(USE_PREF_SIZE, USE_PREF_SIZE);
        if (!DemoPhotos.all().isEmpty()) {
            Label demos = new Label("…or try a demo photo (one the shipped model never trained on):");
            demos.getStyleClass().add("placeholder-note");
            FlowPane links = new FlowPane(12, 4);
            links.setAlignment(Pos.CENTER);
            links.setId("demo-links");
            for (DemoPhotos.Demo demo : DemoPhotos.all()) {
                Hyperlink link = new Hyperlink(demo.title());
                link.getStyleClass().add("demo-link");
                link.setTooltip(new Tooltip(demo.title() + " — " + demo.author() + " (" + demo.licence() + ")"));
                link.setOnAction(e -> openDemo.accept(demo));
                links.getChildren().add(link);
            }
            empty.getChildren().addAll(demos, links);
        }
        empty.visibleProperty().bind(placeholder.visibleProperty());
        badge.getStyleClass().add("compare-badge");
        badge.setId("compare-badge");
        badge.setMouseTransparent(true);
        StackPane.setAlignment(badge, Pos.TOP_LEFT);
        getChildren().addAll(scroll, empty, badge);

        vm.photoProperty().addListener((o, a, p) -> {
            photoImage = p == null ? null : FxPictures.toImage(p);
            if (a == null || p == null || a.width() != p.width() || a.height() != p.height()) {
                fitting.set(true);
            }
            refresh();
        });
        vm.originalProperty().addListener((o, a, p) -> {
            originalImage = p == null ? null : FxPictures.toImage(p);
            showWindow.set(true); // hiding the window (W) was for the photo before
        });
        vm.comparingProperty().addListener((o, a, b) -> refresh());
        vm.windowProperty().addListener((o, a, b) -> layoutOverlay());
        vm.holeProperty().addListener((o, a, b) -> layoutOverlay());
        showWindow.addListener((o, a, b) -> layoutOverlay());
        zoom.addListener((o, a, b) -> layoutAll());
        fitting.addListener((o, a, b) -> fitIfFitting());
        scroll.viewportBoundsProperty().addListener((o, a, b) -> fitIfFitting());

        canvas.addEventHandler(MouseEvent.MOUSE_PRESSED, this::pressed);
        canvas.addEventHandler(MouseEvent.MOUSE_DRAGGED, this::dragged);
        canvas.addEventHandler(MouseEvent.MOUSE_RELEASED, e -> drag = Drag.NONE);
        canvas.addEventHandler(MouseEvent.MOUSE_MOVED, e -> canvas.setCursor(cursorAt(e.getX(), e.getY())));
        scroll.addEventFilter(ScrollEvent.SCROLL, this::wheel);
        refresh();
    }

    // ---------------------------------------------------------------- zoom

    void zoomIn() {
        setZoom(zoom.get() * 1.25);
    }

    void zoomOut() {
        setZoom(zoom.get() / 1.25);
    }

    /** 100 %: one photo pixel per screen pixel. */
    void actualSize() {
        setZoom(1);
    }

    void fit() {
        fitting.set(true);
        fitIfFitting();
    }

    private void setZoom(double value) {
        fitting.set(false);
        zoom.set(Math.max(MIN_ZOOM, Math.min(MAX_ZOOM, value)));
    }

    private void fitIfFitting() {
        Picture p = vm.photoProperty().get();
        Bounds viewport = scroll.getViewportBounds();
        if (!fitting.get() || p == null || viewport.getWidth() <= 0 || viewport.getHeight() <= 0) {
            return;
        }
        double z = Math.min((viewport.getWidth() - 2) / p.width(), (viewport.getHeight() - 2) / p.height());
        zoom.set(Math.max(MIN_ZOOM, Math.min(8, z)));
    }

    private void wheel(ScrollEvent e) {
        if (e.isShortcutDown() && e.getDeltaY() != 0) {
            setZoom(zoom.get() * (e.getDeltaY() > 0 ? 1.1 : 1 / 1.1));
            e.consume();
        }
    }

    DoubleProperty zoomProperty() {
        return zoom;
    }

    BooleanProperty showWindowProperty() {
        return showWindow;
    }

    // ---------------------------------------------------------------- drawing

    private void refresh() {
        boolean comparing = vm.comparingProperty().get() && originalImage != null;
        imageView.setImage(comparing ? originalImage : photoImage);
        boolean has = photoImage != null;
        placeholder.setVisible(!has);
        scroll.setVisible(has);
        badge.setVisible(has && comparing);
        fitIfFitting();
        layoutAll();
    }

    private void layoutAll() {
        Picture p = vm.photoProperty().get();
        if (p == null) {
            return;
        }
        double z = zoom.get();
        double w = p.width() * z, h = p.height() * z;
        imageView.setFitWidth(w);
        imageView.setFitHeight(h);
        imageView.setSmooth(z < 2);
        canvas.setMinSize(w, h);
        canvas.setPrefSize(w, h);
        canvas.setMaxSize(w, h);
        layoutOverlay();
    }

    private void layoutOverlay() {
        WindowRect w = vm.windowProperty().get();
        PixelRect hole = vm.holeProperty().get();
        boolean show = showWindow.get() && w != null && vm.photoProperty().get() != null;
        double z = zoom.get();
        windowBox.setVisible(show);
        windowShadow.setVisible(show);
        holeBox.setVisible(show && hole != null);
        for (Rectangle handle : handles) {
            handle.setVisible(show);
        }
        if (!show) {
            return;
        }
        place(windowBox, w.x() * z, w.y() * z, w.side() * z, w.side() * z);
        place(windowShadow, w.x() * z, w.y() * z, w.side() * z, w.side() * z);
        if (hole != null) {
            place(holeBox, hole.x() * z, hole.y() * z, hole.width() * z, hole.height() * z);
        }
        double[][] corners = corners(w);
        for (int i = 0; i < 4; i++) {
            handles[i].setX(corners[i][0] - HANDLE / 2);
            handles[i].setY(corners[i][1] - HANDLE / 2);
        }
    }

    private static void place(Rectangle r, double x, double y, double w, double h) {
        r.setX(x);
        r.setY(y);
        r.setWidth(w);
        r.setHeight(h);
    }

    /** The window's corners on screen: top-left, top-right, bottom-right, bottom-left. */
    private double[][] corners(WindowRect w) {
        double z = zoom.get();
        double x0 = w.x() * z, y0 = w.y() * z, x1 = (w.x() + w.side()) * z, y1 = (w.y() + w.side()) * z;
        return new double[][]{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}};
    }

    // ---------------------------------------------------------------- the mouse

    /** The corner (0..3) under a canvas point, or -1. */
    private int cornerAt(double x, double y) {
        WindowRect w = vm.windowProperty().get();
        if (w == null || !showWindow.get()) {
            return -1;
        }
        double[][] c = corners(w);
        for (int i = 0; i < 4; i++) {
            if (Math.abs(x - c[i][0]) <= HANDLE && Math.abs(y - c[i][1]) <= HANDLE) {
                return i;
            }
        }
        return -1;
    }

    private boolean insideWindow(double x, double y) {
        WindowRect w = vm.windowProperty().get();
        double z = zoom.get();
        return w != null && showWindow.get() && x >= w.x() * z && x <= (w.x() + w.side()) * z && y >= w.y() * z
                && y <= (w.y() + w.side()) * z;
    }

    private Cursor cursorAt(double x, double y) {
        int corner = cornerAt(x, y);
        if (corner == 0 || corner == 2) {
            return Cursor.NW_RESIZE;
        }
        if (corner == 1 || corner == 3) {
            return Cursor.NE_RESIZE;
        }
        return insideWindow(x, y) ? Cursor.MOVE : Cursor.CROSSHAIR;
    }

    private void pressed(MouseEvent e) {
        WindowRect w = vm.windowProperty().get();
        if (e.getButton() != MouseButton.PRIMARY || w == null || vm.photoProperty().get() == null) {
            return;
        }
        requestFocus();
        if (!showWindow.get()) {
            showWindow.set(true); // drawing on a hidden window would change what cannot be seen: show it first
        }
        double z = zoom.get();
        int corner = cornerAt(e.getX(), e.getY());
        dragStart = w;
        pressX = e.getX();
        pressY = e.getY();
        if (corner >= 0) {
            drag = Drag.RESIZE;
            // the opposite corner stays where it is
            anchorX = corner == 0 || corner == 3 ? w.x() + w.side() : w.x();
            anchorY = corner == 0 || corner == 1 ? w.y() + w.side() : w.y();
        } else if (insideWindow(e.getX(), e.getY())) {
            drag = Drag.MOVE;
        } else {
            drag = Drag.DRAW;
            anchorX = (int) Math.round(e.getX() / z);
            anchorY = (int) Math.round(e.getY() / z);
        }
        e.consume();
    }

    private void dragged(MouseEvent e) {
        Picture p = vm.photoProperty().get();
        if (drag == Drag.NONE || p == null) {
            return;
        }
        double z = zoom.get();
        if (drag == Drag.MOVE) {
            int dx = (int) Math.round((e.getX() - pressX) / z), dy = (int) Math.round((e.getY() - pressY) / z);
            vm.setWindow(WindowGeometry.moved(dragStart, dx, dy, p.width(), p.height()));
        } else {
            vm.setWindow(WindowGeometry.fromAnchor(anchorX, anchorY, e.getX() / z, e.getY() / z, p.width(), p.height(),
                    vm.minWindowSide()));
        }
        e.consume();
    }

    /** Moves the window by whole photo pixels (arrow keys). */
    void nudge(int dx, int dy) {
        Picture p = vm.photoProperty().get();
        WindowRect w = vm.windowProperty().get();
        if (p != null && w != null) {
            vm.setWindow(WindowGeometry.moved(w, dx, dy, p.width(), p.height()));
        }
    }
}
