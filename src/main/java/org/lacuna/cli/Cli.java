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
                SelfTestCommand.class, SoakCommand.class, CurveCommand.class, FillCommand.class})
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

    /** The version from the jar's manifest, or "development" when run from classes. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Cli.class.getPackage().getImplementationVersion();
            return new String[]{"Lacuna " + (v == null ? "development" : v)};
        }
    }
}
