package io.wanlab.core.event;

/** Constructor checks shared by the event records. */
final class EventChecks {
    private EventChecks() {
    }

    static void port(String name, int port) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException(name + ": " + port + " (expected: 0..65535)");
        }
    }

    static void oneOf(String name, String value, String... allowed) {
        for (String a : allowed) {
            if (a.equals(value)) {
                return;
            }
        }
        throw new IllegalArgumentException(name + ": '" + value + "' (expected: one of " + String.join(", ", allowed) + ")");
    }
}
