package org.lacuna.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lacuna.data.Images;
import org.lacuna.data.SyntheticImages;
import org.lacuna.store.AtomicFiles;
import org.lacuna.store.ModelFile;
import org.lacuna.store.RunDirectory;
import org.lacuna.store.StepRecord;

/** Issue 24's data loss and false success in `train`: each test fails without its fix. */
class TrainSafetyTest {

    @TempDir
    Path dir;

    private String[] common(Path photos, int steps, int checkpointEvery, int validateEvery) {
        return new String[]{"--preset", "fashion32", "--data", photos.toString(), "--batch", "2", "--steps",
                Integer.toString(steps), "--checkpoint-every", Integer.toString(checkpointEvery), "--validate-every",
                Integer.toString(validateEvery), "--print-every", "1"};
    }

    private Path photos() throws Exception {
        Path photos = Files.createDirectories(dir.resolve("photos"));
        for (int i = 0; i < 6; i++) {
            Images.write(SyntheticImages.photo(40, 36, 1, i), photos.resolve("p" + i + ".png"));
        }
        return photos;
    }

    private static String[] train(Path run, String... more) {
        List<String> args = new ArrayList<>(List.of("train", "--run", run.toString()));
        args.addAll(Arrays.asList(more));
        return args.toArray(String[]::new);
    }

    private static Process child(Path log, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(javaBin(), "-cp",
                System.getProperty("java.class.path"), "-Dorg.bytedeco.javacpp.platform.extension=-onednn",
                // the app's own logging (the tests' prints every warning)
                "-Dlogback.configurationFile=" + Path.of("src/main/resources/logback.xml").toAbsolutePath(),
                "org.lacuna.Main"));
        command.addAll(Arrays.asList(args));
        ProcessBuilder b = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        b.environment().put("LACUNA_LOG_DIR", log.getParent().resolve("logs").toString());
        return b.start();
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static long steps(RunDirectory run) throws Exception {
        return run.readMetrics().stream().filter(r -> r instanceof StepRecord).count();
    }

    @Test
    void aSecondTrainingOfARunFolderIsRefusedAndAKilledOwnersLockIsTakenOver() throws Exception {
        Path photos = photos();
        Path run = dir.resolve("run");
        List<String> args = new ArrayList<>(List.of(train(run)));
        args.addAll(List.of(common(photos, 100_000, 1000, 100_000)));
        Process owner = child(dir.resolve("owner.log"), args.toArray(String[]::new));
        RunDirectory r = new RunDirectory(run);
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (steps(r) < 2) {
            assertTrue(owner.isAlive(), Files.readString(dir.resolve("owner.log")));
            assertTrue(System.nanoTime() < deadline, "timed out");
            Thread.sleep(20);
        }
        CliTest.Result second = CliTest.run(train(run));
        assertEquals(1, second.code(), second.out() + second.err());
        assertTrue(second.err().contains(run.toAbsolutePath() + " is in use by another training (process "
                + owner.pid()), second.err());
        assertFalse(second.err().contains("Exception"), second.err());
        assertTrue(owner.isAlive(), "the owner trains on");
        owner.destroyForcibly(); // SIGKILL: the lock file stays behind, stale
        owner.waitFor();
        long before = steps(r);
        CliTest.Result resumed = CliTest.run(train(run, "--steps", Long.toString(before + 2)));
        assertEquals(0, resumed.code(), resumed.out() + resumed.err());
        assertTrue(resumed.out().contains("left locked by process " + owner.pid()), resumed.out());
    }

    @Test
    void aMissingLatestCheckpointResumesFromTheBestOrIsRefusedNamingIt() throws Exception {
        Path photos = photos();
        Path run = dir.resolve("run");
        CliTest.Result first = CliTest.run(train(run, common(photos, 6, 2, 2)));
        assertEquals(0, first.code(), first.out() + first.err());
        RunDirectory r = new RunDirectory(run);
        long bestStep = ModelFile.read(r.bestCheckpoint()).header().step();
        byte[] best = Files.readAllBytes(r.bestCheckpoint());
        Files.delete(r.latestCheckpoint());

        CliTest.Result resumed = CliTest.run(train(run, "--steps", "7"));
        assertEquals(0, resumed.code(), resumed.out() + resumed.err());
        assertTrue(resumed.out().contains("step " + bestStep + " of 7"), "resumed from the best: " + resumed.out());
        assertTrue(bestStep > 0);

        Files.delete(r.latestCheckpoint());
        Files.delete(r.bestCheckpoint());
        CliTest.Result refused = CliTest.run(train(run, "--steps", "8"));
        assertEquals(1, refused.code(), refused.out() + refused.err());
        assertTrue(refused.err().contains(r.latestCheckpoint() + " is missing"), refused.err());
        assertEquals(7, steps(r), "the metrics are kept");
        assertTrue(best.length > 0);
    }

    @Test
    void aFullDiskBeforeTheFirstCheckpointIsAFailureWarnedOnce() throws Exception {
        Path photos = photos();
        Path run = dir.resolve("run");
        AtomicFiles.injectFailures(p -> p.startsWith(run.toAbsolutePath()) && p.endsWith("latest.lacuna"));
        CliTest.Result r;
        try {
            r = CliTest.run(train(run, common(photos, 3, 100, 100)));
        } finally {
            AtomicFiles.injectFailures(null);
        }
        assertEquals(1, r.code(), r.out() + r.err());
        assertFalse(r.out().contains("; checkpoint "), r.out());
        assertTrue(r.err().contains("could not be written"), r.err());
        assertTrue(r.err().contains("no checkpoint of the run has been written"), r.err());
        String all = r.out() + r.err();
        assertEquals(1, all.split("cannot write the checkpoint", -1).length - 1, "warned once: " + all);
    }

    /**
     * In a real process with the app's logging: a checkpoint that cannot be written (a file where the checkpoints
     * folder goes) is warned once, and the run fails instead of claiming a checkpoint; with --on-write-error stop the
     * fatal error exits at once, not after the stop hook's 120 s.
     */
    @Test
    void aCheckpointThatCannotBeWrittenFailsTheRunOnceWarnedAndAFatalErrorExitsAtOnce() throws Exception {
        Path photos = photos();
        for (String policy : new String[]{"continue", "stop"}) {
            Path run = Files.createDirectories(dir.resolve("run-" + policy));
            Files.writeString(run.resolve("checkpoints"), "a file where the checkpoints folder goes");
            List<String> args = new ArrayList<>(List.of(train(run, "--on-write-error", policy)));
            args.addAll(List.of(common(photos, 2, 1, 100)));
            long started = System.nanoTime();
            Path logFile = dir.resolve(policy + ".log");
            Process p = child(logFile, args.toArray(String[]::new));
            assertTrue(p.waitFor(150, TimeUnit.SECONDS), "still running after 150 s");
            double seconds = (System.nanoTime() - started) / 1e9;
            String log = Files.readString(logFile);
            assertEquals(1, p.exitValue(), log);
            assertFalse(log.contains("; checkpoint "), log);
            if (policy.equals("stop")) {
                assertTrue(log.contains("the run stops here"), log);
                assertTrue(seconds < 60, "took " + seconds + " s: " + log);
            } else {
                assertEquals(1, log.split("cannot write the checkpoint at step 1 ", -1).length - 1, "once: " + log);
                assertTrue(log.contains("no checkpoint of the run has been written"), log);
            }
        }
    }

    @Test
    void anEmptyOrNullConfigAndABinaryMetricsFileAreNamedWithTheReason() throws Exception {
        Path run = Files.createDirectories(dir.resolve("run"));
        for (String content : new String[]{"", "null", "[]"}) {
            Files.writeString(run.resolve("config.json"), content);
            CliTest.Result r = CliTest.run(train(run));
            assertEquals(1, r.code(), content + ": " + r.out() + r.err());
            assertTrue(r.err().contains(run.resolve("config.json") + ": not a run configuration"), r.err());
        }
        Path photos = photos();
        Path good = dir.resolve("good");
        assertEquals(0, CliTest.run(train(good, common(photos, 2, 1, 100))).code());
        Files.write(good.resolve("metrics.jsonl"), new byte[]{(byte) 0xff, (byte) 0xfe, 0, 1, 2, (byte) 0xc3});
        CliTest.Result r = CliTest.run(train(good, "--steps", "3"));
        assertEquals(1, r.code(), r.out() + r.err());
        assertTrue(r.err().contains(good.resolve("metrics.jsonl") + ": not a text file"), r.err());
    }
}
