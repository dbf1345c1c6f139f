package org.lacuna.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @TempDir
    Path dir;

    private List<String> names() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static byte[] oldContent() {
        byte[] b = new byte[10_000];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (i * 31 + 7);
        }
        return b;
    }

    @Test
    void aWriterThatFailsHalfwayLeavesThePreviousFileAndNoTemporaryFile() throws IOException {
        Path target = dir.resolve("model.npz");
        byte[] old = oldContent();
        Files.write(target, old);
        IOException failure = new IOException("disk full");
        IOException thrown = assertThrows(IOException.class, () -> AtomicFiles.write(target, out -> {
            out.write("the new content, half of it".getBytes(StandardCharsets.UTF_8));
            out.write(new byte[50_000]);
            out.flush();
            throw failure;
        }));
        assertSame(failure, thrown.getCause(), "the failure, named with the target (issue 24)");
        assertEquals(target.toAbsolutePath() + ": disk full", thrown.getMessage());
        assertArrayEquals(old, Files.readAllBytes(target));
        assertEquals(List.of("model.npz"), names());
    }

    @Test
    void anUncheckedFailureAlsoLeavesThePreviousFileAndNoTemporaryFile() throws IOException {
        Path target = dir.resolve("config.json");
        Files.writeString(target, "{\"old\": true}");
        assertThrows(UncheckedIOException.class, () -> AtomicFiles.write(target, out -> {
            out.write("{\"new\": ".getBytes(StandardCharsets.UTF_8));
            throw new UncheckedIOException(new IOException("encoder failed"));
        }));
        assertEquals("{\"old\": true}", Files.readString(target));
        assertEquals(List.of("config.json"), names());
    }

    @Test
    void aFailedFirstWriteLeavesNoFileAtAll() throws IOException {
        Path target = dir.resolve("metrics.jsonl");
        assertThrows(IOException.class, () -> AtomicFiles.write(target, out -> {
            out.write(1);
            throw new IOException("interrupted");
        }));
        assertFalse(Files.exists(target));
        assertEquals(List.of(), names());
    }

    @Test
    void aSuccessfulWriteReplacesTheFileAndLeavesNothingElse() throws IOException {
        Path target = dir.resolve("model.npz");
        Files.write(target, oldContent());
        byte[] fresh = "a shorter new content".getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(target, out -> {
            out.write(fresh, 0, 5);
            out.write(fresh, 5, fresh.length - 5);
        });
        assertArrayEquals(fresh, Files.readAllBytes(target));
        assertEquals(List.of("model.npz"), names());

        AtomicFiles.writeString(target, "ünïcode text");
        assertEquals("ünïcode text", Files.readString(target, StandardCharsets.UTF_8));
        assertEquals(List.of("model.npz"), names());
    }

    @Test
    void missingFoldersAreCreated() throws IOException {
        Path target = dir.resolve("runs/one/checkpoints/latest.npz");
        AtomicFiles.writeBytes(target, new byte[]{1, 2, 3});
        assertArrayEquals(new byte[]{1, 2, 3}, Files.readAllBytes(target));
        try (Stream<Path> files = Files.list(target.getParent())) {
            assertEquals(List.of(target), files.toList());
        }
    }

    @Test
    void theWrittenFileIsReadableByAllAndWritableByItsOwner() throws IOException {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        Path fresh = dir.resolve("fresh.json");
        AtomicFiles.writeString(fresh, "{}");
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh)));

        Path replaced = dir.resolve("replaced.json");
        Files.writeString(replaced, "old");
        Files.setPosixFilePermissions(replaced, PosixFilePermissions.fromString("rw-------"));
        AtomicFiles.writeString(replaced, "new");
        assertEquals("new", Files.readString(replaced));
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(replaced)));
    }
}
