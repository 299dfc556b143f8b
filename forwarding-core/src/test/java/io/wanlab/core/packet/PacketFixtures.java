package io.wanlab.core.packet;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.wanlab.core.net.Ipv4;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** Addresses, real packets as byte arrays, and buffer helpers shared by the packet tests. */
final class PacketFixtures {
    static final int CLIENT = Ipv4.parse("198.18.1.10");
    static final int SERVER = Ipv4.parse("198.18.2.10");
    static final int CLIENT_PORT = 40000;
    static final int SERVER_PORT = 443;
    static final byte[] HELLO = "hello".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private PacketFixtures() {
    }

    /** Copies the readable bytes and releases the buffer. */
    static byte[] drain(ByteBuf buf) {
        try {
            return ByteBufUtil.getBytes(buf);
        } finally {
            buf.release();
        }
    }

    /** A heap buffer whose capacity is exactly the bytes given, so any read past them throws. */
    static ByteBuf exact(byte[] bytes) {
        return Unpooled.wrappedBuffer(bytes);
    }

    static ByteBuf exact(byte[] bytes, int length) {
        return Unpooled.wrappedBuffer(Arrays.copyOf(bytes, length));
    }

    static byte[] hex(String hex) {
        return ByteBufUtil.decodeHexDump(hex);
    }

    static void setU16(byte[] packet, int index, int value) {
        packet[index] = (byte) (value >>> 8);
        packet[index + 1] = (byte) value;
    }

    static int u16(byte[] packet, int index) {
        return ((packet[index] & 0xff) << 8) | (packet[index + 1] & 0xff);
    }

    /** One packet of every builder, as the bytes a TUN would hand us. */
    static Map<String, byte[]> realPackets() {
        Map<String, byte[]> packets = new LinkedHashMap<>();
        packets.put("syn", drain(Packets.syn(CLIENT, CLIENT_PORT, SERVER, SERVER_PORT, 1)));
        packets.put("synAck", drain(Packets.synAck(SERVER, SERVER_PORT, CLIENT, CLIENT_PORT, 100, 2)));
        packets.put("ack", drain(Packets.ack(CLIENT, CLIENT_PORT, SERVER, SERVER_PORT, 2, 101)));
        packets.put("data", drain(Packets.data(CLIENT, CLIENT_PORT, SERVER, SERVER_PORT, 2, 101, HELLO)));
        packets.put("rst", drain(Packets.rst(SERVER, SERVER_PORT, CLIENT, CLIENT_PORT, 101)));
        packets.put("fin", drain(Packets.fin(CLIENT, CLIENT_PORT, SERVER, SERVER_PORT, 7, 101)));
        packets.put("udp", drain(Packets.udp(CLIENT, 5353, SERVER, 53, HELLO)));
        packets.put("icmpEchoRequest", drain(Packets.icmpEchoRequest(CLIENT, SERVER, 0x1234, 7, HELLO)));
        packets.put("icmpEchoReply", drain(Packets.icmpEchoReply(SERVER, CLIENT, 0x1234, 7, HELLO)));
        packets.put("gre", drain(Packets.ipv4(CLIENT, SERVER, 47, HELLO)));
        return packets;
    }
}
