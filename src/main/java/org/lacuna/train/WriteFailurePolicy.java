package org.lacuna.train;

/**
 * What a run does when a checkpoint, a snapshot or a preview cannot be written (a full disk, a folder gone): the
 * failure is always reported (logged and sent to the listeners), the file that was there before stays (writes are
 * atomic), and then the run either goes on, the next write trying again, or stops at once.
 */
public enum WriteFailurePolicy {
    /** Keep training: the steps since the last good checkpoint are at risk until a write succeeds. */
    CONTINUE,
    /** End the run at this step, cleanly: the last good checkpoint is where a resume starts. */
    STOP;

    public static WriteFailurePolicy parse(String text) {
        for (WriteFailurePolicy p : values()) {
            if (p.name().equalsIgnoreCase(text.trim())) {
                return p;
            }
        }
        throw new IllegalArgumentException("on a write error: continue or stop, not '" + text + "'");
    }
}
