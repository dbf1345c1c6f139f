package org.lacuna.ui.train;

import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;

import org.lacuna.service.Picture;

/** The service's pictures as JavaFX images. */
final class PictureImages {

    private PictureImages() {
    }

    static WritableImage image(Picture p) {
        WritableImage image = new WritableImage(p.width(), p.height());
        image.getPixelWriter().setPixels(0, 0, p.width(), p.height(), PixelFormat.getIntArgbInstance(), p.argb(), 0,
                p.width());
        return image;
    }

    /** A view of the picture scaled (without smoothing: the pixels stay visible) to a side of {@code size}. */
    static ImageView view(Picture p, double size) {
        ImageView view = new ImageView(image(p));
        view.setSmooth(false);
        view.setPreserveRatio(true);
        view.setFitWidth(size);
        view.setFitHeight(size);
        return view;
    }
}
