package io.wanlab.core.flow;

/** Why the table dropped a flow on its own. */
public enum RemovalCause {
    /** Idle longer than its kind's timeout. */
    EXPIRED,
    /** The table was full and a new flow needed the room. */
    EVICTED
}
