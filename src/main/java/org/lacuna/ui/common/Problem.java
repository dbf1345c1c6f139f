package org.lacuna.ui.common;

/** Something the user must be told in a dialog: a title and a message that names the file and the reason. */
public record Problem(String title, String message) {
}
