package org.lacuna.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunLockTest {

    @TempDir
    Path dir;

    @Test
    void aRunFolderHasOneOwnerNamedByItsPidAndIsFreedOnClose() throws Exception {
        Path run = dir.resolve("run");
        try (RunLock lock = RunLock.acquire(run)) {
            assertEquals(ProcessHandle.current().pid() + "", Files.readString(lock.file()).trim());
            assertEquals(-1, lock.staleOwner());
            IOException e = assertThrows(IOException.class, () -> RunLock.acquire(run));
            assertTrue(e.getMessage().contains(run + " is in use by another training"), e.getMessage());
            assertTrue(e.getMessage().contains("process"), e.getMessage());
        }
        try (RunLock again = RunLock.acquire(run)) {
            assertEquals(-1, again.staleOwner(), "a lock released cleanly is not stale");
        }
    }

    @Test
    void aLockLeftByADeadProcessIsStaleAndTakenOver() throws Exception {
        Path run = Files.createDirectories(dir.resolve("run"));
        Files.writeString(run.resolve(RunLock.FILE), "987654321\n"); // the pid of a process killed while training
        try (RunLock lock = RunLock.acquire(run)) {
            assertEquals(987654321L, lock.staleOwner());
            assertEquals(ProcessHandle.current().pid() + "", Files.readString(lock.file()).trim());
        }
    }

    @Test
    void anUnwritableRunFolderIsNamedWithTheReason() throws Exception {
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        IOException e = assertThrows(IOException.class, () -> RunLock.acquire(file.resolve("run")));
        assertTrue(e.getMessage().contains(file.resolve("run").toString()), e.getMessage());
        assertTrue(e.getMessage().contains("("), e.getMessage());
    }
}
