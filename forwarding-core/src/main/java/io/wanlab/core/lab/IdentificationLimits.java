package io.wanlab.core.lab;

/**
 * How long a Socket tries to identify an undecided TCP flow's application before it gives up and
 * decides the flow by the rules without an application (DESIGN 4.1). Counted over the flow's
 * client-to-server packets since its first one (SYN and retransmissions included) and over the
 * TCP payload bytes of those packets: the flow is decided on the packet that reaches either bound.
 * Lab file: the optional top-level {@code identification: {maxPackets: N, maxBytes: M}}.
 */
public record IdentificationLimits(int maxPackets, int maxBytes) {
    /** A SYN, an ACK and a ClientHello over 30 segments fit; a client that keeps sending unnamed data does not. */
    public static final int DEFAULT_MAX_PACKETS = 32;
    /** Twice the largest ClientHello the parser reads (16 KiB), so record headers and a retransmission fit too. */
    public static final int DEFAULT_MAX_BYTES = 32768;
    public static final int MIN_PACKETS = 2;
    public static final int MAX_PACKETS = 1000;
    public static final int MIN_BYTES = 1;
    public static final int MAX_BYTES = 1 << 20;
    public static final IdentificationLimits DEFAULTS = new IdentificationLimits(DEFAULT_MAX_PACKETS, DEFAULT_MAX_BYTES);

    public IdentificationLimits {
        if (maxPackets < MIN_PACKETS || maxPackets > MAX_PACKETS) {
            throw new IllegalArgumentException("maxPackets: " + maxPackets + " (expected: " + MIN_PACKETS + ".." + MAX_PACKETS
                    + ", a SYN and at least one more packet)");
        }
        if (maxBytes < MIN_BYTES || maxBytes > MAX_BYTES) {
            throw new IllegalArgumentException("maxBytes: " + maxBytes + " (expected: " + MIN_BYTES + ".." + MAX_BYTES + ")");
        }
    }
}
