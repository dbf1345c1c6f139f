package org.lacuna.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** The demo photos: every file listed is shipped and reads, every file shipped is listed, the README says the same. */
class DemoPhotosTest {

    private static final Path ASSETS = Path.of("assets", "demo");

    @Test
    void everyListedPhotoIsOnTheClassPathAndReadsAsALargeRgbPhoto() throws Exception {
        List<DemoPhotos.Demo> demos = DemoPhotos.all();
        assertTrue(demos.size() >= 3, "a few demo photos: " + demos);
        for (DemoPhotos.Demo demo : demos) {
            Picture p = DemoPhotos.read(demo);
            assertTrue(Math.max(p.width(), p.height()) == 1600, demo.file() + ": " + p.width() + "x" + p.height());
            assertFalse(demo.author().isBlank() || demo.licence().isBlank() || demo.source().isBlank(), demo.toString());
        }
    }

    @Test
    void theFolderTheIndexAndTheReadmeAgree() throws Exception {
        Set<String> listed = DemoPhotos.all().stream().map(DemoPhotos.Demo::file).collect(Collectors.toSet());
        try (Stream<Path> files = Files.list(ASSETS)) {
            Set<String> photos = files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".jpg"))
                    .collect(Collectors.toSet());
            assertEquals(photos, listed);
        }
        String readme = Files.readString(ASSETS.resolve("README.md"));
        for (DemoPhotos.Demo demo : DemoPhotos.all()) {
            assertTrue(readme.contains("| " + demo.file() + " | " + demo.title() + " | " + demo.author() + " |"),
                    "assets/demo/README.md has no row for " + demo.file());
        }
    }

    @Test
    void theDemoPhotosAreFromTheSharedTestSetSoTheShippedModelNeverTrainedOnThem() throws Exception {
        List<String> testSet = Files.readAllLines(Path.of("scripts", "wallpapers.tsv")).stream()
                .map(l -> l.split("\t")).filter(f -> f.length > 5 && f[5].equals("test")).map(f -> f[1]).toList();
        for (DemoPhotos.Demo demo : DemoPhotos.all()) {
            String path = demo.source().substring(demo.source().indexOf(": ") + 2).split(" ")[0];
            assertTrue(testSet.stream().anyMatch(t -> t.startsWith(path)), demo.file() + " (" + path
                    + ") is not in the shared test set of scripts/wallpapers.tsv");
        }
    }
}
