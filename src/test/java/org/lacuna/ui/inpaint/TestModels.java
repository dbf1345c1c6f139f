package org.lacuna.ui.inpaint;

import java.io.IOException;
import java.nio.file.Path;

import org.lacuna.data.Images;
import org.lacuna.data.SyntheticImages;
import org.lacuna.model.Hvae;
import org.lacuna.model.ModelFiles;
import org.lacuna.model.TinyConfigs;

/** Files for UI tests: a tiny untrained model (16x16 RGB, three levels) and a synthetic photo. */
public final class TestModels {

    private TestModels() {
    }

    /** Saves TinyConfigs.small() as small.lacuna in dir (step 12). */
    public static Path small(Path dir) throws IOException {
        Path file = dir.resolve("small.lacuna");
        ModelFiles.save(Hvae.create(TinyConfigs.small(), 3), 12, file);
        return file;
    }

    /** Writes a photo-like PNG of that size. */
    public static Path photo(Path file, int width, int height) throws IOException {
        Images.write(SyntheticImages.photo(width, height, 3, 11), file);
        return file;
    }
}
