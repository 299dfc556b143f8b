package io.wanlab.bench.throughput;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * What one iperf3 TCP run measured, summed over its parallel streams: bits per second as the
 * sender sent them and as the receiver got them, and the sender's TCP retransmits (absent where
 * iperf3 does not report them).
 */
public record IperfResult(double senderBitsPerSecond, double receiverBitsPerSecond, OptionalLong retransmits) {
    public IperfResult {
        requireRate("senderBitsPerSecond", senderBitsPerSecond);
        requireRate("receiverBitsPerSecond", receiverBitsPerSecond);
        Objects.requireNonNull(retransmits, "retransmits");
        if (retransmits.isPresent() && retransmits.getAsLong() < 0) {
            throw new IllegalArgumentException("retransmits: " + retransmits.getAsLong() + " (expected: 0 or more)");
        }
    }

    public double senderMbps() {
        return senderBitsPerSecond / 1e6;
    }

    public double receiverMbps() {
        return receiverBitsPerSecond / 1e6;
    }

    private static void requireRate(String name, double v) {
        if (!Double.isFinite(v) || v < 0) {
            throw new IllegalArgumentException(name + ": " + v + " (expected: a finite number, 0 or more)");
        }
    }
}
