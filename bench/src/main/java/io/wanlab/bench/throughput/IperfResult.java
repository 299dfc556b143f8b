package io.wanlab.bench.throughput;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * What one iperf3 run measured, summed over its parallel streams: bits per second as the sender sent them and as the
 * receiver got them, the sender's TCP retransmits (absent where iperf3 does not report them, and for UDP), the bytes
 * the receiver got, the CPU time iperf3's client and server used (from their own rusage, which iperf3 reports as a
 * percentage of the test's length: the one-off processes are gone before /proc could be read), and for UDP the
 * receiver's loss and jitter.
 */
public record IperfResult(double senderBitsPerSecond, double receiverBitsPerSecond, OptionalLong retransmits,
        long receivedBytes, OptionalDouble iperfCpuSeconds, Optional<UdpLoss> udp) {
    /** The receiver's view of a UDP test. */
    public record UdpLoss(long packets, long lost, double jitterMillis) {
        public UdpLoss {
            if (packets < 0 || lost < 0 || !Double.isFinite(jitterMillis) || jitterMillis < 0) {
                throw new IllegalArgumentException("UDP: packets " + packets + ", lost " + lost + ", jitter " + jitterMillis
                        + " ms (expected: 0 or more)");
            }
        }

        /** Lost over sent, in percent; 0 when nothing was sent. */
        public double lostPercent() {
            return packets == 0 ? 0 : 100.0 * lost / packets;
        }
    }

    public IperfResult {
        requireRate("senderBitsPerSecond", senderBitsPerSecond);
        requireRate("receiverBitsPerSecond", receiverBitsPerSecond);
        Objects.requireNonNull(retransmits, "retransmits");
        Objects.requireNonNull(iperfCpuSeconds, "iperfCpuSeconds");
        Objects.requireNonNull(udp, "udp");
        if (retransmits.isPresent() && retransmits.getAsLong() < 0) {
            throw new IllegalArgumentException("retransmits: " + retransmits.getAsLong() + " (expected: 0 or more)");
        }
        if (receivedBytes < 0) {
            throw new IllegalArgumentException("receivedBytes: " + receivedBytes + " (expected: 0 or more)");
        }
    }

    /** Rates and retransmits only (a TCP run whose bytes and CPU are not known). */
    public IperfResult(double senderBitsPerSecond, double receiverBitsPerSecond, OptionalLong retransmits) {
        this(senderBitsPerSecond, receiverBitsPerSecond, retransmits, 0, OptionalDouble.empty(), Optional.empty());
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
