package io.wanlab.core.event;

/**
 * Where a node's events go. Implementations accept events from any thread, and
 * {@link #emit} never throws for I/O trouble (a log must not break forwarding); see each
 * implementation for how it reports such trouble.
 */
@FunctionalInterface
public interface EventLog {
    void emit(Event event);

    /** Drops every event; for nodes and tests that do not care. */
    EventLog NONE = new EventLog() {
        @Override
        public void emit(Event event) {
        }

        @Override
        public String toString() {
            return "EventLog.NONE";
        }
    };
}
