package io.wanlab.core.packet;

import static java.util.Objects.requireNonNull;

import io.netty.buffer.ByteBuf;

/**
 * The Internet checksum (RFC 1071) over {@link ByteBuf} ranges, the IPv4 header, TCP and UDP with the IPv4
 * pseudo-header, ICMP, and the incremental update of RFC 1624 for in-place rewrites.
 *
 * <p>"Sum" below is the folded 16-bit ones'-complement sum; a checksum is its complement. Checksum
 * fields are treated as zero when computing and included when verifying. Every method is static,
 * allocation-free and thread-safe; indexes are absolute and the buffer's indexes do not move. Ranges
 * outside the buffer throw {@link IndexOutOfBoundsException}: wrap packets in a {@link PacketView} first.
 */
public final class Checksums {
    private static final int IP_CHECKSUM_AT = 10;
    private static final int TCP_CHECKSUM_AT = 16;
    private static final int UDP_CHECKSUM_AT = 6;
    private static final int ICMP_CHECKSUM_AT = 2;

    private Checksums() {
    }

    /** Folded ones'-complement sum of {@code buf[offset, offset + length)}; an odd last byte is padded with zero. */
    public static int sum(ByteBuf buf, int offset, int length) {
        requireNonNull(buf, "buf");
        if (length < 0) {
            throw new IllegalArgumentException("length: " + length + " (expected: >= 0)");
        }
        return fold(rawSum(buf, offset, length));
    }

    /** The Internet checksum of a range: {@code ~sum & 0xffff}. */
    public static int checksum(ByteBuf buf, int offset, int length) {
        return ~sum(buf, offset, length) & 0xffff;
    }

    // Adding 32-bit words into a long is equivalent to adding 16-bit words, because 2^16 = 1 modulo 0xffff;
    // a 64 KiB range cannot overflow it.
    private static long rawSum(ByteBuf buf, int offset, int length) {
        long acc = 0;
        int i = offset;
        int end = offset + length;
        for (; i + 4 <= end; i += 4) {
            acc += buf.getUnsignedInt(i);
        }
        if (i + 2 <= end) {
            acc += buf.getUnsignedShort(i);
            i += 2;
        }
        if (i < end) {
            acc += buf.getUnsignedByte(i) << 8;
        }
        return acc;
    }

    private static int fold(long sum) {
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        return (int) sum;
    }

    // Sum of a range whose 16-bit field at even position `field` counts as zero.
    private static long rawSumSkipping(ByteBuf buf, int offset, int length, int field) {
        if (length < field + 2) {
            throw new IllegalArgumentException("length: " + length + " (expected: >= " + (field + 2) + ")");
        }
        return rawSum(buf, offset, field) + rawSum(buf, offset + field + 2, length - field - 2);
    }

    // ---- IPv4 header

    /** Computes the header checksum of the IPv4 header at {@code ipOffset}, its length taken from the IHL. */
    public static int ipv4Header(ByteBuf buf, int ipOffset) {
        requireNonNull(buf, "buf");
        return ~fold(rawSumSkipping(buf, ipOffset, ipv4HeaderLength(buf, ipOffset), IP_CHECKSUM_AT)) & 0xffff;
    }

    public static boolean ipv4HeaderValid(ByteBuf buf, int ipOffset) {
        requireNonNull(buf, "buf");
        return fold(rawSum(buf, ipOffset, ipv4HeaderLength(buf, ipOffset))) == 0xffff;
    }

    public static void writeIpv4Header(ByteBuf buf, int ipOffset) {
        buf.setShort(ipOffset + IP_CHECKSUM_AT, ipv4Header(buf, ipOffset));
    }

    private static int ipv4HeaderLength(ByteBuf buf, int ipOffset) {
        return (buf.getUnsignedByte(ipOffset) & 0x0f) << 2;
    }

    // ---- TCP and UDP over the IPv4 pseudo-header

    /** Folded sum of the IPv4 pseudo-header: addresses, protocol, and the L4 length. */
    public static int pseudoHeaderSum(int src, int dst, int protocol, int l4Length) {
        long acc = (src >>> 16) + (src & 0xffff) + (dst >>> 16) + (dst & 0xffff) + (protocol & 0xff) + (l4Length & 0xffff);
        return fold(acc);
    }

    /** The TCP checksum of the segment {@code buf[l4Offset, l4Offset + l4Length)} between {@code src} and {@code dst}. */
    public static int tcp(ByteBuf buf, int src, int dst, int l4Offset, int l4Length) {
        requireNonNull(buf, "buf");
        long acc = pseudoHeaderSum(src, dst, IpProtocols.TCP, l4Length)
                + rawSumSkipping(buf, l4Offset, l4Length, TCP_CHECKSUM_AT);
        return ~fold(acc) & 0xffff;
    }

    public static boolean tcpValid(ByteBuf buf, int src, int dst, int l4Offset, int l4Length) {
        requireNonNull(buf, "buf");
        long acc = pseudoHeaderSum(src, dst, IpProtocols.TCP, l4Length) + rawSum(buf, l4Offset, l4Length);
        return fold(acc) == 0xffff;
    }

    /**
     * The UDP checksum of {@code buf[l4Offset, l4Offset + udpLength)}; a computed 0 is returned as 0xffff
     * because 0 on the wire means "no checksum" (RFC 768).
     */
    public static int udp(ByteBuf buf, int src, int dst, int l4Offset, int udpLength) {
        requireNonNull(buf, "buf");
        long acc = pseudoHeaderSum(src, dst, IpProtocols.UDP, udpLength)
                + rawSumSkipping(buf, l4Offset, udpLength, UDP_CHECKSUM_AT);
        int checksum = ~fold(acc) & 0xffff;
        return checksum == 0 ? 0xffff : checksum;
    }

    /** True when the checksum matches or is 0 (none sent, allowed over IPv4). */
    public static boolean udpValid(ByteBuf buf, int src, int dst, int l4Offset, int udpLength) {
        requireNonNull(buf, "buf");
        if (buf.getUnsignedShort(l4Offset + UDP_CHECKSUM_AT) == 0) {
            return true;
        }
        long acc = pseudoHeaderSum(src, dst, IpProtocols.UDP, udpLength) + rawSum(buf, l4Offset, udpLength);
        return fold(acc) == 0xffff;
    }

    // ---- ICMP: no pseudo-header

    public static int icmp(ByteBuf buf, int l4Offset, int l4Length) {
        requireNonNull(buf, "buf");
        return ~fold(rawSumSkipping(buf, l4Offset, l4Length, ICMP_CHECKSUM_AT)) & 0xffff;
    }

    public static boolean icmpValid(ByteBuf buf, int l4Offset, int l4Length) {
        return sum(buf, l4Offset, l4Length) == 0xffff;
    }

    // ---- on a wrapped view

    /** Verifies the IPv4 header checksum of the packet {@code view} wraps. */
    public static boolean ipv4HeaderValid(PacketView view) {
        requireNonNull(view, "view");
        return ipv4HeaderValid(view.buffer(), view.offset());
    }

    /** Verifies the TCP, UDP or ICMP checksum of the packet {@code view} wraps; other protocols pass. */
    public static boolean transportValid(PacketView view) {
        requireNonNull(view, "view");
        ByteBuf buf = view.buffer();
        return switch (view.protocol()) {
            case IpProtocols.TCP -> tcpValid(buf, view.srcAddress(), view.dstAddress(), view.l4Offset(), view.l4Length());
            case IpProtocols.UDP -> udpValid(buf, view.srcAddress(), view.dstAddress(), view.l4Offset(), view.udp().length());
            case IpProtocols.ICMP -> icmpValid(buf, view.l4Offset(), view.l4Length());
            default -> true;
        };
    }

    // ---- RFC 1624 incremental update

    /**
     * The checksum after a covered 16-bit word changes from {@code oldWord} to {@code newWord}:
     * {@code HC' = ~(~HC + ~m + m')} (RFC 1624, eqn. 3), which equals a full recompute.
     */
    public static int update16(int checksum, int oldWord, int newWord) {
        long acc = (~checksum & 0xffff) + (~oldWord & 0xffff) + (newWord & 0xffff);
        return ~fold(acc) & 0xffff;
    }

    /** Like {@link #update16} for a covered 32-bit value at an even offset, such as an IPv4 address. */
    public static int update32(int checksum, int oldValue, int newValue) {
        long acc = (~checksum & 0xffff)
                + (~oldValue >>> 16 & 0xffff) + (~oldValue & 0xffff)
                + (newValue >>> 16) + (newValue & 0xffff);
        return ~fold(acc) & 0xffff;
    }
}
