package org.lacuna.ui.common;

/** An edit that can be undone: {@link EditHistory} applies it, reverts it and applies it again. */
public interface Command {

    /** What the Edit menu calls it ("Undo Paste z1 #2"). */
    String name();

    /** Makes the change (the first time and on redo). */
    void apply();

    /** Takes the change back. */
    void revert();
}
