package org.lacuna.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A run folder's owner: the file {@code lock} in the folder holds the training process's pid, under an operating
 * system lock on the file for as long as the process trains. A second training of the folder (another process, or
 * this one again) is refused with a message that names the owner. The operating system releases the lock of a
 * process that dies (a SIGKILL, a power cut), so a lock file left behind is stale: it is taken over, and {@link
 * #staleOwner()} says whose it was. The file stays when the lock is released (emptied), so the lock is always on
 * the same file.
 */
public final class RunLock implements AutoCloseable {

    /** The lock file's name inside a run folder. */
    public static final String FILE = "lock";

    /**
     * The folders this process holds: checked before a channel is opened, since closing any channel on a locked file
     * would release the process's lock on it (POSIX locks are per process).
     */
    private static final java.util.Set<Path> HELD = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;
    private final long staleOwner;

    private RunLock(Path file, FileChannel channel, FileLock lock, long staleOwner) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
        this.staleOwner = staleOwner;
    }

    /**
     * Takes a run folder (created if missing) for this process; an IOException, whose message names the folder and
     * the owner, when another training holds it.
     */
    public static RunLock acquire(Path runFolder) throws IOException {
        Path root = runFolder.toAbsolutePath();
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new IOException("cannot create the run folder " + root + " (" + reason(e) + ")", e);
        }
        Path file = root.resolve(FILE);
        if (!HELD.add(file)) {
            throw new IOException(root + " is in use by another training (process " + ProcessHandle.current().pid()
                    + ", this one, see " + file
                    + "); wait for it to end or stop it, or choose another run folder");
        }
        try {
            return open(root, file);
        } catch (IOException | RuntimeException e) {
            HELD.remove(file);
            throw e;
        }
    }

    private static RunLock open(Path root, Path file) throws IOException {
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new IOException("cannot write in the run folder " + root + " (" + reason(e) + ")", e);
        }
        try {
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null; // this process holds it already
            }
            String owner = read(channel);
            if (lock == null) {
                channel.close();
                String who = owner.isEmpty() ? "another process" : "process " + owner;
                throw new IOException(root + " is in use by another training (" + who + ", see " + file
                        + "); wait for it to end or stop it, or choose another run folder");
            }
            long stale = -1;
            if (!owner.isEmpty()) {
                try {
                    stale = Long.parseLong(owner);
                } catch (NumberFormatException e) {
                    stale = 0;
                }
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)),
                    0);
            channel.force(true);
            return new RunLock(file, channel, lock, stale);
        } catch (IOException | RuntimeException e) {
            if (channel.isOpen()) {
                channel.close();
            }
            throw e;
        }
    }

    private static String read(FileChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(64);
        channel.read(buffer, 0);
        return new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII).trim();
    }

    private static String reason(IOException e) {
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** The pid of a process that died holding the folder (its lock file was taken over); -1 when there was none. */
    public long staleOwner() {
        return staleOwner;
    }

    public Path file() {
        return file;
    }

    /** Frees the folder: the file is emptied, then the lock released. */
    @Override
    public void close() throws IOException {
        if (!channel.isOpen()) {
            return;
        }
        try {
            channel.truncate(0);
        } finally {
            try {
                lock.release();
            } finally {
                channel.close();
                HELD.remove(file);
            }
        }
    }
}
