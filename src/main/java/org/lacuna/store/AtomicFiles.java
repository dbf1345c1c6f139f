package org.lacuna.store;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes a file under a temporary name beside it, flushes it to disk, then moves it into place, so a crash or a
 * full disk never leaves a half-written file where a good one was.
 */
public final class AtomicFiles {

    /** Writes the content of a file. */
    @FunctionalInterface
    public interface Writer {
        void write(OutputStream out) throws IOException;
    }

    /** The suffix of a file being written (hidden: {@code .NAME.random.partial}). */
    public static final String PARTIAL = ".partial";

    /** Paths whose writes fail as on a full disk: a fault injector for tests (none unless a test sets one). */
    private static volatile java.util.function.Predicate<Path> injectedFailures = p -> false;

    /**
     * A test hook, off unless the system property {@value #HALT_PROPERTY} is set to {@code NAME@K:N}: the K-th write
     * of a file named NAME stops the process dead ({@link Runtime#halt}, as a SIGKILL would: no shutdown hook, no
     * clean-up) once N bytes of it are in its partial file, so a test can kill a run inside a checkpoint's write.
     */
    public static final String HALT_PROPERTY = "lacuna.test.haltInWrite";

    private static final HaltInWrite HALT = HaltInWrite.parse(System.getProperty(HALT_PROPERTY));

    private AtomicFiles() {
    }

    /**
     * For tests on machines where no size-limited file system can be mounted: from now on, writing a file this
     * accepts fails after its temporary file is written, with the message of a full disk (null: no more failures).
     */
    public static void injectFailures(java.util.function.Predicate<Path> which) {
        injectedFailures = which == null ? p -> false : which;
    }

    /**
     * Writes a file atomically; a failure is a {@link WriteFailedException} that names {@code target} (not the
     * temporary file) and the reason.
     */
    public static void write(Path target, Writer writer) throws IOException {
        try {
            writeAtomically(target, writer);
        } catch (WriteFailedException e) {
            throw e;
        } catch (IOException e) {
            throw new WriteFailedException(target.toAbsolutePath(), IoReasons.reason(e), e);
        }
    }

    private static void writeAtomically(Path target, Writer writer) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, "." + absolute.getFileName() + ".", PARTIAL);
        try {
            try (OutputStream out = Files.newOutputStream(temp, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                writer.write(HALT == null ? out : HALT.watch(absolute, out));
            }
            if (injectedFailures.test(absolute)) {
                throw new IOException("No space left on device");
            }
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            readableByAll(temp);
            try {
                Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Temporary files are created owner-only; the finished file gets the usual rw-r--r--. */
    private static void readableByAll(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: its defaults apply
        }
    }

    public static void writeBytes(Path target, byte[] content) throws IOException {
        write(target, out -> out.write(content));
    }

    public static void writeString(Path target, String content) throws IOException {
        writeBytes(target, content.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** The parsed {@value #HALT_PROPERTY}: which write of which file name, after how many bytes. */
    private record HaltInWrite(String name, int occurrence, long bytes,
            java.util.concurrent.atomic.AtomicInteger seen) {

        static HaltInWrite parse(String spec) {
            if (spec == null || spec.isBlank()) {
                return null;
            }
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("(.+)@(\\d+):(\\d+)").matcher(spec.strip());
            if (!m.matches()) {
                throw new IllegalArgumentException(HALT_PROPERTY + " must read NAME@K:N, not " + spec);
            }
            return new HaltInWrite(m.group(1), Integer.parseInt(m.group(2)), Long.parseLong(m.group(3)),
                    new java.util.concurrent.atomic.AtomicInteger());
        }

        OutputStream watch(Path target, OutputStream out) {
            if (!target.getFileName().toString().equals(name) || seen.incrementAndGet() != occurrence) {
                return out;
            }
            return new java.io.FilterOutputStream(out) {
                private long written;

                @Override
                public void write(int b) throws IOException {
                    write(new byte[]{(byte) b}, 0, 1);
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    int now = (int) Math.min(len, bytes - written);
                    out.write(b, off, now);
                    written += now;
                    if (written >= bytes) {
                        out.flush();
                        Runtime.getRuntime().halt(137);
                    }
                }
            };
        }
    }
}
