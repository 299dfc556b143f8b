package io.wanlab.core.packet;

import static io.wanlab.core.packet.PacketFixtures.CLIENT;
import static io.wanlab.core.packet.PacketFixtures.SERVER;
import static io.wanlab.core.packet.PacketFixtures.drain;
import static io.wanlab.core.packet.PacketFixtures.exact;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.wanlab.core.net.Ipv4;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PacketRewriterTest {
    private static final int NAT = Ipv4.parse("100.64.0.1");

    private final PacketView view = new PacketView();

    @ParameterizedTest(name = "{index}: {0}")
    @ValueSource(strings = {"syn", "data", "udp", "icmpEchoRequest", "gre"})
    void addressRewritesKeepEveryChecksumValid(String kind) {
        ByteBuf buf = exact(PacketFixtures.realPackets().get(kind));
        assertThat(view.wrap(buf)).isEqualTo(DropReason.NONE);
        PacketRewriter.setSrcAddress(view, NAT);
        PacketRewriter.setDstAddress(view, ~SERVER);
        assertThat(view.srcAddress()).isEqualTo(NAT);
        assertThat(view.dstAddress()).isEqualTo(~SERVER);
        assertThat(Checksums.ipv4HeaderValid(view)).isTrue();
        assertThat(Checksums.transportValid(view)).isTrue();
        assertThat(view.headerChecksum()).as("equals a full recompute").isEqualTo(Checksums.ipv4Header(buf, 0));
    }

    @ParameterizedTest(name = "{index}: {0}")
    @ValueSource(strings = {"syn", "data", "udp"})
    void portRewritesKeepTheL4ChecksumValid(String kind) {
        ByteBuf buf = exact(PacketFixtures.realPackets().get(kind));
        view.wrap(buf);
        PacketRewriter.setSrcPort(view, 61000);
        PacketRewriter.setDstPort(view, 8443);
        assertThat(view.srcPort()).isEqualTo(61000);
        assertThat(view.dstPort()).isEqualTo(8443);
        assertThat(Checksums.transportValid(view)).isTrue();
    }

    @Test
    void rewritesEqualFullRecomputeOnRandomPackets() {
        Random random = new Random(99);
        for (int i = 0; i < 5_000; i++) {
            byte[] payload = new byte[random.nextInt(40)];
            random.nextBytes(payload);
            boolean tcp = random.nextBoolean();
            byte[] packet = drain(tcp
                    ? Packets.tcp(random.nextInt(), random.nextInt(0x10000), random.nextInt(), random.nextInt(0x10000),
                            random.nextInt(), random.nextInt(), random.nextInt(0x100), payload)
                    : Packets.udp(random.nextInt(), random.nextInt(0x10000), random.nextInt(), random.nextInt(0x10000), payload));
            ByteBuf buf = exact(packet);
            view.wrap(buf);
            switch (random.nextInt(4)) {
                case 0 -> PacketRewriter.setSrcAddress(view, random.nextInt());
                case 1 -> PacketRewriter.setDstAddress(view, random.nextInt());
                case 2 -> PacketRewriter.setSrcPort(view, random.nextInt(0x10000));
                default -> PacketRewriter.setDstPort(view, random.nextInt(0x10000));
            }
            int l4Checksum = tcp ? view.tcp().checksum() : view.udp().checksum();
            int full = tcp
                    ? Checksums.tcp(buf, view.srcAddress(), view.dstAddress(), 20, view.l4Length())
                    : Checksums.udp(buf, view.srcAddress(), view.dstAddress(), 20, view.l4Length());
            assertThat(l4Checksum).as("incremental equals full recompute, case %d", i).isEqualTo(full);
            assertThat(view.headerChecksum()).isEqualTo(Checksums.ipv4Header(buf, 0));
        }
    }

    @Test
    void udpWithoutChecksumStaysWithout() {
        byte[] packet = PacketFixtures.realPackets().get("udp");
        PacketFixtures.setU16(packet, 26, 0);
        view.wrap(exact(packet));
        PacketRewriter.setSrcAddress(view, NAT);
        PacketRewriter.setDstPort(view, 9);
        assertThat(view.udp().checksum()).isZero();
    }

    @Test
    void ttlDecrementsUntilTheRouterMustDrop() {
        ByteBuf buf = exact(PacketFixtures.realPackets().get("syn"));
        view.wrap(buf);
        assertThat(PacketRewriter.decrementTtl(view)).isEqualTo(Packets.TTL - 1);
        assertThat(view.ttl()).isEqualTo(Packets.TTL - 1);
        assertThat(Checksums.ipv4HeaderValid(view)).isTrue();

        buf.setByte(8, 1);
        Checksums.writeIpv4Header(buf, 0);
        byte[] before = Arrays.copyOf(buf.array(), buf.capacity());
        assertThat(PacketRewriter.decrementTtl(view)).as("expired").isZero();
        assertThat(buf.array()).as("an expiring packet is left as it was").isEqualTo(before);
    }

    @Test
    void portsNeedTcpOrUdpAndARange() {
        view.wrap(exact(PacketFixtures.realPackets().get("icmpEchoRequest")));
        assertThatThrownBy(() -> PacketRewriter.setSrcPort(view, 1)).isInstanceOf(IllegalStateException.class)
                .hasMessage("protocol: icmp (expected: tcp or udp)");
        view.wrap(exact(PacketFixtures.realPackets().get("syn")));
        assertThatThrownBy(() -> PacketRewriter.setDstPort(view, 65536)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("port: 65536 (expected: 0..65535)");
        assertThat(view.dstPort()).as("unchanged after a refused rewrite").isEqualTo(PacketFixtures.SERVER_PORT);
        assertThat(view.srcAddress()).isEqualTo(CLIENT);
    }
}
