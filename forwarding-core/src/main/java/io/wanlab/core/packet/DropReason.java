package io.wanlab.core.packet;

/**
 * Why {@link PacketView#wrap} refused a packet; {@link #NONE} means it was accepted.
 * Every rejection has its own value so that drops can be counted and reported by cause.
 */
public enum DropReason {
    /** Accepted: not a drop. */
    NONE,
    /** Fewer than 20 bytes: not even a minimal IPv4 header. */
    TRUNCATED,
    /** Version 6: the core forwards IPv4 only (a fresh TUN sees router solicitations). */
    UNSUPPORTED_VERSION_IPV6,
    /** A version other than 4 or 6. */
    UNSUPPORTED_VERSION,
    /** IHL below 5 words, or a header longer than the bytes at hand. */
    BAD_HEADER_LENGTH,
    /** The IPv4 total length claims more bytes than the buffer holds. */
    TOTAL_LENGTH_BEYOND_BUFFER,
    /** The IPv4 total length is shorter than its own header. */
    TOTAL_LENGTH_BELOW_HEADER,
    /** More-fragments set or a non-zero fragment offset: the core does not reassemble. */
    FRAGMENT,
    /** TCP segment shorter than the 20-byte minimal TCP header. */
    TCP_TRUNCATED,
    /** TCP data offset below 5 words or past the end of the segment. */
    TCP_BAD_DATA_OFFSET,
    /** UDP datagram shorter than the 8-byte UDP header. */
    UDP_TRUNCATED,
    /** UDP length field below 8 or beyond the IPv4 payload. */
    UDP_BAD_LENGTH,
    /** ICMP message shorter than the 8-byte ICMP header. */
    ICMP_TRUNCATED;

    public boolean accepted() {
        return this == NONE;
    }
}
