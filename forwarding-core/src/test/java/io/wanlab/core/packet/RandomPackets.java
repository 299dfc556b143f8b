package io.wanlab.core.packet;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.wanlab.core.net.Ipv4;
import java.util.Random;

/**
 * Seeded random packets for accounting property tests: well-formed TCP (SYN, ACK, ClientHello,
 * RST), UDP and ICMP between a few hosts of the lab and an unknown one, mixed with malformed
 * packets (truncated, IPv6, fragments, bad lengths, random bytes). Same seed, same packets.
 */
public final class RandomPackets {
    /** Hosts of the default lab's two sites, and one in no site (198.18.99.0/24 is in the lab's range, in no subnet). */
    public static final int[] HOSTS = {Ipv4.parse("198.18.1.10"), Ipv4.parse("198.18.1.11"), Ipv4.parse("198.18.2.10"),
        Ipv4.parse("198.18.2.20"), Ipv4.parse("198.18.99.7")};
    private static final byte[] HELLO_APP = ClientHellos.jdk("app.site-b.lab");
    private static final byte[] HELLO_CRM = ClientHellos.jdk("crm.site-b.lab");

    private final Random random;

    public RandomPackets(long seed) {
        this.random = new Random(seed);
    }

    public Random random() {
        return random;
    }

    /** One packet; about one in six is malformed. The caller releases it. */
    public ByteBuf next() {
        int src = HOSTS[random.nextInt(HOSTS.length)];
        int dst = HOSTS[random.nextInt(HOSTS.length)];
        int sport = 40000 + random.nextInt(64);
        int dport = random.nextInt(4) == 0 ? 80 + random.nextInt(3) : 443;
        int seq = random.nextInt();
        return switch (random.nextInt(12)) {
            case 0, 1, 2 -> Packets.syn(src, sport, dst, dport, seq);
            case 3 -> Packets.ack(src, sport, dst, dport, seq, random.nextInt());
            case 4 -> Packets.data(src, sport, dst, dport, seq, 1, random.nextBoolean() ? HELLO_APP : HELLO_CRM);
            case 5 -> Packets.rst(src, sport, dst, dport, seq);
            case 6 -> Packets.udp(src, sport, dst, 53, new byte[random.nextInt(40)]);
            case 7 -> Packets.icmpEchoRequest(src, dst, random.nextInt(65536), 1, new byte[8]);
            case 8 -> Packets.data(src, sport, dst, dport, seq, 1, randomBytes(1 + random.nextInt(200)));
            default -> malformed(src, sport, dst, dport);
        };
    }

    private ByteBuf malformed(int src, int sport, int dst, int dport) {
        ByteBuf good = Packets.syn(src, sport, dst, dport, 1);
        byte[] b = new byte[good.readableBytes()];
        good.getBytes(good.readerIndex(), b);
        good.release();
        switch (random.nextInt(6)) {
            case 0 -> {
                return Unpooled.wrappedBuffer(b, 0, random.nextInt(20)); // truncated below an IPv4 header
            }
            case 1 -> b[0] = 0x60; // IPv6
            case 2 -> b[6] = 0x20; // more fragments
            case 3 -> b[3] = (byte) (b[3] + 40); // total length beyond the buffer
            case 4 -> b[32] = 0x10; // TCP data offset 1 word
            default -> {
                return Unpooled.wrappedBuffer(randomBytes(random.nextInt(80)));
            }
        }
        return Unpooled.wrappedBuffer(b);
    }

    private byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    /** Why a fresh view refuses the packet, or NONE: the test's own oracle for malformed drops. */
    public static DropReason verdict(ByteBuf packet) {
        return new PacketView().wrap(packet, packet.readerIndex(), packet.readableBytes());
    }
}
