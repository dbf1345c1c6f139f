package org.lacuna.model;

import java.io.OutputStream;
import java.io.PrintStream;

/** Runs library calls that print to standard output unconditionally (SameDiff's gradient construction does). */
final class Quiet {

    private Quiet() {
    }

    static synchronized void run(Runnable action) {
        PrintStream original = System.out;
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        try {
            action.run();
        } finally {
            System.setOut(original);
        }
    }
}
