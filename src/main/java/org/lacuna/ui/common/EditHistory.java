package org.lacuna.ui.common;

import java.util.ArrayDeque;
import java.util.Deque;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * Undo and redo as a stack of {@link Command}s (Scene Builder's JobManager in small). Executing a command clears
 * what could be redone. Keeps the last {@link #LIMIT} commands. Used on one thread (the FX thread, or a test's).
 */
public final class EditHistory {

    /** Commands kept for undo; older ones are forgotten. */
    public static final int LIMIT = 100;

    private final Deque<Command> done = new ArrayDeque<>();
    private final Deque<Command> undone = new ArrayDeque<>();
    private final ReadOnlyBooleanWrapper canUndo = new ReadOnlyBooleanWrapper(this, "canUndo");
    private final ReadOnlyBooleanWrapper canRedo = new ReadOnlyBooleanWrapper(this, "canRedo");
    private final ReadOnlyObjectWrapper<Command> top = new ReadOnlyObjectWrapper<>(this, "top");
    private final ReadOnlyObjectWrapper<Command> next = new ReadOnlyObjectWrapper<>(this, "next");

    /** Applies a command and puts it on the undo stack. */
    public void execute(Command command) {
        command.apply();
        done.push(command);
        while (done.size() > LIMIT) {
            done.removeLast();
        }
        undone.clear();
        update();
    }

    public boolean undo() {
        Command c = done.poll();
        if (c == null) {
            return false;
        }
        c.revert();
        undone.push(c);
        update();
        return true;
    }

    public boolean redo() {
        Command c = undone.poll();
        if (c == null) {
            return false;
        }
        c.apply();
        done.push(c);
        update();
        return true;
    }

    /** Forgets every command (a new document). */
    public void clear() {
        done.clear();
        undone.clear();
        update();
    }

    private void update() {
        canUndo.set(!done.isEmpty());
        canRedo.set(!undone.isEmpty());
        top.set(done.peek());
        next.set(undone.peek());
    }

    public ReadOnlyBooleanProperty canUndoProperty() {
        return canUndo.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canRedoProperty() {
        return canRedo.getReadOnlyProperty();
    }

    /** The command that undo would revert (null when none): a document is saved when this is what it was. */
    public ReadOnlyObjectProperty<Command> topProperty() {
        return top.getReadOnlyProperty();
    }

    /** The command that redo would apply again (null when none). */
    public ReadOnlyObjectProperty<Command> nextProperty() {
        return next.getReadOnlyProperty();
    }
}
