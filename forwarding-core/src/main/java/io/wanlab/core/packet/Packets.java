package io.wanlab.core.packet;

import static java.util.Objects.requireNonNull;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;

/**
 * Builds well-formed IPv4 packets with correct checksums, for tests, fakes and benchmarks. Each method
 * returns a new buffer holding exactly one packet from reader index 0; the caller releases it. Payload
 * buffers are copied from their readable bytes and left untouched (indexes and reference count).
 *
 * <p>Fixed header choices keep packets alike: TTL {@value #TTL}, identification 0, DF set, TCP window
 * {@value #WINDOW}. SYN and SYN-ACK carry an MSS option of {@value #MSS} as a real stack's do, so parsers
 * meet a data offset above 5. Overloads without an allocator use {@link Unpooled} heap buffers.
 * Thread-safe; allocates (not for the hot path).
 */
public final class Packets {
    public static final int TTL = 64;
    public static final int WINDOW = 65535;
    public static final int MSS = 1460;

    private static final ByteBufAllocator UNPOOLED = UnpooledByteBufAllocator.DEFAULT;
    private static final byte[] EMPTY = new byte[0];
    private static final byte[] MSS_OPTION = {2, 4, (byte) (MSS >>> 8), (byte) MSS};
    private static final int IP_HEADER = 20;
    private static final int DONT_FRAGMENT = 0x4000;

    private Packets() {
    }

    // ---- TCP

    /** A TCP segment without options; {@code flags} from {@link TcpFlags}, {@code seq}/{@code ack} raw 32 bits. */
    public static ByteBuf tcp(ByteBufAllocator alloc, int src, int srcPort, int dst, int dstPort,
                              int seq, int ack, int flags, ByteBuf payload) {
        return tcpSegment(alloc, src, srcPort, dst, dstPort, seq, ack, flags, EMPTY, payload);
    }

    public static ByteBuf tcp(ByteBufAllocator alloc, int src, int srcPort, int dst, int dstPort,
                              int seq, int ack, int flags, byte[] payload) {
        return tcp(alloc, src, srcPort, dst, dstPort, seq, ack, flags, wrap(payload));
    }

    public static ByteBuf tcp(int src, int srcPort, int dst, int dstPort, int seq, int ack, int flags, byte[] payload) {
        return tcp(UNPOOLED, src, srcPort, dst, dstPort, seq, ack, flags, payload);
    }

    public static ByteBuf tcp(int src, int srcPort, int dst, int dstPort, int seq, int ack, int flags, ByteBuf payload) {
        return tcp(UNPOOLED, src, srcPort, dst, dstPort, seq, ack, flags, payload);
    }

    /** [S] with the MSS option, ack 0. */
    public static ByteBuf syn(ByteBufAllocator alloc, int src, int srcPort, int dst, int dstPort, int seq) {
        return tcpSegment(alloc, src, srcPort, dst, dstPort, seq, 0, TcpFlags.SYN, MSS_OPTION, Unpooled.EMPTY_BUFFER);
    }

    public static ByteBuf syn(int src, int srcPort, int dst, int dstPort, int seq) {
        return syn(UNPOOLED, src, srcPort, dst, dstPort, seq);
    }

    /** [S.] with the MSS option. */
    public static ByteBuf synAck(ByteBufAllocator alloc, int src, int srcPort, int dst, int dstPort, int seq, int ack) {
        return tcpSegment(alloc, src, srcPort, dst, dstPort, seq, ack, TcpFlags.SYN | TcpFlags.ACK, MSS_OPTION,
                Unpooled.EMPTY_BUFFER);
    }

    public static ByteBuf synAck(int src, int srcPort, int dst, int dstPort, int seq, int ack) {
        return synAck(UNPOOLED, src, srcPort, dst, dstPort, seq, ack);
    }

    /** [.] without payload. */
    public static ByteBuf ack(ByteBufAllocator alloc, int src, int srcPort, int dst, int dstPort, int seq, int ack) {
        return tcp(alloc, src, srcPort, dst, dstPort, seq, ack, TcpFlags.ACK, Unpooled.EMPTY_BUFFER);
    }

    public static ByteBuf ack(int src, int srcPort, int dst, int dstPort, int seq, int ack) {
        return ack(UNPOOLED, src, srcPort, dst, dstPort, seq, ack);
    }

    /** [P.] carrying {@code payload}. */
    public static ByteBuf data(ByteBufAllocator alloc, int src, int srcPort, int dst, int dstPort, int seq, int ack,
                               ByteBuf payload) {
        return tcp(alloc, src, srcPort, dst, dstPort, seq, ack, TcpFlags.PSH | TcpFlags.ACK, payload);
    }

    public static ByteBuf data(ByteBufAllocator alloc, int src, int srcPort, int dst, int dstPort, int seq, int ack,
                               byte[] payload) {
        return data(alloc, src, srcPort, dst, dstPort, seq, ack, wrap(payload));
    }

    public static ByteBuf data(int src, int srcPort, int dst, int dstPort, int seq, int ack, byte[] payload) {
        return data(UNPOOLED, src, srcPort, dst, dstPort, seq, ack, payload);
    }

    public static ByteBuf data(int src, int srcPort, int dst, int dstPort, int seq, int ack, ByteBuf payload) {
        return data(UNPOOLED, src, srcPort, dst, dstPort, seq, ack, payload);
    }

    /** [R] with ack 0, as sent to a segment that carried an ACK. */
    public static ByteBuf rst(ByteBufAllocator alloc, int src, int srcPort, int dst, int dstPort, int seq) {
        return tcp(alloc, src, srcPort, dst, dstPort, seq, 0, TcpFlags.RST, Unpooled.EMPTY_BUFFER);
    }

    public static ByteBuf rst(int src, int srcPort, int dst, int dstPort, int seq) {
        return rst(UNPOOLED, src, srcPort, dst, dstPort, seq);
    }

    /** [F.] without payload. */
    public static ByteBuf fin(ByteBufAllocator alloc, int src, int srcPort, int dst, int dstPort, int seq, int ack) {
        return tcp(alloc, src, srcPort, dst, dstPort, seq, ack, TcpFlags.FIN | TcpFlags.ACK, Unpooled.EMPTY_BUFFER);
    }

    public static ByteBuf fin(int src, int srcPort, int dst, int dstPort, int seq, int ack) {
        return fin(UNPOOLED, src, srcPort, dst, dstPort, seq, ack);
    }

    // ---- UDP

    public static ByteBuf udp(ByteBufAllocator alloc, int src, int srcPort, int dst, int dstPort, ByteBuf payload) {
        requireNonNull(payload, "payload");
        checkU16("srcPort", srcPort);
        checkU16("dstPort", dstPort);
        int udpLength = 8 + payload.readableBytes();
        ByteBuf buf = ipHeader(alloc, src, dst, IpProtocols.UDP, udpLength);
        try {
            buf.writeShort(srcPort).writeShort(dstPort).writeShort(udpLength).writeShort(0);
            buf.writeBytes(payload, payload.readerIndex(), payload.readableBytes());
            buf.setShort(IP_HEADER + 6, Checksums.udp(buf, src, dst, IP_HEADER, udpLength));
            return finish(buf);
        } catch (RuntimeException e) {
            buf.release();
            throw e;
        }
    }

    public static ByteBuf udp(ByteBufAllocator alloc, int src, int srcPort, int dst, int dstPort, byte[] payload) {
        return udp(alloc, src, srcPort, dst, dstPort, wrap(payload));
    }

    public static ByteBuf udp(int src, int srcPort, int dst, int dstPort, byte[] payload) {
        return udp(UNPOOLED, src, srcPort, dst, dstPort, payload);
    }

    public static ByteBuf udp(int src, int srcPort, int dst, int dstPort, ByteBuf payload) {
        return udp(UNPOOLED, src, srcPort, dst, dstPort, payload);
    }

    // ---- ICMP

    public static ByteBuf icmpEchoRequest(ByteBufAllocator alloc, int src, int dst, int id, int sequence, byte[] payload) {
        return icmpEcho(alloc, IcmpView.ECHO_REQUEST, src, dst, id, sequence, payload);
    }

    public static ByteBuf icmpEchoRequest(int src, int dst, int id, int sequence, byte[] payload) {
        return icmpEchoRequest(UNPOOLED, src, dst, id, sequence, payload);
    }

    public static ByteBuf icmpEchoReply(ByteBufAllocator alloc, int src, int dst, int id, int sequence, byte[] payload) {
        return icmpEcho(alloc, IcmpView.ECHO_REPLY, src, dst, id, sequence, payload);
    }

    public static ByteBuf icmpEchoReply(int src, int dst, int id, int sequence, byte[] payload) {
        return icmpEchoReply(UNPOOLED, src, dst, id, sequence, payload);
    }

    private static ByteBuf icmpEcho(ByteBufAllocator alloc, int type, int src, int dst, int id, int sequence, byte[] payload) {
        requireNonNull(payload, "payload");
        checkU16("id", id);
        checkU16("sequence", sequence);
        int l4Length = 8 + payload.length;
        ByteBuf buf = ipHeader(alloc, src, dst, IpProtocols.ICMP, l4Length);
        try {
            buf.writeByte(type).writeByte(0).writeShort(0).writeShort(id).writeShort(sequence).writeBytes(payload);
            buf.setShort(IP_HEADER + 2, Checksums.icmp(buf, IP_HEADER, l4Length));
            return finish(buf);
        } catch (RuntimeException e) {
            buf.release();
            throw e;
        }
    }

    // ---- any protocol

    /** A bare IPv4 packet of {@code protocol} (0..255) whose payload is written as given, checksums and all. */
    public static ByteBuf ipv4(ByteBufAllocator alloc, int src, int dst, int protocol, byte[] payload) {
        requireNonNull(payload, "payload");
        if (protocol < 0 || protocol > 0xff) {
            throw new IllegalArgumentException("protocol: " + protocol + " (expected: 0..255)");
        }
        ByteBuf buf = ipHeader(alloc, src, dst, protocol, payload.length);
        return finish(buf.writeBytes(payload));
    }

    public static ByteBuf ipv4(int src, int dst, int protocol, byte[] payload) {
        return ipv4(UNPOOLED, src, dst, protocol, payload);
    }

    // ---- internals

    private static ByteBuf tcpSegment(ByteBufAllocator alloc, int src, int srcPort, int dst, int dstPort,
                                      int seq, int ack, int flags, byte[] options, ByteBuf payload) {
        requireNonNull(payload, "payload");
        checkU16("srcPort", srcPort);
        checkU16("dstPort", dstPort);
        if (flags < 0 || flags > 0xff) {
            throw new IllegalArgumentException("flags: " + flags + " (expected: 0..255)");
        }
        int headerLength = 20 + options.length;
        int l4Length = headerLength + payload.readableBytes();
        ByteBuf buf = ipHeader(alloc, src, dst, IpProtocols.TCP, l4Length);
        try {
            buf.writeShort(srcPort).writeShort(dstPort).writeInt(seq).writeInt(ack)
                    .writeByte((headerLength >>> 2) << 4).writeByte(flags).writeShort(WINDOW)
                    .writeShort(0).writeShort(0).writeBytes(options)
                    .writeBytes(payload, payload.readerIndex(), payload.readableBytes());
            buf.setShort(IP_HEADER + 16, Checksums.tcp(buf, src, dst, IP_HEADER, l4Length));
            return finish(buf);
        } catch (RuntimeException e) {
            buf.release();
            throw e;
        }
    }

    private static ByteBuf ipHeader(ByteBufAllocator alloc, int src, int dst, int protocol, int l4Length) {
        requireNonNull(alloc, "alloc");
        int total = IP_HEADER + l4Length;
        if (total > 0xffff) {
            throw new IllegalArgumentException("packet length: " + total + " (expected: at most 65535)");
        }
        return alloc.buffer(total, total)
                .writeByte(0x45).writeByte(0).writeShort(total)
                .writeShort(0).writeShort(DONT_FRAGMENT)
                .writeByte(TTL).writeByte(protocol).writeShort(0)
                .writeInt(src).writeInt(dst);
    }

    private static ByteBuf finish(ByteBuf buf) {
        Checksums.writeIpv4Header(buf, buf.readerIndex());
        return buf;
    }

    private static ByteBuf wrap(byte[] payload) {
        return Unpooled.wrappedBuffer(requireNonNull(payload, "payload"));
    }

    private static void checkU16(String name, int value) {
        if (value < 0 || value > 0xffff) {
            throw new IllegalArgumentException(name + ": " + value + " (expected: 0..65535)");
        }
    }
}
