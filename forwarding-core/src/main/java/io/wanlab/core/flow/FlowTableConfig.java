package io.wanlab.core.flow;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * A flow table's hard capacity and idle timeouts per {@link FlowKind}.
 *
 * @param capacity           the most flows the table holds; its arrays are sized for this at construction
 * @param tcpHalfOpenIdle    TCP before it is established
 * @param tcpEstablishedIdle established TCP
 * @param tcpClosingIdle     TCP after FIN or RST
 * @param udpIdle            UDP
 * @param otherIdle          every other protocol (ICMP)
 */
public record FlowTableConfig(
        int capacity,
        Duration tcpHalfOpenIdle,
        Duration tcpEstablishedIdle,
        Duration tcpClosingIdle,
        Duration udpIdle,
        Duration otherIdle) {

    /** Bounded by what an index cell can point at (24 bits of slot). */
    public static final int MAX_CAPACITY = (1 << 24) - 1;
    public static final int DEFAULT_CAPACITY = 1 << 20;
    private static final Duration MIN_IDLE = Duration.ofMillis(1);
    private static final Duration MAX_IDLE = Duration.ofDays(7);

    public FlowTableConfig {
        if (capacity < 1 || capacity > MAX_CAPACITY) {
            throw new IllegalArgumentException("capacity: " + capacity + " (expected: 1.." + MAX_CAPACITY + ")");
        }
        checkIdle("tcpHalfOpenIdle", tcpHalfOpenIdle);
        checkIdle("tcpEstablishedIdle", tcpEstablishedIdle);
        checkIdle("tcpClosingIdle", tcpClosingIdle);
        checkIdle("udpIdle", udpIdle);
        checkIdle("otherIdle", otherIdle);
    }

    /** Capacity 1<<20; half-open 30 s, established 300 s, closing 10 s, UDP 60 s, other 30 s. */
    public static FlowTableConfig defaults() {
        return new FlowTableConfig(
                DEFAULT_CAPACITY,
                Duration.ofSeconds(30),
                Duration.ofSeconds(300),
                Duration.ofSeconds(10),
                Duration.ofSeconds(60),
                Duration.ofSeconds(30));
    }

    public FlowTableConfig withCapacity(int newCapacity) {
        return new FlowTableConfig(newCapacity, tcpHalfOpenIdle, tcpEstablishedIdle, tcpClosingIdle, udpIdle, otherIdle);
    }

    public Duration idle(FlowKind kind) {
        requireNonNull(kind, "kind");
        return switch (kind) {
            case TCP_HALF_OPEN -> tcpHalfOpenIdle;
            case TCP_ESTABLISHED -> tcpEstablishedIdle;
            case TCP_CLOSING -> tcpClosingIdle;
            case UDP -> udpIdle;
            case OTHER -> otherIdle;
        };
    }

    private static void checkIdle(String name, Duration idle) {
        requireNonNull(idle, name);
        if (idle.compareTo(MIN_IDLE) < 0 || idle.compareTo(MAX_IDLE) > 0) {
            throw new IllegalArgumentException(name + ": " + idle + " (expected: " + MIN_IDLE + ".." + MAX_IDLE + ")");
        }
    }
}
