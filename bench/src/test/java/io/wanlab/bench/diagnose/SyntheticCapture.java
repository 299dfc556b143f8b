package io.wanlab.bench.diagnose;

import io.wanlab.core.net.Ipv4;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A classic pcap written byte by byte as tcpdump writes it (little-endian, microseconds, Ethernet),
 * with TCP segments whose TTL and options the test chooses.
 */
final class SyntheticCapture {
    static final int SYN = 0x02;
    static final int RST = 0x04;
    static final int PSH = 0x08;
    static final int ACK = 0x10;
    /** MSS 1460, SACK permitted, timestamps, window scale 7: what Linux puts on a SYN-ACK. */
    static final byte[] SYN_OPTIONS = {2, 4, 0x05, (byte) 0xb4, 4, 2, 8, 10, 0, 0, 0, 1, 0, 0, 0, 0, 1, 3, 3, 7};
    /** NOP, NOP, timestamps: an established connection's segments. */
    static final byte[] TS_OPTIONS = {1, 1, 8, 10, 0, 0, 0, 2, 0, 0, 0, 1};
    static final byte[] NONE = {};

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private long micros = 1_700_000_000_000_000L;

    SyntheticCapture() {
        ByteBuffer h = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        h.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(262144).putInt(1);
        out.writeBytes(h.array());
    }

    /** One TCP segment, {@code millis} after the previous one. */
    SyntheticCapture tcp(int millis, String src, int sport, String dst, int dport, long seq, long ack, int flags, int ttl,
            byte[] options, byte[] payload) {
        micros += millis * 1000L;
        int tcpLen = 20 + options.length;
        int total = 20 + tcpLen + payload.length;
        ByteBuffer ip = ByteBuffer.allocate(total);
        ip.put((byte) 0x45).put((byte) 0).putShort((short) total).putShort((short) 1).putShort((short) 0x4000)
                .put((byte) ttl).put((byte) 6).putShort((short) 0).putInt(Ipv4.parse(src)).putInt(Ipv4.parse(dst));
        ip.putShort((short) sport).putShort((short) dport).putInt((int) seq).putInt((int) ack)
                .put((byte) (tcpLen / 4 << 4)).put((byte) flags).putShort((short) 64240).putShort((short) 0).putShort((short) 0)
                .put(options).put(payload);
        return frame(ip.array(), 0x0800);
    }

    /** A non-IPv4 frame (ARP), which the reader skips. */
    SyntheticCapture arp() {
        micros += 1000;
        return frame(new byte[28], 0x0806);
    }

    private SyntheticCapture frame(byte[] l3, int etherType) {
        ByteBuffer f = ByteBuffer.allocate(16 + 14 + l3.length).order(ByteOrder.LITTLE_ENDIAN);
        f.putInt((int) (micros / 1_000_000)).putInt((int) (micros % 1_000_000)).putInt(14 + l3.length).putInt(14 + l3.length);
        f.put(new byte[12]).order(ByteOrder.BIG_ENDIAN).putShort((short) etherType).put(l3);
        out.writeBytes(f.array());
        return this;
    }

    Path write(Path file) throws IOException {
        Files.write(file, out.toByteArray());
        return file;
    }
}
