package org.lacuna.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.concurrent.CancellationException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The headless commands. Errors in the user's input or files print one clear line and exit with 1. */
@Command(name = "lacuna", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
        description = "Image inpainting with a conditional hierarchical VAE.",
        subcommands = {InfoCommand.class, SampleCommand.class, TrainCommand.class, EvalCommand.class,
                BenchCommand.class, ExportCommand.class, ImportCommand.class, CropsCommand.class,
                SelfTestCommand.class, SoakCommand.class, CurveCommand.class, FillCommand.class, RemovalCommand.class})
public final class Cli {

    private static final Logger LOG = LoggerFactory.getLogger(Cli.class);
    private static final java.util.concurrent.atomic.AtomicBoolean SHUTTING_DOWN =
            new java.util.concurrent.atomic.AtomicBoolean();

    /** Set by a command's shutdown hook (Ctrl+C): main must then return instead of calling System.exit. */
    static void markShuttingDown() {
        SHUTTING_DOWN.set(true);
    }

    public static boolean isShuttingDown() {
        return SHUTTING_DOWN.get();
    }

    /** What the app opens when named on the command line: photos and models. */
    private static final java.util.Set<String> FILE_EXTENSIONS = java.util.Set.of("png", "jpg", "jpeg", "bmp", "gif",
            "webp", "lacuna", "npz");

    /**
     * Whether arguments are a command for the CLI rather than files for the app: a subcommand or an option first
     * ({@code lacuna train ...}, {@code lacuna --help}). {@code lacuna photo.jpg model.lacuna} opens the app with
     * those files; a first word that is neither a command nor a file (a mistyped command) goes to the CLI, which
     * says what it did not recognise.
     */
    public static boolean isCommandLine(String... args) {
        if (args.length == 0) {
            return false;
        }
        String first = args[0];
        if (first.startsWith("-") || new CommandLine(new Cli()).getSubcommands().containsKey(first)) {
            return true;
        }
        return !looksLikeFile(first);
    }

    private static boolean looksLikeFile(String arg) {
        int dot = arg.lastIndexOf('.');
        String ext = dot < 0 ? "" : arg.substring(dot + 1).toLowerCase(java.util.Locale.ROOT);
        if (FILE_EXTENSIONS.contains(ext)) {
            return true;
        }
        try {
            return java.nio.file.Files.exists(java.nio.file.Path.of(arg));
        } catch (java.nio.file.InvalidPathException e) {
            return false;
        }
    }

    /** Runs a command line; returns the exit code. */
    public static int run(String... args) {
        return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cl = new CommandLine(new Cli());
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((e, line, parsed) -> {
            Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
            if (cause instanceof IOException || cause instanceof IllegalArgumentException
                    || cause instanceof CancellationException) {
                line.getErr().println("error: " + cause.getMessage());
                LOG.debug("command failed", cause);
                return 1;
            }
            throw e;
        });
        return cl.execute(args);
    }

    /**
     * An option value's conversion: an IllegalArgumentException becomes picocli's conversion error, whose message
     * picocli prints as it is (other exceptions get their class name in front of it).
     */
    static <T> T converted(java.util.function.Supplier<T> conversion) {
        try {
            return conversion.get();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }

    /**
     * Checks an output file before any work: not a folder, in a folder that exists and can be written, not one of the
     * command's inputs (it would be overwritten), and, unless {@code overwrite}, not an existing file.
     */
    static void checkOutput(String option, java.nio.file.Path out, boolean overwrite, java.nio.file.Path... inputs)
            throws IOException {
        java.nio.file.Path file = out.toAbsolutePath();
        if (java.nio.file.Files.isDirectory(file)) {
            throw new IllegalArgumentException(option + " " + out + " is a folder; name a file in it");
        }
        java.nio.file.Path folder = file.getParent();
        if (folder != null && !java.nio.file.Files.isDirectory(folder)) {
            throw new IllegalArgumentException(option + " " + out + ": the folder " + folder + " does not exist");
        }
        if (folder != null && !java.nio.file.Files.isWritable(folder)) {
            throw new IllegalArgumentException(option + " " + out + ": cannot write in " + folder
                    + " (permission denied)");
        }
        for (java.nio.file.Path input : inputs) {
            if (input != null && java.nio.file.Files.exists(file) && java.nio.file.Files.exists(input)
                    && java.nio.file.Files.isSameFile(file, input)) {
                throw new IllegalArgumentException(option + " " + out + " is an input of the command ("
                        + input + "): writing it would destroy it; name another file");
            }
        }
        if (!overwrite && java.nio.file.Files.exists(file)) {
            throw new IllegalArgumentException(option + " " + out + " exists already; add --force to replace it,"
                    + " or name another file");
        }
    }

    /** The version from the jar's manifest, or "development" when run from classes. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Cli.class.getPackage().getImplementationVersion();
            return new String[]{"Lacuna " + (v == null ? "development" : v)};
        }
    }
}
