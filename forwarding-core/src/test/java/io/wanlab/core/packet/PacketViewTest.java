package io.wanlab.core.packet;

import static io.wanlab.core.packet.PacketFixtures.CLIENT;
import static io.wanlab.core.packet.PacketFixtures.CLIENT_PORT;
import static io.wanlab.core.packet.PacketFixtures.HELLO;
import static io.wanlab.core.packet.PacketFixtures.SERVER;
import static io.wanlab.core.packet.PacketFixtures.SERVER_PORT;
import static io.wanlab.core.packet.PacketFixtures.drain;
import static io.wanlab.core.packet.PacketFixtures.exact;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

class PacketViewTest {
    private final PacketView view = new PacketView();

    @Test
    void synRoundTripsWithMssOption() {
        ByteBuf buf = Packets.syn(CLIENT, CLIENT_PORT, SERVER, SERVER_PORT, 1);
        try {
            assertThat(view.wrap(buf)).isEqualTo(DropReason.NONE);
            assertThat(view.version()).isEqualTo(4);
            assertThat(view.headerLength()).isEqualTo(20);
            assertThat(view.tos()).isZero();
            assertThat(view.totalLength()).isEqualTo(44);
            assertThat(view.identification()).isZero();
            assertThat(view.flagsAndFragmentOffset()).isEqualTo(0x4000);
            assertThat(view.dontFragment()).isTrue();
            assertThat(view.ttl()).isEqualTo(Packets.TTL);
            assertThat(view.protocol()).isEqualTo(IpProtocols.TCP);
            assertThat(view.srcAddress()).isEqualTo(CLIENT);
            assertThat(view.dstAddress()).isEqualTo(SERVER);
            assertThat(view.srcPort()).isEqualTo(CLIENT_PORT);
            assertThat(view.dstPort()).isEqualTo(SERVER_PORT);
            assertThat(view.isTcp()).isTrue();
            assertThat(view.isUdp()).isFalse();
            assertThat(view.isIcmp()).isFalse();

            TcpView tcp = view.tcp();
            assertThat(tcp.srcPort()).isEqualTo(CLIENT_PORT);
            assertThat(tcp.dstPort()).isEqualTo(SERVER_PORT);
            assertThat(tcp.seq()).isEqualTo(1);
            assertThat(tcp.ack()).isZero();
            assertThat(tcp.headerLength()).as("20 bytes plus the 4-byte MSS option").isEqualTo(24);
            assertThat(tcp.flags()).isEqualTo(TcpFlags.SYN);
            assertThat(tcp.isSyn()).isTrue();
            assertThat(tcp.isAck() || tcp.isFin() || tcp.isRst() || tcp.isPsh() || tcp.isUrg()).isFalse();
            assertThat(tcp.window()).isEqualTo(Packets.WINDOW);
            assertThat(tcp.urgentPointer()).isZero();
            assertThat(tcp.checksum()).isEqualTo(0x6af1);
            assertThat(view.headerChecksum()).isEqualTo(0xab93);

            assertThat(view.l4Offset()).isEqualTo(20);
            assertThat(view.l4Length()).isEqualTo(24);
            assertThat(view.payloadOffset()).isEqualTo(44);
            assertThat(view.payloadLength()).isZero();
            assertThat(buf.getUnsignedShort(42)).as("MSS option value").isEqualTo(Packets.MSS);
            assertChecksumsValid();
        } finally {
            buf.release();
        }
    }

    @Test
    void everyTcpConvenienceSetsItsFlags() {
        assertTcp(Packets.synAck(SERVER, SERVER_PORT, CLIENT, CLIENT_PORT, 100, 2), TcpFlags.SYN | TcpFlags.ACK, 100, 2, 0);
        assertTcp(Packets.ack(CLIENT, CLIENT_PORT, SERVER, SERVER_PORT, 2, 101), TcpFlags.ACK, 2, 101, 0);
        assertTcp(Packets.data(CLIENT, CLIENT_PORT, SERVER, SERVER_PORT, 2, 101, HELLO),
                TcpFlags.PSH | TcpFlags.ACK, 2, 101, HELLO.length);
        assertTcp(Packets.rst(SERVER, SERVER_PORT, CLIENT, CLIENT_PORT, 101), TcpFlags.RST, 101, 0, 0);
        assertTcp(Packets.fin(CLIENT, CLIENT_PORT, SERVER, SERVER_PORT, 7, 101), TcpFlags.FIN | TcpFlags.ACK, 7, 101, 0);
        assertTcp(Packets.tcp(CLIENT, CLIENT_PORT, SERVER, SERVER_PORT, -1, -2, 0xff, HELLO), 0xff, -1, -2, HELLO.length);
    }

    private void assertTcp(ByteBuf buf, int flags, int seq, int ack, int payloadLength) {
        try {
            assertThat(view.wrap(buf)).isEqualTo(DropReason.NONE);
            TcpView tcp = view.tcp();
            assertThat(tcp.flags()).as(TcpFlags.format(flags)).isEqualTo(flags);
            assertThat(tcp.isSyn()).isEqualTo((flags & TcpFlags.SYN) != 0);
            assertThat(tcp.isAck()).isEqualTo((flags & TcpFlags.ACK) != 0);
            assertThat(tcp.isFin()).isEqualTo((flags & TcpFlags.FIN) != 0);
            assertThat(tcp.isRst()).isEqualTo((flags & TcpFlags.RST) != 0);
            assertThat(tcp.isPsh()).isEqualTo((flags & TcpFlags.PSH) != 0);
            assertThat(tcp.isUrg()).isEqualTo((flags & TcpFlags.URG) != 0);
            assertThat(tcp.seq()).isEqualTo(seq);
            assertThat(tcp.ack()).isEqualTo(ack);
            assertThat(view.payloadLength()).isEqualTo(payloadLength);
            assertThat(view.payloadOffset()).isEqualTo(20 + tcp.headerLength());
            assertChecksumsValid();
        } finally {
            buf.release();
        }
    }

    @Test
    void dataCarriesItsPayloadAndLeavesTheSourceBufferAlone() {
        ByteBuf payload = Unpooled.copiedBuffer(HELLO);
        payload.readByte();
        ByteBuf buf = Packets.data(PooledByteBufAllocator.DEFAULT, CLIENT, CLIENT_PORT, SERVER, SERVER_PORT, 2, 101, payload);
        try {
            assertThat(payload.readerIndex()).as("payload indexes untouched").isEqualTo(1);
            assertThat(payload.refCnt()).as("payload not released by the builder").isEqualTo(1);
            assertThat(buf.alloc()).isSameAs(PooledByteBufAllocator.DEFAULT);
            assertThat(view.wrap(buf)).isEqualTo(DropReason.NONE);
            assertThat(payloadBytes()).as("the readable bytes only").isEqualTo("ello".getBytes());
            assertChecksumsValid();
        } finally {
            buf.release();
            payload.release();
        }
    }

    @Test
    void udpRoundTrips() {
        ByteBuf buf = Packets.udp(PooledByteBufAllocator.DEFAULT, CLIENT, 5353, SERVER, 53, HELLO);
        try {
            assertThat(view.wrap(buf)).isEqualTo(DropReason.NONE);
            assertThat(view.isUdp()).isTrue();
            assertThat(view.srcPort()).isEqualTo(5353);
            assertThat(view.dstPort()).isEqualTo(53);
            assertThat(view.udp().srcPort()).isEqualTo(5353);
            assertThat(view.udp().dstPort()).isEqualTo(53);
            assertThat(view.udp().length()).isEqualTo(8 + HELLO.length);
            assertThat(view.udp().checksum()).isNotZero();
            assertThat(view.payloadOffset()).isEqualTo(28);
            assertThat(payloadBytes()).isEqualTo(HELLO);
            assertChecksumsValid();
        } finally {
            buf.release();
        }
    }

    @Test
    void udpFromByteBufPayload() {
        ByteBuf payload = Unpooled.copiedBuffer(HELLO);
        ByteBuf buf = Packets.udp(CLIENT, 1, SERVER, 2, payload);
        try {
            assertThat(view.wrap(buf)).isEqualTo(DropReason.NONE);
            assertThat(payloadBytes()).isEqualTo(HELLO);
            assertChecksumsValid();
        } finally {
            buf.release();
            payload.release();
        }
    }

    @Test
    void icmpEchoRequestAndReplyRoundTrip() {
        for (boolean request : new boolean[] {true, false}) {
            ByteBuf buf = request
                    ? Packets.icmpEchoRequest(PooledByteBufAllocator.DEFAULT, CLIENT, SERVER, 0x1234, 7, HELLO)
                    : Packets.icmpEchoReply(SERVER, CLIENT, 0x1234, 7, HELLO);
            try {
                assertThat(view.wrap(buf)).isEqualTo(DropReason.NONE);
                assertThat(view.isIcmp()).isTrue();
                IcmpView icmp = view.icmp();
                assertThat(icmp.type()).isEqualTo(request ? IcmpView.ECHO_REQUEST : IcmpView.ECHO_REPLY);
                assertThat(icmp.code()).isZero();
                assertThat(icmp.isEcho()).isTrue();
                assertThat(icmp.echoId()).isEqualTo(0x1234);
                assertThat(icmp.echoSequence()).isEqualTo(7);
                assertThat(icmp.checksum()).isNotZero();
                assertThat(view.srcPort()).as("ICMP has no ports").isZero();
                assertThat(view.dstPort()).isZero();
                assertThat(payloadBytes()).isEqualTo(HELLO);
                assertChecksumsValid();
            } finally {
                buf.release();
            }
        }
    }

    @Test
    void otherProtocolsAreAcceptedAsL3Only() {
        ByteBuf buf = Packets.ipv4(PooledByteBufAllocator.DEFAULT, CLIENT, SERVER, 47, HELLO);
        try {
            assertThat(view.wrap(buf)).isEqualTo(DropReason.NONE);
            assertThat(view.protocol()).isEqualTo(47);
            assertThat(view.srcPort()).isZero();
            assertThat(view.dstPort()).isZero();
            assertThat(view.l4Offset()).isEqualTo(20);
            assertThat(view.payloadOffset()).as("whole IPv4 payload").isEqualTo(20);
            assertThat(payloadBytes()).isEqualTo(HELLO);
            assertChecksumsValid();
            assertThatThrownBy(view::tcp).isInstanceOf(IllegalStateException.class).hasMessageContaining("proto-47");
        } finally {
            buf.release();
        }
    }

    @Test
    void offsetsAreAbsoluteAndPaddingIsIgnored() {
        byte[] packet = drain(Packets.data(CLIENT, CLIENT_PORT, SERVER, SERVER_PORT, 2, 101, HELLO));
        // 7 bytes of something before (a tunnel header, say) and 6 bytes of ethernet padding after.
        ByteBuf buf = Unpooled.buffer().writeBytes(new byte[7]).writeBytes(packet).writeBytes(new byte[6]);
        try {
            assertThat(view.wrap(buf, 7, packet.length + 6)).isEqualTo(DropReason.NONE);
            assertThat(view.offset()).isEqualTo(7);
            assertThat(view.wrappedLength()).isEqualTo(packet.length + 6);
            assertThat(view.totalLength()).isEqualTo(packet.length);
            assertThat(view.l4Offset()).isEqualTo(27);
            assertThat(view.payloadOffset()).isEqualTo(47);
            assertThat(view.payloadLength()).as("padding excluded").isEqualTo(HELLO.length);
            assertThat(payloadBytes()).isEqualTo(HELLO);
            assertChecksumsValid();
        } finally {
            buf.release();
        }
    }

    @Test
    void udpLengthShorterThanIpPayloadBoundsThePayload() {
        byte[] packet = drain(Packets.udp(CLIENT, 1, SERVER, 2, HELLO));
        PacketFixtures.setU16(packet, 24, 8 + 2);
        ByteBuf buf = exact(packet);
        assertThat(view.wrap(buf)).isEqualTo(DropReason.NONE);
        assertThat(view.payloadLength()).isEqualTo(2);
        assertThat(view.l4Length()).isEqualTo(8 + HELLO.length);
    }

    @Test
    void wrapMovesNoIndexAndKeepsTheReferenceCount() {
        ByteBuf buf = PooledByteBufAllocator.DEFAULT.directBuffer().writeBytes(new byte[3]);
        ByteBuf syn = Packets.syn(CLIENT, CLIENT_PORT, SERVER, SERVER_PORT, 1);
        buf.writeBytes(syn);
        syn.release();
        buf.readerIndex(3);
        try {
            int writer = buf.writerIndex();
            assertThat(view.wrap(buf)).isEqualTo(DropReason.NONE);
            view.tcp().seq();
            view.srcAddress();
            assertThat(buf.readerIndex()).isEqualTo(3);
            assertThat(buf.writerIndex()).isEqualTo(writer);
            assertThat(buf.refCnt()).isEqualTo(1);
            assertThat(view.offset()).isEqualTo(3);
        } finally {
            buf.release();
        }
    }

    @Test
    void oneViewFollowsEveryRewrap() {
        var packets = PacketFixtures.realPackets();
        for (int round = 0; round < 2; round++) {
            for (var entry : packets.entrySet()) {
                ByteBuf buf = exact(entry.getValue());
                assertThat(view.wrap(buf)).as(entry.getKey()).isEqualTo(DropReason.NONE);
                assertThat(view.totalLength()).as(entry.getKey()).isEqualTo(entry.getValue().length);
                assertThat(view.buffer()).isSameAs(buf);
                assertThat(view.wrap(exact(new byte[3]))).isEqualTo(DropReason.TRUNCATED);
                assertThat(view.isValid()).as("a rejection forgets the previous packet").isFalse();
            }
        }
    }

    @Test
    void accessorsRefuseWithoutAnAcceptedPacket() {
        assertThatThrownBy(view::srcAddress).isInstanceOf(IllegalStateException.class);
        view.wrap(exact(new byte[25]));
        assertThat(view.dropReason()).isEqualTo(DropReason.UNSUPPORTED_VERSION);
        assertThatThrownBy(view::protocol).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("UNSUPPORTED_VERSION");
        ByteBuf buf = exact(PacketFixtures.realPackets().get("syn"));
        view.wrap(buf);
        view.clear();
        assertThatThrownBy(view::buffer).as("cleared").isInstanceOf(IllegalStateException.class);
    }

    @Test
    void protocolViewsRefuseTheWrongProtocol() {
        view.wrap(exact(PacketFixtures.realPackets().get("udp")));
        assertThatThrownBy(view::tcp).isInstanceOf(IllegalStateException.class)
                .hasMessage("protocol: udp (expected: tcp)");
        assertThatThrownBy(view::icmp).isInstanceOf(IllegalStateException.class);
        view.wrap(exact(PacketFixtures.realPackets().get("syn")));
        TcpView held = view.tcp();
        view.wrap(exact(PacketFixtures.realPackets().get("udp")));
        assertThatThrownBy(held::seq).as("a held TcpView checks the current packet").isInstanceOf(IllegalStateException.class);
        assertThatCode(view::udp).doesNotThrowAnyException();
    }

    @Test
    void rangeOutsideTheBufferIsACallerBug() {
        ByteBuf buf = exact(new byte[40]);
        assertThatThrownBy(() -> view.wrap(buf, 30, 20)).isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessageContaining("capacity 40");
        assertThatThrownBy(() -> view.wrap(buf, -1, 20)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> view.wrap(buf, 0, -1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> view.wrap(null)).isInstanceOf(NullPointerException.class).hasMessage("buf");
    }

    @Test
    void builderRejectsOutOfRangeArguments() {
        assertThatThrownBy(() -> Packets.syn(CLIENT, 65536, SERVER, 1, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("srcPort: 65536 (expected: 0..65535)");
        assertThatThrownBy(() -> Packets.tcp(CLIENT, 1, SERVER, 1, 0, 0, 256, HELLO))
                .hasMessage("flags: 256 (expected: 0..255)");
        assertThatThrownBy(() -> Packets.icmpEchoRequest(CLIENT, SERVER, -1, 0, HELLO)).hasMessage("id: -1 (expected: 0..65535)");
        assertThatThrownBy(() -> Packets.ipv4(CLIENT, SERVER, 300, HELLO)).hasMessage("protocol: 300 (expected: 0..255)");
        assertThatThrownBy(() -> Packets.udp(CLIENT, 1, SERVER, 2, new byte[65535 - 28 + 1]))
                .hasMessage("packet length: 65536 (expected: at most 65535)");
        ByteBuf biggest = Packets.udp(CLIENT, 1, SERVER, 2, new byte[65535 - 28]);
        try {
            assertThat(view.wrap(biggest)).isEqualTo(DropReason.NONE);
            assertChecksumsValid();
        } finally {
            biggest.release();
        }
    }

    private byte[] payloadBytes() {
        return ByteBufUtil.getBytes(view.buffer(), view.payloadOffset(), view.payloadLength());
    }

    private void assertChecksumsValid() {
        assertThat(Checksums.ipv4HeaderValid(view)).as("IPv4 header checksum").isTrue();
        assertThat(Checksums.transportValid(view)).as("L4 checksum").isTrue();
    }
}
