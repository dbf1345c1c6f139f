package org.lacuna.ui.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class EditHistoryTest {

    private final List<String> log = new ArrayList<>();

    private Command command(String name) {
        return new Command() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public void apply() {
                log.add("+" + name);
            }

            @Override
            public void revert() {
                log.add("-" + name);
            }
        };
    }

    @Test
    void undoAndRedoWalkTheStackAndANewEditDropsTheRedos() {
        EditHistory h = new EditHistory();
        assertFalse(h.canUndoProperty().get());
        Command a = command("a"), b = command("b");
        h.execute(a);
        h.execute(b);
        assertSame(b, h.topProperty().get());
        assertTrue(h.undo());
        assertTrue(h.canRedoProperty().get());
        assertSame(b, h.nextProperty().get());
        assertTrue(h.undo());
        assertFalse(h.undo());
        assertTrue(h.redo());
        h.execute(command("c"));
        assertFalse(h.canRedoProperty().get());
        assertEquals(List.of("+a", "+b", "-b", "-a", "+a", "+c"), log);
        h.clear();
        assertNull(h.topProperty().get());
        assertFalse(h.canUndoProperty().get());
    }

    @Test
    void keepsAtMostTheLimit() {
        EditHistory h = new EditHistory();
        for (int i = 0; i < EditHistory.LIMIT + 5; i++) {
            h.execute(command("e" + i));
        }
        int undos = 0;
        while (h.undo()) {
            undos++;
        }
        assertEquals(EditHistory.LIMIT, undos);
    }
}
