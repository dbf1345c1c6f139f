package org.lacuna.ui.inpaint;

import javafx.beans.property.ObjectProperty;

import org.lacuna.service.Picture;
import org.lacuna.service.PixelRect;
import org.lacuna.ui.common.Command;

/**
 * Pasting a completion into the photo, as an undoable edit: it keeps only the hole's pixels after the paste, and
 * takes the pixels it covers when it is applied, so undo puts back exactly what was there.
 */
final class PasteEdit implements Command {

    private final String name;
    private final ObjectProperty<Picture> photo;
    private final PixelRect hole;
    private final Picture after;
    private final Sampled source;
    private final String key;
    private Picture before;

    /**
     * @param source the sampling the pasted picture came from
     * @param key    which of its pictures (see {@link InpaintViewModel#select(String)})
     */
    PasteEdit(String name, ObjectProperty<Picture> photo, PixelRect hole, Picture after,
              Sampled source, String key) {
        this.name = name;
        this.photo = photo;
        this.hole = hole;
        this.after = after;
        this.source = source;
        this.key = key;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void apply() {
        Picture current = photo.get();
        before = current.crop(hole);
        photo.set(current.with(hole.x(), hole.y(), after));
    }

    @Override
    public void revert() {
        photo.set(photo.get().with(hole.x(), hole.y(), before));
    }

    Sampled source() {
        return source;
    }

    String key() {
        return key;
    }
}
