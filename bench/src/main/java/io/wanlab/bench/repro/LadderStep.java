package io.wanlab.bench.repro;

import static java.util.Objects.requireNonNull;

/**
 * One arrow of a ladder diagram: a packet crossing from one lane to another.
 *
 * @param timeNanos capture time (epoch nanoseconds), for ordering and the time column
 * @param from      lane the packet leaves: client, socket-a, pop, socket-b or server
 * @param to        lane it reaches
 * @param label     flags or TLS message, e.g. "SYN", "SYN-ACK", "ClientHello", "RST", "data 517 B"
 * @param reset     true for a TCP RST (drawn in red)
 * @param note      where it was seen and the capture comment (rule, transport), for a tooltip
 */
public record LadderStep(long timeNanos, String from, String to, String label, boolean reset, String note) {
    public LadderStep {
        requireNonNull(from, "from");
        requireNonNull(to, "to");
        requireNonNull(label, "label");
        requireNonNull(note, "note");
    }
}
