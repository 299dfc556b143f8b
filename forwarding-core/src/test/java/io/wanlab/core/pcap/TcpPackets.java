package io.wanlab.core.pcap;

import io.wanlab.core.net.Ipv4;
import java.nio.ByteBuffer;

/** Hand-built IPv4/TCP packets with correct checksums, local to these tests (no dependency on the packet package). */
final class TcpPackets {
    static final int FIN = 0x01;
    static final int SYN = 0x02;
    static final int RST = 0x04;
    static final int PSH = 0x08;
    static final int ACK = 0x10;

    private static final int IP_HEADER = 20;
    private static final int TCP_HEADER = 20;

    private TcpPackets() {
    }

    static byte[] tcp(String source, int sourcePort, String destination, int destinationPort, int flags, byte[] payload) {
        int total = IP_HEADER + TCP_HEADER + payload.length;
        int src = Ipv4.parse(source);
        int dst = Ipv4.parse(destination);
        ByteBuffer packet = ByteBuffer.allocate(total); // big-endian, network order
        packet.put((byte) 0x45).put((byte) 0).putShort((short) total)
                .putShort((short) 0x1234).putShort((short) 0x4000) // id, don't fragment
                .put((byte) 64).put((byte) 6).putShort((short) 0)
                .putInt(src).putInt(dst);
        packet.putShort((short) sourcePort).putShort((short) destinationPort)
                .putInt(1000).putInt((flags & ACK) != 0 ? 2000 : 0)
                .put((byte) (5 << 4)).put((byte) flags).putShort((short) 64240)
                .putShort((short) 0).putShort((short) 0)
                .put(payload);
        byte[] bytes = packet.array();
        putShort(bytes, 10, checksum(bytes, 0, IP_HEADER, 0));
        long pseudo = (src >>> 16) + (src & 0xFFFF) + (dst >>> 16) + (dst & 0xFFFF) + 6 + TCP_HEADER + payload.length;
        putShort(bytes, IP_HEADER + 16, checksum(bytes, IP_HEADER, TCP_HEADER + payload.length, pseudo));
        return bytes;
    }

    /** RFC 1071 ones' complement sum; {@code initial} carries the pseudo-header. */
    static int checksum(byte[] bytes, int offset, int length, long initial) {
        long sum = initial;
        for (int i = 0; i + 1 < length; i += 2) {
            sum += ((bytes[offset + i] & 0xFF) << 8) | (bytes[offset + i + 1] & 0xFF);
        }
        if ((length & 1) != 0) {
            sum += (bytes[offset + length - 1] & 0xFF) << 8;
        }
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        return (int) (~sum & 0xFFFF);
    }

    private static void putShort(byte[] bytes, int at, int value) {
        bytes[at] = (byte) (value >>> 8);
        bytes[at + 1] = (byte) value;
    }
}
