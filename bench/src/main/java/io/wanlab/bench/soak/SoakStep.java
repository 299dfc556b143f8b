package io.wanlab.bench.soak;

import java.time.Duration;

/**
 * Something a soak does to its lab on a schedule, besides the steady connections: a scenario
 * reload, a bulk transfer, a link flap. Steps run one at a time on the soak's own thread. A step
 * that {@link #disturbs} the lab (a reload, a flap) opens a window in which a failed connection is
 * explained by it, not counted against the lab.
 */
public interface SoakStep {
    /** Short name for the per-minute lines and the JSON, e.g. {@code reload}. */
    String name();

    /** How often it runs. */
    Duration period();

    /** When it first runs, after the soak starts. */
    default Duration offset() {
        return period();
    }

    /** Whether connections that fail while it runs (and a little after) are explained by it. */
    boolean disturbs();

    /** Does it once; returns one line saying what it did. Throws when it could not (counted as a failed step). */
    String run() throws Exception;
}
