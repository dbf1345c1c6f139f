package org.lacuna.service;

import java.io.IOException;
import java.nio.file.Path;

import org.lacuna.config.Hole;
import org.lacuna.config.ModelConfig;
import org.lacuna.data.HolePaste;
import org.lacuna.data.ImageFormatException;
import org.lacuna.data.Images;
import org.lacuna.data.Raster;

/** The model service's image side: reading, writing and pasting photos. Pure functions; ModelService runs them. */
final class Photos {

    private Photos() {
    }

    /** Reads any image the data package reads as an RGB picture; an IOException names the file and the reason. */
    static Picture read(Path file) throws IOException {
        try {
            return Pictures.of(Images.read(file, 3));
        } catch (ImageFormatException e) {
            throw e;
        } catch (IOException e) {
            throw new IOException(file + ": cannot read the file (" + reason(e) + ")", e);
        } catch (OutOfMemoryError e) {
            throw new IOException(file + ": the image is too large to open in the memory Java was given", e);
        }
    }

    /**
     * A picture from raw pixels (a pasted or dropped image): alpha is composited on white, as for files.
     *
     * @param name what to call the source in messages
     */
    static Picture fromPixels(String name, int width, int height, int[] argb) throws IOException {
        if (width < Images.MIN_SIDE || height < Images.MIN_SIDE) {
            throw new IOException(name + ": the image is " + width + "x" + height + " pixels; at least "
                    + Images.MIN_SIDE + "x" + Images.MIN_SIDE + " is needed");
        }
        if (argb.length != width * height) {
            throw new IOException(name + ": " + argb.length + " pixels for a " + width + "x" + height + " image");
        }
        int[] out = new int[argb.length];
        for (int i = 0; i < argb.length; i++) {
            int c = argb[i];
            int a = c >>> 24;
            int r = over(a, (c >> 16) & 0xFF), g = over(a, (c >> 8) & 0xFF), b = over(a, c & 0xFF);
            out[i] = 0xFF000000 | (r << 16) | (g << 8) | b;
        }
        return Picture.adopt(width, height, out);
    }

    private static int over(int alpha, int value) {
        return (value * alpha + 255 * (255 - alpha) + 127) / 255;
    }

    /** Writes PNG or JPEG by the extension, atomically; an IOException names the file and the reason. */
    static void write(Picture picture, Path file) throws IOException {
        try {
            Images.write(Pictures.toRaster(picture, 3), file);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": cannot save there: " + reason(e), e);
        } catch (IOException e) {
            String reason = reason(e);
            throw new IOException(reason.contains(file.getFileName().toString()) ? reason
                    : file + ": cannot save there (" + reason + ")", e);
        }
    }

    /** The model's hole in photo pixels for a window (see {@link HolePaste#holeInPhoto}). */
    static PixelRect holeInPhoto(WindowRect window, ModelConfig config) {
        HolePaste.Rect r = HolePaste.holeInPhoto(window.x(), window.y(), window.side(), config.imageSize(),
                rect(config.hole()));
        return new PixelRect(r.x(), r.y(), r.width(), r.height());
    }

    /** The photo with a completion's hole scaled to the window and blended in (see {@link HolePaste}). */
    static Picture paste(Picture photo, WindowRect window, Picture completion, ModelConfig config) {
        if (completion.width() != config.imageSize() || completion.height() != config.imageSize()) {
            throw new IllegalArgumentException("the completion is " + completion.width() + "x" + completion.height()
                    + "; the model makes " + config.imageSize() + "x" + config.imageSize());
        }
        if (!window.fitsIn(photo.width(), photo.height())) {
            throw new IllegalArgumentException("the window " + window + " is not inside the " + photo.width() + "x"
                    + photo.height() + " photo");
        }
        PixelRect hole = holeInPhoto(window, config);
        // only the hole's pixels change: blend on the hole's crop (the same arithmetic as HolePaste.paste on the
        // whole photo, without converting the whole photo), then put it back into a copy of the photo
        Raster under = Pictures.toRaster(photo.crop(hole), 3);
        HolePaste.Rect whole = new HolePaste.Rect(0, 0, hole.width(), hole.height());
        Raster patch = HolePaste.holePatch(Pictures.toRaster(completion, 3), rect(config.hole()), hole.width(),
                hole.height());
        Raster blended = HolePaste.blend(under, whole, patch, HolePaste.feather(whole));
        return photo.with(hole.x(), hole.y(), Pictures.of(blended));
    }

    private static HolePaste.Rect rect(Hole hole) {
        return new HolePaste.Rect(hole.left(), hole.top(), hole.width(), hole.height());
    }

    private static String reason(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
