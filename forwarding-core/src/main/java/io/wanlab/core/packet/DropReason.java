package io.wanlab.core.packet;

/**
 * Why a node dropped a packet: the first values are {@link PacketView#wrap}'s refusals (a
 * malformed packet), the last are forwarding's (no route, a link or the TUN that would not take
 * it). {@link #NONE} means it was accepted. Every drop has its own value so that drops can be
 * counted and reported by cause, per path ({@link PathCounters}).
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
    ICMP_TRUNCATED,
    /** The Socket: no link is up for the flow's transport, its secondary, or the reply's link. */
    NO_ROUTE,
    /** The PoP: the destination is in no site's subnet. */
    NO_SITE,
    /** The link was down when the packet was handed to it. */
    LINK_DOWN,
    /**
     * The link held more unsent bytes than its hard cap (8 MiB): a full link pauses the node's TUN
     * reader (backpressure), so this is what still arrives past that, not the normal case.
     */
    LINK_BUSY,
    /** The link's connection went away between queueing the packet and sending its frame. */
    LINK_CLOSED,
    /** Empty, or too long for any frame of the link. */
    LINK_TOO_LONG,
    /** A link impairment's random loss ({@code loss=1%}): what a lossy WAN does. */
    IMPAIR_LOSS,
    /** A link impairment's blackhole: the link takes packets and delivers none. */
    IMPAIR_BLACKHOLE,
    /** A link impairment's flap: the link is in one of its down spells. */
    IMPAIR_FLAP,
    /** A link impairment's rate limit: its queue was full (tail drop). */
    IMPAIR_RATE,
    /** Writing into the TUN: the kernel's queue would not take it (EAGAIN, ENOBUFS). */
    TUN_WRITE_REFUSED,
    /** Writing into the TUN failed otherwise (an I/O error). */
    TUN_WRITE_ERROR,
    /**
     * A link delivered a packet whose offload metadata (gso type, sizes, checksum offsets) does
     * not fit the packet: it is not handed to the TUN, whose kernel would refuse or misuse it.
     */
    BAD_OFFLOAD;

    /** The reasons {@link PacketView#wrap} gives: a malformed or unsupported packet. */
    public static java.util.Set<DropReason> malformed() {
        return java.util.EnumSet.range(TRUNCATED, ICMP_TRUNCATED);
    }

    /** The reason as status and events name it: {@code tun-write-refused}. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    public boolean accepted() {
        return this == NONE;
    }
}
