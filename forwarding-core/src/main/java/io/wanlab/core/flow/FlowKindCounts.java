package io.wanlab.core.flow;

import static java.util.Objects.requireNonNull;

/** One counter per {@link FlowKind}, e.g. how many flows of each kind expired. */
public record FlowKindCounts(long tcpHalfOpen, long tcpEstablished, long tcpClosing, long udp, long other) {

    static FlowKindCounts of(long[] byOrdinal) {
        return new FlowKindCounts(byOrdinal[0], byOrdinal[1], byOrdinal[2], byOrdinal[3], byOrdinal[4]);
    }

    public long get(FlowKind kind) {
        requireNonNull(kind, "kind");
        return switch (kind) {
            case TCP_HALF_OPEN -> tcpHalfOpen;
            case TCP_ESTABLISHED -> tcpEstablished;
            case TCP_CLOSING -> tcpClosing;
            case UDP -> udp;
            case OTHER -> other;
        };
    }

    public long total() {
        return tcpHalfOpen + tcpEstablished + tcpClosing + udp + other;
    }
}
