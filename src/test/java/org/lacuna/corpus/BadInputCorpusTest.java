package org.lacuna.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.lacuna.cli.Cli;
import org.lacuna.config.ModelConfig;
import org.lacuna.data.DataReport;
import org.lacuna.data.Datasets;
import org.lacuna.model.Hvae;
import org.lacuna.model.ModelFiles;
import org.lacuna.model.TinyConfigs;
import org.lacuna.service.ModelService;
import org.lacuna.service.ServiceExecutors;
import org.lacuna.service.TrainingService;
import org.lacuna.store.NpzWeights;

/**
 * Every entry of the bad-input corpus ({@link BadInputs}) through every entry point that can meet it: the data
 * loader, the Inpaint workspace's open (the model service), Open Model, and the CLI. A refusal names the file and
 * says why (the entry's reason), shows no stack trace, and leaves nothing else changed; the files that must be read
 * are read.
 */
class BadInputCorpusTest {

    @TempDir
    static Path dir;

    private static ModelConfig config;
    private static Path goodModel;
    private static Path goodNpz;
    private static Path goodPhoto;

    @BeforeAll
    static void makeTheGoodFiles() throws Exception {
        config = TinyConfigs.small();
        Hvae model = Hvae.create(config, 3);
        goodModel = dir.resolve("good.lacuna");
        ModelFiles.save(model, 12, goodModel);
        goodNpz = dir.resolve("good.npz");
        NpzWeights.export(model.parameters(), goodNpz);
        goodPhoto = dir.resolve("good.png");
        Files.write(goodPhoto, BadInputs.png(BadInputs.photo(64, 48)));
    }

    private static Path make(String folder, BadInputs.Entry entry) throws Exception {
        Path sub = Files.createDirectories(dir.resolve(folder));
        Path file = sub.resolve(entry.name());
        if (!Files.exists(file)) {
            entry.maker().make(file);
        }
        return file;
    }

    /** The exception a future failed with (unwrapped), or null when it succeeded. */
    private static Throwable failure(CompletableFuture<?> future) throws InterruptedException {
        try {
            future.get();
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        }
    }

    private static void assertNamesTheFileAndTheReason(String message, Path file, String reason) {
        assertTrue(message.contains(file.getFileName().toString()), "names the file: " + message);
        assertTrue(message.contains(reason), "says '" + reason + "': " + message);
        assertFalse(message.contains("\tat ") || message.contains("Exception"), "no stack trace: " + message);
    }

    private record Run(int code, String out, String err) {
    }

    private static Run cli(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = Cli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(code, out.toString(), err.toString());
    }

    // ---------------------------------------------------------------- images

    @TestFactory
    List<DynamicTest> imagesThroughTheInpaintOpen() {
        List<DynamicTest> tests = new ArrayList<>();
        ModelService service = new ModelService(ServiceExecutors.sameThread());
        for (BadInputs.Entry entry : BadInputs.images()) {
            tests.add(dynamicTest(entry.name(), () -> {
                Path file = make("images", entry);
                Throwable error = failure(service.openImage(file));
                if (entry.refused()) {
                    assertTrue(error instanceof java.io.IOException, entry + ": " + error);
                    assertNamesTheFileAndTheReason(error.getMessage(), file, entry.reason());
                } else {
                    assertEquals(null, error, entry + " must open");
                    assertTrue(service.openImage(file).get().width() >= 10);
                }
            }));
        }
        return tests;
    }

    @TestFactory
    List<DynamicTest> imagesThroughTheDataLoader() throws Exception {
        // one folder holds every entry and a good photo: each bad one is skipped with its reason, the rest load
        Path folder = Files.createDirectories(dir.resolve("loader"));
        Files.copy(goodPhoto, folder.resolve("good.png"));
        for (BadInputs.Entry entry : BadInputs.images()) {
            entry.maker().make(folder.resolve(entry.name()));
        }
        Files.createSymbolicLink(folder.resolve("loop"), folder); // a symlink loop
        Files.createSymbolicLink(folder.resolve("dangling.png"), folder.resolve("no-such-target.png"));
        Path locked = Files.write(folder.resolve("locked.png"), BadInputs.png(BadInputs.photo(32, 32)));
        Files.setPosixFilePermissions(locked, java.util.Set.of());
        boolean lockable = !Files.isReadable(locked); // root reads it anyway
        DataReport report = Datasets.openEvaluationData(folder, 16, 3).report();
        List<DynamicTest> tests = new ArrayList<>();
        for (BadInputs.Entry entry : BadInputs.images()) {
            tests.add(dynamicTest(entry.name(), () -> {
                String line = report.skipped().stream().filter(l -> l.startsWith(entry.name() + ": ")).findFirst()
                        .orElse(null);
                if (entry.loader() != null) {
                    assertTrue(line != null, entry + " is skipped: " + report.skipped());
                    assertTrue(line.contains(entry.loader()), line);
                } else {
                    assertEquals(null, line, entry + " must load");
                }
            }));
        }
        tests.add(dynamicTest("a dangling symlink is skipped by name", () -> assertTrue(report.skipped().stream()
                .anyMatch(l -> l.startsWith("dangling.png: ")), report.skipped().toString())));
        tests.add(dynamicTest("an unreadable file is skipped by name", () -> {
            org.junit.jupiter.api.Assumptions.assumeTrue(lockable, "running as root: every file is readable");
            assertTrue(report.skipped().stream().anyMatch(l -> l.startsWith("locked.png: ")
                    && l.contains("permission denied")), report.skipped().toString());
        }));
        tests.add(dynamicTest("the symlink loop is not followed round", () -> {
            long expected = (lockable ? 1 : 2) + BadInputs.images().stream().filter(e -> e.loader() == null).count();
            assertEquals(expected, report.usableFiles(), report.toString());
        }));
        return tests;
    }

    @TestFactory
    List<DynamicTest> imagesThroughTheCli() {
        List<DynamicTest> tests = new ArrayList<>();
        for (BadInputs.Entry entry : BadInputs.images()) {
            if (!entry.refused()) {
                continue; // reading them is the Inpaint open's test; the CLI reads with the same code
            }
            tests.add(dynamicTest(entry.name(), () -> {
                Path file = make("images", entry);
                Path out = dir.resolve("cli-" + entry.name() + ".grid.png");
                Run run = cli("sample", "--model", goodModel.toString(), "--image", file.toString(), "--branching",
                        "1,1,1", "--out", out.toString());
                assertEquals(1, run.code(), run.err());
                assertTrue(run.err().startsWith("error: "), run.err());
                assertNamesTheFileAndTheReason(run.err(), file, entry.reason());
                assertFalse(Files.exists(out), "nothing written");
            }));
        }
        return tests;
    }

    // ---------------------------------------------------------------- model files

    @TestFactory
    List<DynamicTest> modelFilesThroughOpenModelAndTheCli() {
        List<DynamicTest> tests = new ArrayList<>();
        for (BadInputs.Entry entry : BadArchives.models(goodModel)) {
            tests.add(dynamicTest("Open Model: " + entry.name(), () -> {
                Path file = make("models", entry);
                ModelService service = new ModelService(ServiceExecutors.sameThread());
                service.openModel(goodModel).get();
                Throwable error = failure(service.openModel(file));
                if (entry.refused()) {
                    assertTrue(error instanceof java.io.IOException, entry + ": " + error);
                    assertNamesTheFileAndTheReason(error.getMessage(), file, entry.reason());
                    assertEquals(goodModel, service.model().orElseThrow().file(), "the loaded model stays");
                } else {
                    assertEquals(null, error, entry + " must open");
                }
                assertFalse(Files.exists(dir.getParent().resolve("lacuna-corpus-escaped.txt")));
                assertFalse(Files.exists(Path.of("lacuna-corpus-escaped.txt")));
            }));
            if (entry.refused()) {
                tests.add(dynamicTest("CLI: " + entry.name(), () -> {
                    Path file = make("models", entry);
                    Run run = cli("sample", "--model", file.toString(), "--image", goodPhoto.toString(), "--branching",
                            "1,1,1", "--out", dir.resolve("unused.png").toString());
                    assertEquals(1, run.code(), run.err());
                    assertNamesTheFileAndTheReason(run.err(), file, entry.reason());
                }));
            }
        }
        return tests;
    }

    @TestFactory
    List<DynamicTest> npzWeightsThroughOpenModelAndImport() {
        List<DynamicTest> tests = new ArrayList<>();
        for (BadInputs.Entry entry : BadArchives.npzs(goodNpz)) {
            tests.add(dynamicTest("Open Model: " + entry.name(), () -> {
                Path file = make("npz", entry);
                ModelService service = new ModelService(ServiceExecutors.sameThread());
                Throwable error = failure(service.openNpz(file, config));
                if (entry.refused()) {
                    assertTrue(error instanceof java.io.IOException, entry + ": " + error);
                    assertNamesTheFileAndTheReason(error.getMessage(), file, entry.reason());
                } else {
                    assertEquals(null, error, entry + " must open");
                    // Fortran order is read as the same weights
                    var good = NpzWeights.read(goodNpz);
                    var read = NpzWeights.read(file);
                    for (String name : good.keySet()) {
                        assertEquals(good.get(name), read.get(name), name);
                    }
                }
            }));
        }
        return tests;
    }

    // ---------------------------------------------------------------- run folders

    @Test
    void aRunWithACutOrGarbledMetricsLineStillOpensWithItsGoodLines() throws Exception {
        Path runs = Files.createDirectories(dir.resolve("runs"));
        Path run = Files.createDirectories(runs.resolve("run-a"));
        TrainingService training = new TrainingService(new ModelService(ServiceExecutors.sameThread()), runs,
                List.of(config));
        org.lacuna.store.RunDirectory directory = new org.lacuna.store.RunDirectory(run);
        directory.writeConfig(new org.lacuna.config.RunConfig(config,
                org.lacuna.config.TrainConfig.builder(goodPhoto.getParent().toString()).build()));
        StringBuilder metrics = new StringBuilder();
        for (int step = 1; step <= 3; step++) {
            metrics.append("{\"type\":\"step\",\"step\":").append(step).append(",\"loss\":10.0,\"recon\":9.0,"
                    + "\"kl\":[0.5,0.3,0.2],\"bpd\":5.0,\"beta\":1.0,\"gradNorm\":3.0,\"skipped\":false,"
                    + "\"skips\":0,\"imagesPerSecond\":30.0,\"elapsedSeconds\":1.0}\n");
        }
        metrics.append("garbage that is not JSON\n");
        metrics.append("{\"type\":\"step\",\"step\":4,\"loss\":10.0,\"re");  // a line cut by a crash
        Files.writeString(directory.metricsFile(), metrics);
        var summaries = training.listRuns().get();
        assertEquals(1, summaries.size());
        var history = training.readRun(run).get();
        assertEquals(3, history.steps().size(), "the three whole lines");
    }

    @Test
    void aConfigEditedByHandWithAnUnknownKeyNamesTheFileAndTheKey() throws Exception {
        Path run = Files.createDirectories(dir.resolve("runs-edited/run-b"));
        org.lacuna.store.RunDirectory directory = new org.lacuna.store.RunDirectory(run);
        directory.writeConfig(new org.lacuna.config.RunConfig(config,
                org.lacuna.config.TrainConfig.builder(goodPhoto.getParent().toString()).build()));
        String json = Files.readString(directory.configFile());
        Files.writeString(directory.configFile(), json.replaceFirst("\\{", "{ \"colour\" : \"blue\","));
        java.io.IOException e = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
                directory::readConfig);
        assertNamesTheFileAndTheReason(e.getMessage(), directory.configFile(), "unknown key 'colour'");
        // the run browser lists the runs that read and names the one that does not, with the reason
        Path good = Files.createDirectories(run.getParent().resolve("run-a"));
        new org.lacuna.store.RunDirectory(good).writeConfig(new org.lacuna.config.RunConfig(config,
                org.lacuna.config.TrainConfig.builder(goodPhoto.getParent().toString()).build()));
        TrainingService training = new TrainingService(new ModelService(ServiceExecutors.sameThread()),
                run.getParent(), List.of(config));
        var listing = training.listRunsAndProblems().get();
        assertEquals(List.of("run-a"), listing.runs().stream().map(r -> r.name()).toList());
        assertEquals(1, listing.unreadable().size());
        assertNamesTheFileAndTheReason(listing.unreadable().get(0), directory.configFile(), "unknown key 'colour'");
    }
}
