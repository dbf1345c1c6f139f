package org.lacuna.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ExecutionException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lacuna.config.Presets;
import org.lacuna.config.SampleConfig;
import org.lacuna.data.HolePaste;
import org.lacuna.data.Images;
import org.lacuna.data.Raster;
import org.lacuna.data.SyntheticImages;
import org.lacuna.model.Hvae;
import org.lacuna.model.ModelFiles;
import org.lacuna.model.TinyConfigs;

/** The service's image side: opening, saving, the hole in photo pixels, pasting a completion back. */
class ModelServiceImageTest {

    @TempDir
    Path dir;

    private ModelService serviceWithSmallModel() throws Exception {
        Path file = dir.resolve("small.lacuna");
        ModelFiles.save(Hvae.create(TinyConfigs.small(), 3), 0, file);
        ModelService service = new ModelService(ServiceExecutors.sameThread());
        service.openModel(file).get();
        return service;
    }

    private static String failure(java.util.concurrent.Future<?> future) {
        ExecutionException e = assertThrows(ExecutionException.class, future::get);
        assertInstanceOf(IOException.class, e.getCause());
        return e.getCause().getMessage();
    }

    @Test
    void opensAnyImageAsRgbAndNamesTheFileWhenItCannot() throws Exception {
        ModelService service = new ModelService(ServiceExecutors.sameThread());
        Raster grey = SyntheticImages.photo(30, 20, 1, 4);
        Path png = dir.resolve("grey.png");
        Images.write(grey, png);
        Picture picture = service.openImage(png).get();
        assertEquals(30, picture.width());
        int v = grey.get(7, 3, 0);
        assertEquals(0xFF000000 | v << 16 | v << 8 | v, picture.pixel(7, 3));

        Path corrupt = dir.resolve("holiday.jpg");
        Files.writeString(corrupt, "this is not a JPEG");
        String message = failure(service.openImage(corrupt));
        assertTrue(message.contains("holiday.jpg") && message.contains("not an image"), message);
        String missing = failure(service.openImage(dir.resolve("gone.png")));
        assertTrue(missing.contains("gone.png") && missing.contains("no such file"), missing);
        String folder = failure(service.openImage(dir));
        assertTrue(folder.contains(dir.getFileName().toString()), folder);
    }

    @Test
    void pixelsFromTheClipboardAreCompositedOnWhite() throws Exception {
        ModelService service = new ModelService(ServiceExecutors.sameThread());
        int[] argb = new int[10 * 8];
        argb[0] = 0x00000000;
        argb[1] = 0xFF123456;
        argb[2] = 0x80000000;
        Picture p = service.openPixels("the clipboard", 10, 8, argb).get();
        assertEquals(0xFFFFFFFF, p.pixel(0, 0));
        assertEquals(0xFF123456, p.pixel(1, 0));
        assertEquals(0xFF7F7F7F, p.pixel(2, 0));
        String small = failure(service.openPixels("the clipboard", 4, 4, new int[16]));
        assertTrue(small.contains("the clipboard") && small.contains("4x4"), small);
    }

    @Test
    void savesPngExactlyAndJpegCloselyAndRefusesOtherExtensions() throws Exception {
        ModelService service = new ModelService(ServiceExecutors.sameThread());
        Picture photo = Pictures.of(SyntheticImages.photo(40, 30, 3, 2));
        Path png = dir.resolve("out/result.png");
        service.saveImage(photo, png).get();
        assertEquals(photo, service.openImage(png).get());
        Path jpg = dir.resolve("result.JPG");
        service.saveImage(photo, jpg).get();
        Picture back = service.openImage(jpg).get();
        assertEquals(40, back.width());
        assertTrue(Math.abs((back.pixel(10, 10) & 0xFF) - (photo.pixel(10, 10) & 0xFF)) < 24);
        String bad = failure(service.saveImage(photo, dir.resolve("result.tiff")));
        assertTrue(bad.contains("result.tiff") && bad.contains(".png"), bad);
        assertTrue(Files.notExists(dir.resolve("result.tiff")));
        try (var files = Files.list(dir)) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().endsWith(".partial")));
        }
    }

    @Test
    void theHoleInPhotoPixelsIsTheCentreQuarterForThePresets() throws Exception {
        assertEquals(new PixelRect(110, 75, 150, 150), ModelService.holeInPhoto(new WindowRect(35, 0, 300), Presets.COCO64));
        assertEquals(new PixelRect(18, 8, 16, 16), ModelService.holeInPhoto(new WindowRect(10, 0, 32), Presets.FASHION32));
        assertEquals(Optional.empty(), new ModelService(ServiceExecutors.sameThread()).holeInPhoto(new WindowRect(0, 0, 9)));
        assertEquals(Optional.of(new PixelRect(14, 11, 16, 16)),
                serviceWithSmallModel().holeInPhoto(new WindowRect(6, 3, 32)));
    }

    @Test
    void selectAndPasteChangesExactlyTheHolesPixelsInThePhoto() throws Exception {
        ModelService service = serviceWithSmallModel();
        Picture photo = Pictures.of(SyntheticImages.photo(50, 40, 3, 7));
        WindowRect window = new WindowRect(6, 3, 32);
        SampleResult result = service.sample(photo, window, SampleConfig.of(5, 2, 1, 2), n -> { }).result().get();
        // a completion whose hole is far from the photo's colours, so every blended pixel visibly changes
        Picture completion = result.completions().get(3).image();
        int[] argb = completion.argb();
        for (int i = 0; i < argb.length; i++) {
            int v = (photo.pixel(0, 0) & 0xFF) < 128 ? 255 : 0;
            argb[i] = 0xFF000000 | v << 16 | v << 8 | v;
        }
        Picture far = new Picture(16, 16, argb);
        PixelRect hole = service.holeInPhoto(window).orElseThrow();

        for (Picture c : new Picture[]{completion, far}) {
            Picture pasted = service.paste(photo, window, c);
            // the same arithmetic as the data package's paste on the whole photo
            Raster expected = HolePaste.paste(Pictures.toRaster(photo, 3), new HolePaste.Rect(6, 3, 32, 32),
                    Pictures.toRaster(c, 3), new HolePaste.Rect(4, 4, 8, 8));
            assertEquals(Pictures.of(expected), pasted);
            for (int y = 0; y < photo.height(); y++) {
                for (int x = 0; x < photo.width(); x++) {
                    if (!hole.contains(x, y)) {
                        assertEquals(photo.pixel(x, y), pasted.pixel(x, y), "outside the hole at " + x + "," + y);
                    }
                }
            }
        }
        Picture pasted = service.paste(photo, window, far);
        for (int y = hole.y(); y < hole.y() + hole.height(); y++) {
            for (int x = hole.x(); x < hole.x() + hole.width(); x++) {
                assertNotEquals(photo.pixel(x, y), pasted.pixel(x, y), "inside the hole at " + x + "," + y);
            }
        }
        assertEquals(pasted, service.pasteAsync(photo, window, far).get());
        assertThrows(IllegalArgumentException.class, () -> service.paste(photo, new WindowRect(30, 0, 32), far));
        assertThrows(IllegalArgumentException.class, () -> service.paste(photo, window, photo));
        assertThrows(IllegalStateException.class,
                () -> new ModelService(ServiceExecutors.sameThread()).paste(photo, window, far));
    }

    @Test
    void picturesCropAndTakePatches() {
        Picture p = Pictures.of(SyntheticImages.photo(12, 10, 3, 1));
        Picture crop = p.crop(new PixelRect(3, 2, 4, 5));
        assertEquals(p.pixel(4, 3), crop.pixel(1, 1));
        Picture blank = new Picture(4, 5, new int[20]);
        Picture patched = p.with(3, 2, blank);
        assertEquals(0, patched.pixel(4, 3));
        assertEquals(p.pixel(2, 3), patched.pixel(2, 3));
        assertEquals(p, patched.with(3, 2, crop));
        assertThrows(IllegalArgumentException.class, () -> p.with(10, 8, blank));
    }
}
