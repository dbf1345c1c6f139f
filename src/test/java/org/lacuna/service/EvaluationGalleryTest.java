package org.lacuna.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lacuna.config.Conditioning;
import org.lacuna.data.Images;
import org.lacuna.data.SyntheticImages;
import org.lacuna.model.Hvae;
import org.lacuna.model.ModelFiles;
import org.lacuna.model.TinyConfigs;

/** Where the gallery's windows come from, the gallery as a PNG, and the report as a file. */
class EvaluationGalleryTest {

    @TempDir
    Path dir;

    private EvaluationService.Result evaluate(Path model, Path data, int limit) throws Exception {
        EvaluationService service = new EvaluationService(new ModelService(ServiceExecutors.sameThread()),
                Runnable::run);
        return service.start(new EvaluationService.Request(List.of(EvaluationService.ModelChoice.file(model)), data,
                limit, 2, 7), p -> { }).result().get();
    }

    @Test
    void aFolder_sRowsNameTheirPhotoAndTheWindowIsItsCentredSquare() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("photos").resolve("sub"));
        Images.write(SyntheticImages.photo(40, 30, 3, 1), folder.getParent().resolve("a.png"));
        Images.write(SyntheticImages.photo(20, 36, 3, 2), folder.resolve("b.png"));
        Path model = dir.resolve("m.lacuna");
        ModelFiles.save(Hvae.create(TinyConfigs.small(), 3), 1, model);
        List<EvaluationService.GalleryRow> rows = evaluate(model, dir.resolve("photos"), 0).models().get(0).gallery();
        assertEquals(List.of("a.png", "sub/b.png"), rows.stream().map(EvaluationService.GalleryRow::source).toList());
        assertEquals(dir.resolve("photos").resolve("sub").resolve("b.png"), rows.get(1).file());

        // the window on the photo is what the evaluation cut: the centred square, resized, is the row's truth
        assertEquals(new WindowRect(5, 0, 30), EvaluationService.windowIn(40, 30));
        assertEquals(new WindowRect(0, 8, 20), EvaluationService.windowIn(20, 36));
        Picture photo = Photos.read(rows.get(0).file());
        WindowRect w = EvaluationService.windowIn(photo.width(), photo.height());
        Picture cut = Pictures.of(Images.resize(Images.crop(Pictures.toRaster(photo, 3), w.x(), w.y(), w.side(),
                w.side()), 16, 16));
        assertEquals(rows.get(0).truth(), cut);
    }

    @Test
    void anIdxImageHasNoFileItIsTheWindowItself() throws Exception {
        Path idx = Files.createDirectories(dir.resolve("fashion"));
        int n = 3, side = 28;
        ByteBuffer b = ByteBuffer.allocate(16 + n * side * side);
        b.putInt(0x00000803).putInt(n).putInt(side).putInt(side);
        for (int i = 0; i < n * side * side; i++) {
            b.put((byte) ((i * 7 + i / side * 13) & 0xFF));
        }
        Files.write(idx.resolve("t10k-images-idx3-ubyte"), b.array());
        Path model = dir.resolve("grey.lacuna");
        ModelFiles.save(Hvae.create(TinyConfigs.tiny(Conditioning.EVERY_LEVEL), 3), 1, model);
        List<EvaluationService.GalleryRow> rows = evaluate(model, idx, 2).models().get(0).gallery();
        assertEquals(List.of("t10k-images-idx3-ubyte#0", "t10k-images-idx3-ubyte#1"),
                rows.stream().map(EvaluationService.GalleryRow::source).toList());
        assertNull(rows.get(0).file());
        assertEquals(8, rows.get(0).truth().width());
    }

    @Test
    void theGalleryPngHasEveryRowInTheOrderGivenAndItsGainBar() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("photos"));
        for (int i = 0; i < 27; i++) {
            Images.write(SyntheticImages.photo(24, 24, 3, i), folder.resolve(String.format("p%02d.png", i)));
        }
        Path model = dir.resolve("m.lacuna");
        ModelFiles.save(Hvae.create(TinyConfigs.small(), 3), 1, model);
        EvaluationService service = new EvaluationService(new ModelService(ServiceExecutors.sameThread()),
                Runnable::run);
        List<EvaluationService.GalleryRow> rows = new ArrayList<>(service.start(new EvaluationService.Request(
                List.of(EvaluationService.ModelChoice.file(model)), folder, 0, 1, 7), p -> { }).result().get()
                .models().get(0).gallery());
        java.util.Collections.reverse(rows);
        Path png = dir.resolve("out").resolve("gallery.png");
        service.saveGallery(rows, png).get();

        BufferedImage image = ImageIO.read(png.toFile());
        int tile = 64, entryWidth = 4 + 2 + 5 * (tile + 2), entryHeight = tile + 2;
        assertEquals(2 + 2 * entryWidth + 16, image.getWidth(), "27 rows: two columns of at most 25");
        assertEquals(2 + 25 * entryHeight, image.getHeight());
        for (int i : new int[]{0, 24, 25, 26}) {
            int x = 2 + (i / 25) * (entryWidth + 16), y = 2 + (i % 25) * entryHeight;
            EvaluationService.GalleryRow row = rows.get(i);
            int bar = row.gain() > 0.01 ? GalleryImage.WINS : row.gain() < -0.01 ? GalleryImage.LOSES : GalleryImage.LEVEL;
            assertEquals(bar, image.getRGB(x + 1, y + 10), "row " + i + "'s bar");
            List<Picture> tiles = List.of(row.truth(), row.mean(), row.best(), row.navierStokes(), row.telea());
            for (int t = 0; t < 5; t++) {
                int tx = x + 6 + t * (tile + 2);
                assertEquals(tiles.get(t).pixel(3, 9), image.getRGB(tx + 3 * 4 + 1, y + 9 * 4 + 2),
                        "row " + i + ", tile " + t);
            }
        }
        try (Stream<Path> files = Files.list(png.getParent())) {
            assertEquals(List.of(png), files.toList(), "written under a temporary name and moved into place");
        }
    }

    @Test
    void theReportIsEvalsJsonAndAnUnwritablePlaceIsNamed() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("photos"));
        Images.write(SyntheticImages.photo(24, 24, 3, 1), folder.resolve("a.png"));
        Path model = dir.resolve("m.lacuna");
        ModelFiles.save(Hvae.create(TinyConfigs.small(), 3), 1, model);
        EvaluationService service = new EvaluationService(new ModelService(ServiceExecutors.sameThread()),
                Runnable::run);
        EvaluationService.ModelResult result = service.start(new EvaluationService.Request(
                List.of(EvaluationService.ModelChoice.file(model)), folder, 0, 2, 7), p -> { }).result().get()
                .models().get(0);
        Path json = dir.resolve("report.json");
        service.saveReport(result, json).get();
        com.fasterxml.jackson.databind.node.ObjectNode saved = (com.fasterxml.jackson.databind.node.ObjectNode)
                org.lacuna.config.Json.mapper().readTree(Files.readString(json));
        assertEquals(result.gallery().size(), saved.remove("per_image").size(), "a row per window (issue 24)");
        assertEquals(org.lacuna.config.Json.mapper().readTree(org.lacuna.eval.Reports.toJson(result.report())), saved);
        assertEquals(result.report().bpd(), result.scores().bpd());
        assertEquals("hole", result.scores().bpdOver());

        Path blocked = Files.writeString(dir.resolve("a-file"), "not a folder").resolve("report.json");
        ExecutionException e = assertThrows(ExecutionException.class, () -> service.saveReport(result, blocked).get());
        assertTrue(Failures.message(e).startsWith(blocked + ": cannot save the report there ("), Failures.message(e));
    }
}
