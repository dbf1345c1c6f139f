package org.lacuna.ui.common;

import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;

import org.lacuna.service.Picture;

/**
 * Between the service's pictures and JavaFX images, the app's one conversion: one bulk pixel copy each way. (The
 * pictures are int ARGB arrays, not AWT images, so nothing here crosses AWT: javafx-swing's SwingFXUtils has no part.)
 */
public final class FxPictures {

    private FxPictures() {
    }

    public static WritableImage toImage(Picture picture) {
        WritableImage image = new WritableImage(picture.width(), picture.height());
        image.getPixelWriter().setPixels(0, 0, picture.width(), picture.height(), PixelFormat.getIntArgbInstance(),
                picture.argb(), 0, picture.width());
        return image;
    }

    /** A view of the picture scaled (without smoothing: the pixels stay visible) to a side of {@code size}. */
    public static ImageView view(Picture picture, double size) {
        ImageView view = new ImageView(toImage(picture));
        view.setSmooth(false);
        view.setPreserveRatio(true);
        view.setFitWidth(size);
        view.setFitHeight(size);
        return view;
    }

    /** The image's pixels as 0xAARRGGBB, row-major (alpha kept: the service composites it). */
    public static int[] argb(Image image) {
        int w = (int) image.getWidth(), h = (int) image.getHeight();
        int[] argb = new int[w * h];
        PixelReader reader = image.getPixelReader();
        if (reader != null) {
            reader.getPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), argb, 0, w);
        }
        return argb;
    }
}
