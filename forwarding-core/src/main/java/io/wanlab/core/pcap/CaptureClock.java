package io.wanlab.core.pcap;

import java.time.Instant;

/**
 * Wall-clock time in nanoseconds since the Unix epoch, the timestamp unit of {@link PcapngWriter}.
 * Wall clock rather than {@link System#nanoTime()} because captures from several processes (the
 * Sockets, the PoP) are merged later and must share one time base.
 */
@FunctionalInterface
public interface CaptureClock {
    /** The system clock (microsecond or better resolution on Linux). */
    CaptureClock SYSTEM = () -> toEpochNanos(Instant.now());

    /** Now, in nanoseconds since 1970-01-01T00:00:00Z. */
    long epochNanos();

    /** Converts an instant; throws {@link ArithmeticException} outside 1677..2262, the range of a long. */
    static long toEpochNanos(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
    }

    static Instant toInstant(long epochNanos) {
        return Instant.ofEpochSecond(Math.floorDiv(epochNanos, 1_000_000_000L), Math.floorMod(epochNanos, 1_000_000_000L));
    }
}
