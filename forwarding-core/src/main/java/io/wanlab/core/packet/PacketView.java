package io.wanlab.core.packet;

import static java.util.Objects.requireNonNull;

import io.netty.buffer.ByteBuf;

/**
 * A reusable read view over one IPv4 packet in a {@link ByteBuf}: re-{@link #wrap wrap} it for every packet.
 *
 * <p>Zero-copy and allocation-free: {@code wrap} validates the headers and remembers a few offsets;
 * accessors read the buffer at absolute indexes on every call, so they see in-place rewrites and never
 * move the reader or writer index. {@link #tcp()}, {@link #udp()} and {@link #icmp()} hand out views
 * owned by this one, which follow every {@code wrap}. The view neither copies nor retains the buffer:
 * the caller keeps ownership and must not release it while it still uses the view.
 *
 * <p>Accessors are valid only after {@code wrap} returned {@link DropReason#NONE}; otherwise they throw
 * {@link IllegalStateException}; so do the per-protocol views when the protocol does not match.
 * {@link #srcPort()} and {@link #dstPort()} return 0 for protocols without ports.
 *
 * <p>Threading: a view is mutable state for one thread, typically one per event loop.
 */
public final class PacketView {
    private static final int MIN_IP_HEADER = 20;
    private static final int MIN_TCP_HEADER = 20;
    private static final int UDP_HEADER = 8;
    private static final int ICMP_HEADER = 8;
    private static final int MORE_FRAGMENTS_AND_OFFSET = 0x3fff;

    private final TcpView tcpView = new TcpView(this);
    private final UdpView udpView = new UdpView(this);
    private final IcmpView icmpView = new IcmpView(this);

    private ByteBuf buf;
    private DropReason reason = DropReason.NONE;
    private int offset;
    private int length;
    private int headerLength;
    private int totalLength;
    private int protocol;
    int l4Offset;
    private int l4Length;
    private int payloadOffset;
    private int payloadLength;

    /** Wraps the buffer's readable bytes; see {@link #wrap(ByteBuf, int, int)}. */
    public DropReason wrap(ByteBuf buf) {
        requireNonNull(buf, "buf");
        return wrap(buf, buf.readerIndex(), buf.readableBytes());
    }

    /**
     * Validates the IPv4 packet at {@code buf[offset, offset + length)} and points this view at it.
     * Malformed bytes never throw: the result names the reason. Bytes past the IPv4 total length
     * (ethernet padding) are ignored. Only a range outside the buffer's capacity, a caller bug,
     * throws {@link IndexOutOfBoundsException}.
     */
    public DropReason wrap(ByteBuf buf, int offset, int length) {
        requireNonNull(buf, "buf");
        if (offset < 0 || length < 0 || offset > buf.capacity() - length) {
            throw new IndexOutOfBoundsException("packet range: offset " + offset + ", length " + length
                    + " (expected: within capacity " + buf.capacity() + ")");
        }
        this.buf = null;
        this.offset = offset;
        this.length = length;
        DropReason result = validate(buf, offset, length);
        this.reason = result;
        if (result == DropReason.NONE) {
            this.buf = buf;
        }
        return result;
    }

    /** Like {@link #wrap(ByteBuf, int, int)}, counting a rejection in {@code counters}. */
    public DropReason wrap(ByteBuf buf, int offset, int length, DropCounters counters) {
        requireNonNull(counters, "counters");
        DropReason result = wrap(buf, offset, length);
        counters.increment(result);
        return result;
    }

    /** Forgets the current buffer, so that a stale view cannot read a released one; {@link #dropReason()} is NONE again. */
    public void clear() {
        buf = null;
        reason = DropReason.NONE;
        length = 0;
    }

    private DropReason validate(ByteBuf b, int off, int len) {
        if (len < MIN_IP_HEADER) {
            return DropReason.TRUNCATED;
        }
        int versionIhl = b.getUnsignedByte(off);
        int version = versionIhl >>> 4;
        if (version != 4) {
            return version == 6 ? DropReason.UNSUPPORTED_VERSION_IPV6 : DropReason.UNSUPPORTED_VERSION;
        }
        int hl = (versionIhl & 0x0f) << 2;
        if (hl < MIN_IP_HEADER || hl > len) {
            return DropReason.BAD_HEADER_LENGTH;
        }
        int total = b.getUnsignedShort(off + 2);
        if (total < hl) {
            return DropReason.TOTAL_LENGTH_BELOW_HEADER;
        }
        if (total > len) {
            return DropReason.TOTAL_LENGTH_BEYOND_BUFFER;
        }
        if ((b.getUnsignedShort(off + 6) & MORE_FRAGMENTS_AND_OFFSET) != 0) {
            return DropReason.FRAGMENT;
        }
        int proto = b.getUnsignedByte(off + 9);
        int l4Off = off + hl;
        int l4Len = total - hl;
        headerLength = hl;
        totalLength = total;
        protocol = proto;
        l4Offset = l4Off;
        l4Length = l4Len;
        return switch (proto) {
            case IpProtocols.TCP -> validateTcp(b, l4Off, l4Len);
            case IpProtocols.UDP -> validateUdp(b, l4Off, l4Len);
            case IpProtocols.ICMP -> validateIcmp(l4Off, l4Len);
            default -> payload(l4Off, l4Len);
        };
    }

    private DropReason validateTcp(ByteBuf b, int l4Off, int l4Len) {
        if (l4Len < MIN_TCP_HEADER) {
            return DropReason.TCP_TRUNCATED;
        }
        int dataOffset = (b.getUnsignedByte(l4Off + 12) >>> 4) << 2;
        if (dataOffset < MIN_TCP_HEADER || dataOffset > l4Len) {
            return DropReason.TCP_BAD_DATA_OFFSET;
        }
        return payload(l4Off + dataOffset, l4Len - dataOffset);
    }

    private DropReason validateUdp(ByteBuf b, int l4Off, int l4Len) {
        if (l4Len < UDP_HEADER) {
            return DropReason.UDP_TRUNCATED;
        }
        int udpLength = b.getUnsignedShort(l4Off + 4);
        // A UDP length shorter than the IP payload is legal (the rest is ignored, as Linux trims it).
        if (udpLength < UDP_HEADER || udpLength > l4Len) {
            return DropReason.UDP_BAD_LENGTH;
        }
        return payload(l4Off + UDP_HEADER, udpLength - UDP_HEADER);
    }

    private DropReason validateIcmp(int l4Off, int l4Len) {
        if (l4Len < ICMP_HEADER) {
            return DropReason.ICMP_TRUNCATED;
        }
        return payload(l4Off + ICMP_HEADER, l4Len - ICMP_HEADER);
    }

    private DropReason payload(int off, int len) {
        payloadOffset = off;
        payloadLength = len;
        return DropReason.NONE;
    }

    // ---- state

    /** The result of the last {@code wrap}; {@link DropReason#NONE} also before the first one. */
    public DropReason dropReason() {
        return reason;
    }

    /** True when the last {@code wrap} accepted its packet and the view has not been cleared. */
    public boolean isValid() {
        return buf != null;
    }

    /** The wrapped buffer (not retained by the view). */
    public ByteBuf buffer() {
        return accepted();
    }

    /** Absolute index of the IPv4 header. */
    public int offset() {
        accepted();
        return offset;
    }

    /** Bytes handed to {@code wrap}, padding included; also set after a rejection. */
    public int wrappedLength() {
        return length;
    }

    // ---- IPv4

    public int version() {
        return accepted().getUnsignedByte(offset) >>> 4;
    }

    /** Header length in bytes (IHL times 4), 20..60. */
    public int headerLength() {
        accepted();
        return headerLength;
    }

    /** The type-of-service byte (DSCP and ECN). */
    public int tos() {
        return accepted().getUnsignedByte(offset + 1);
    }

    public int totalLength() {
        accepted();
        return totalLength;
    }

    public int identification() {
        return accepted().getUnsignedShort(offset + 4);
    }

    /** The raw flags-and-fragment-offset field; only DF (0x4000) can be set on an accepted packet. */
    public int flagsAndFragmentOffset() {
        return accepted().getUnsignedShort(offset + 6);
    }

    public boolean dontFragment() {
        return (flagsAndFragmentOffset() & 0x4000) != 0;
    }

    public int ttl() {
        return accepted().getUnsignedByte(offset + 8);
    }

    public int protocol() {
        accepted();
        return protocol;
    }

    public int headerChecksum() {
        return accepted().getUnsignedShort(offset + 10);
    }

    /** Source address as an {@code int}, see {@link io.wanlab.core.net.Ipv4}. */
    public int srcAddress() {
        return accepted().getInt(offset + 12);
    }

    public int dstAddress() {
        return accepted().getInt(offset + 16);
    }

    // ---- L4 position

    public boolean isTcp() {
        return protocol() == IpProtocols.TCP;
    }

    public boolean isUdp() {
        return protocol() == IpProtocols.UDP;
    }

    public boolean isIcmp() {
        return protocol() == IpProtocols.ICMP;
    }

    /** Absolute index of the L4 header (the IPv4 payload). */
    public int l4Offset() {
        accepted();
        return l4Offset;
    }

    /** IPv4 payload length: total length minus header length. */
    public int l4Length() {
        accepted();
        return l4Length;
    }

    /** Absolute index of the L4 payload; for protocols the view does not parse, the IPv4 payload. */
    public int payloadOffset() {
        accepted();
        return payloadOffset;
    }

    public int payloadLength() {
        accepted();
        return payloadLength;
    }

    /** TCP or UDP source port, 0 for other protocols. */
    public int srcPort() {
        int p = protocol();
        return p == IpProtocols.TCP || p == IpProtocols.UDP ? buf.getUnsignedShort(l4Offset) : 0;
    }

    /** TCP or UDP destination port, 0 for other protocols. */
    public int dstPort() {
        int p = protocol();
        return p == IpProtocols.TCP || p == IpProtocols.UDP ? buf.getUnsignedShort(l4Offset + 2) : 0;
    }

    // ---- per-protocol views: shared flyweights, so no allocation

    /** TCP accessors; throws {@link IllegalStateException} unless {@link #isTcp()}. */
    public TcpView tcp() {
        expect(IpProtocols.TCP);
        return tcpView;
    }

    /** UDP accessors; throws {@link IllegalStateException} unless {@link #isUdp()}. */
    public UdpView udp() {
        expect(IpProtocols.UDP);
        return udpView;
    }

    /** ICMP accessors; throws {@link IllegalStateException} unless {@link #isIcmp()}. */
    public IcmpView icmp() {
        expect(IpProtocols.ICMP);
        return icmpView;
    }

    // ---- guards: one predictable branch each, messages built only on failure

    private ByteBuf accepted() {
        ByteBuf b = buf;
        if (b == null) {
            throw new IllegalStateException("no accepted packet in view (last wrap: " + reason + ")");
        }
        return b;
    }

    /** The buffer, after checking that an accepted packet of protocol {@code wanted} is wrapped. */
    ByteBuf expect(int wanted) {
        ByteBuf b = accepted();
        if (protocol != wanted) {
            throw new IllegalStateException("protocol: " + IpProtocols.name(protocol)
                    + " (expected: " + IpProtocols.name(wanted) + ")");
        }
        return b;
    }

    /** A one-line summary for logs (allocates), see {@link PacketSummary}. */
    @Override
    public String toString() {
        return PacketSummary.of(this);
    }
}
