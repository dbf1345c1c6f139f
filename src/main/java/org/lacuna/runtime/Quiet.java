package org.lacuna.runtime;

import java.io.OutputStream;
import java.io.PrintStream;

/**
 * Runs library calls that print to standard output unconditionally (SameDiff's gradient construction does), with
 * {@code System.out} swapped for a null stream for the whole process meanwhile.
 */
public final class Quiet {

    private Quiet() {
    }

    public static synchronized void run(Runnable action) {
        PrintStream original = System.out;
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        try {
            action.run();
        } finally {
            System.setOut(original);
        }
    }
}
