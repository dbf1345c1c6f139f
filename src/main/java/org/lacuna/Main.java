package org.lacuna;

import org.lacuna.cli.Cli;
import org.lacuna.runtime.Backend;

/**
 * Lacuna's entry point: with no arguments, or with files to open (photos, models), it starts the desktop app;
 * with a subcommand it runs the CLI.
 * Before anything loads ND4J, it asks for the oneDNN natives, tunes the allocator and sets the resident-memory
 * ceiling.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        Backend.preferOneDnn();
        org.lacuna.runtime.NativeAllocator.tune();
        org.lacuna.runtime.NativeMemory.limitResidentMemory();
        if (!Cli.isCommandLine(args)) {
            org.lacuna.ui.app.Launcher.main(args);
        } else {
            int code = Cli.run(args);
            if (!Cli.isShuttingDown()) {
                System.exit(code);
            }
        }
    }
}
