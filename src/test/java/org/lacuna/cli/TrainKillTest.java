package org.lacuna.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.lacuna.data.Images;
import org.lacuna.data.SyntheticImages;
import org.lacuna.config.RunConfig;
import org.lacuna.store.AtomicFiles;
import org.lacuna.store.ModelFile;
import org.lacuna.store.RunDirectory;
import org.lacuna.store.StepRecord;

/**
 * A real `train` process killed with SIGKILL between checkpoints, or stopped dead inside a checkpoint's write,
 * resumes exactly where an unbroken run goes. The twenty kills at random moments run with
 * {@code -Dlacuna.slowtests=true}.
 */
class TrainKillTest {

    /** The photos and the unbroken run of {@link #EIGHT_STEPS}, shared by the tests that resume from a kill. */
    @TempDir
    static Path shared;

    @TempDir
    Path dir;

    /** Eight steps at batch 4, a checkpoint every 3, on {@code shared}'s photos. */
    private static String[] eightSteps;
    private static RunDirectory unbroken;

    @BeforeAll
    static void trainUnbroken() throws Exception {
        Path photos = photos(shared);
        eightSteps = new String[]{"--preset", "fashion32", "--data", photos.toString(), "--batch", "4", "--steps", "8",
                "--checkpoint-every", "3", "--validate-every", "100", "--print-every", "1"};
        Path straight = shared.resolve("straight");
        assertEquals(0, CliTest.run(concat(new String[]{"train", "--run", straight.toString()}, eightSteps)).code());
        unbroken = new RunDirectory(straight);
    }

    @Test
    void aTrainingKilledWithSigkillResumesExactly() throws Exception {
        Path killed = dir.resolve("killed");
        Process child = child(killed, eightSteps);
        RunDirectory run = new RunDirectory(killed);
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (steps(run) < 4) { // past the checkpoint at step 3, before the one at 6
            assertTrue(child.isAlive(), "the child ended early: " + Files.readString(dir.resolve("child.log")));
            assertTrue(System.nanoTime() < deadline, "timed out");
            Thread.sleep(20);
        }
        child.destroyForcibly(); // SIGKILL: no shutdown hook, no final checkpoint
        child.waitFor();
        long killedAt = steps(run);
        assertTrue(killedAt >= 4 && killedAt < 8, "killed at step " + killedAt);

        CliTest.Result resumed = CliTest.run(new String[]{"train", "--run", killed.toString()});
        assertEquals(0, resumed.code(), resumed.err());
        assertTrue(resumed.out().contains("step 3 of 8"), resumed.out());
        List<StepRecord> a = records(unbroken), b = records(run);
        assertEquals(8, b.size(), "no step is missing or logged twice");
        for (int i = 0; i < 8; i++) {
            assertEquals(a.get(i).loss(), b.get(i).loss(), 0.0, "loss at step " + (i + 1));
        }
    }

    /**
     * The run stops dead (Runtime.halt, as a SIGKILL) inside the second write of its latest checkpoint, after a
     * given number of bytes: the partial file proves where it stopped, the checkpoint before is whole, and the resume
     * removes the partial file and ends with the losses and the weights of an unbroken run.
     */
    @Test
    void aTrainingStoppedDeadInsideACheckpointWriteResumesExactly() throws Exception {
        Path killed = dir.resolve("killed");
        RunDirectory run = new RunDirectory(killed);
        int bytes = 20_000;
        Process child = child(killed, eightSteps, "-D" + AtomicFiles.HALT_PROPERTY + "=latest.lacuna@2:" + bytes);
        assertTrue(child.waitFor(5, TimeUnit.MINUTES), "timed out");
        assertEquals(137, child.exitValue(), Files.readString(dir.resolve("child.log")));

        List<Path> partial;
        try (var files = Files.walk(killed)) {
            partial = files.filter(f -> f.getFileName().toString().endsWith(AtomicFiles.PARTIAL)).toList();
        }
        assertEquals(1, partial.size(), "the halt left the write it cut short: " + partial);
        assertTrue(partial.get(0).getFileName().toString().startsWith(".latest.lacuna."), partial.toString());
        assertEquals(bytes, Files.size(partial.get(0)), "it stopped inside the write, after the bytes asked for");
        assertEquals(3, ModelFile.read(run.latestCheckpoint()).header().step(), "the checkpoint before is whole");
        assertEquals(6, steps(run), "steps 4 to 6 were logged before the checkpoint of step 6");

        CliTest.Result resumed = CliTest.run(new String[]{"train", "--run", killed.toString()});
        assertEquals(0, resumed.code(), resumed.err());
        assertTrue(resumed.out().contains("step 3 of 8"), resumed.out());
        assertSameRun(unbroken, run, 8);
        try (var files = Files.walk(killed)) {
            assertEquals(List.of(), files.filter(f -> f.getFileName().toString().endsWith(AtomicFiles.PARTIAL))
                    .toList(), "the resume removed what the halt cut short");
        }
    }

    /**
     * Twenty SIGKILLs in a row at random moments of a run that checkpoints every step (so that many land during a
     * checkpoint's write): after each, every file on disk reads, and at most one checkpoint interval of steps is
     * lost; the run then finishes with the weights and losses of an unbroken run.
     */
    @Test
    @EnabledIfSystemProperty(named = "lacuna.slowtests", matches = "true")
    void twentyKillsAtRandomMomentsLoseAtMostOneIntervalAndEndAsAnUnbrokenRun() throws Exception {
        Path photos = photos(dir);
        int total = 40;
        String[] common = {"--preset", "fashion32", "--data", photos.toString(), "--batch", "2", "--steps",
                Integer.toString(total), "--checkpoint-every", "1", "--validate-every", "1000", "--print-every", "1"};
        Path straight = dir.resolve("straight");
        assertEquals(0, CliTest.run(concat(new String[]{"train", "--run", straight.toString()}, common)).code());

        Path killed = dir.resolve("killed");
        RunDirectory run = new RunDirectory(killed);
        java.util.Random random = new java.util.Random(20);
        int kills = 0;
        while (kills < 20) {
            long before = steps(run);
            if (before >= total - 1) {
                break; // not enough steps left to kill inside: the rest is the resume's
            }
            Process child = child(killed, common);
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
            while (steps(run) <= before) { // the child has resumed and made a step
                assertTrue(child.isAlive(), "the child ended early: " + Files.readString(dir.resolve("child.log")));
                assertTrue(System.nanoTime() < deadline, "timed out");
                Thread.sleep(5);
            }
            Thread.sleep(random.nextInt(120)); // a random moment: often inside a checkpoint's write
            child.destroyForcibly();
            child.waitFor();
            kills++;
            // every file on disk reads; at most one interval (one step) is lost beyond the checkpoint
            RunConfig config = run.readConfig();
            assertEquals(total, config.train().steps());
            long logged = steps(run);
            long checkpointed = Files.exists(run.latestCheckpoint())
                    ? ModelFile.read(run.latestCheckpoint()).header().step() : 0;
            assertTrue(logged - checkpointed <= 1, "kill " + kills + ": " + logged + " steps logged, checkpoint at "
                    + checkpointed);
            try (var files = Files.walk(killed)) {
                for (Path f : files.filter(f -> f.toString().endsWith(".lacuna")).toList()) {
                    ModelFile.read(f);
                }
            }
        }
        assertTrue(kills >= 15, "only " + kills + " kills fitted in the run");

        CliTest.Result resumed = CliTest.run(new String[]{"train", "--run", killed.toString()});
        assertEquals(0, resumed.code(), resumed.err());
        assertSameRun(new RunDirectory(straight), run, total);
        try (var files = Files.walk(killed)) {
            assertEquals(List.of(), files.filter(f -> f.getFileName().toString().endsWith(".partial")).toList(),
                    "the resume removed what the kills cut short");
        }
    }

    /** The same losses step by step and the same arrays in every group of the latest checkpoints. */
    private static void assertSameRun(RunDirectory straight, RunDirectory run, int total) throws Exception {
        List<StepRecord> a = records(straight), b = records(run);
        assertEquals(total, b.size(), "no step is missing or logged twice");
        for (int i = 0; i < total; i++) {
            assertEquals(a.get(i).loss(), b.get(i).loss(), 0.0, "loss at step " + (i + 1));
        }
        var x = ModelFile.read(straight.latestCheckpoint()).groups();
        var y = ModelFile.read(run.latestCheckpoint()).groups();
        assertEquals(x.keySet(), y.keySet());
        for (String group : x.keySet()) {
            for (String name : x.get(group).keySet()) {
                assertEquals(x.get(group).get(name), y.get(group).get(name), group + "/" + name);
            }
        }
    }

    /** Six synthetic photos in {@code parent}/photos. */
    private static Path photos(Path parent) throws Exception {
        Path photos = Files.createDirectories(parent.resolve("photos"));
        for (int i = 0; i < 6; i++) {
            Images.write(SyntheticImages.photo(40, 36, 1, i), photos.resolve("p" + i + ".png"));
        }
        return photos;
    }

    /** {@code train --run RUN} with these options in a child JVM ({@code flags}: its -D options); log: child.log. */
    private Process child(Path run, String[] options, String... flags) throws Exception {
        String[] java = concat(new String[]{javaBin(), "-cp", System.getProperty("java.class.path"),
                "-Dorg.bytedeco.javacpp.platform.extension=-onednn"}, flags);
        return new ProcessBuilder(concat(concat(java, new String[]{"org.lacuna.Main", "train", "--run",
                run.toString()}), options)).redirectErrorStream(true)
                .redirectOutput(dir.resolve("child.log").toFile()).start();
    }

    private static long steps(RunDirectory run) throws Exception {
        return Files.exists(run.metricsFile()) ? records(run).size() : 0;
    }

    private static List<StepRecord> records(RunDirectory run) throws Exception {
        return run.readMetrics().stream().filter(r -> r instanceof StepRecord).map(r -> (StepRecord) r).toList();
    }

    private static String javaBin() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
