package io.wanlab.core.packet;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Offload metadata: the strict check, checksum completion, and the software GSO split against the kernel's rules. */
class OffloadTest {
    static final int SRC = 0xC612010A;
    static final int DST = 0xC612020A;

    /** A TCP super-packet as a TSO TUN read returns it: full IP length, checksum field = pseudo-header sum. */
    static ByteBuf superPacket(int payloadLength, int flags) {
        byte[] payload = new byte[payloadLength];
        new SplittableRandom(payloadLength).nextBytes(payload);
        ByteBuf p = Packets.tcp(SRC, 40000, DST, 5201, 1_000_000, 7, flags, payload);
        int l4Length = p.readableBytes() - 20;
        p.setShort(20 + 16, Checksums.pseudoHeaderSum(SRC, DST, IpProtocols.TCP, l4Length));
        return p;
    }

    static long tso(int mss) {
        return Offload.pack(Offload.GSO_TCPV4, Offload.F_NEEDS_CSUM, mss, 20, 16);
    }

    @Test
    void packsAndUnpacksEveryField() {
        long m = Offload.pack(Offload.GSO_TCPV6 | Offload.GSO_ECN, Offload.F_NEEDS_CSUM, 1440, 40, 16);
        assertThat(Offload.gsoType(m)).isEqualTo(Offload.GSO_TCPV6 | Offload.GSO_ECN);
        assertThat(Offload.flags(m)).isEqualTo(Offload.F_NEEDS_CSUM);
        assertThat(Offload.gsoSize(m)).isEqualTo(1440);
        assertThat(Offload.csumStart(m)).isEqualTo(40);
        assertThat(Offload.csumOffset(m)).isEqualTo(16);
        assertThat(Offload.isGso(m)).isTrue();
        assertThat(Offload.isGso(Offload.NONE)).isFalse();
        assertThat(Offload.isGso(Offload.INVALID)).isFalse();
    }

    @Test
    void segmentingASuperPacketGivesWhatTheKernelWould() {
        ByteBuf p = superPacket(10_000, TcpFlags.ACK | TcpFlags.PSH | TcpFlags.FIN);
        p.setShort(4, 0xfffe); // identification wraps during the split
        long meta = Offload.check(p, tso(1388));
        assertThat(meta).isEqualTo(tso(1388));
        List<ByteBuf> segments = new ArrayList<>();
        int n = Offload.segment(p, meta, Unpooled.buffer(2000), s -> segments.add(s.copy()));
        assertThat(n).isEqualTo(8).isEqualTo(segments.size());
        ByteBuf joined = Unpooled.buffer();
        for (int i = 0; i < n; i++) {
            ByteBuf s = segments.get(i);
            PacketView v = new PacketView();
            assertThat(v.wrap(s)).isEqualTo(DropReason.NONE);
            assertThat(Checksums.ipv4HeaderValid(v)).as("IP checksum of segment %d", i).isTrue();
            assertThat(Checksums.transportValid(v)).as("TCP checksum of segment %d", i).isTrue();
            assertThat(v.totalLength()).isEqualTo(s.readableBytes());
            assertThat(v.identification()).isEqualTo((0xfffe + i) & 0xffff);
            assertThat((long) v.tcp().seq()).isEqualTo(1_000_000L + 1388L * i);
            int flags = v.tcp().flags();
            boolean last = i == n - 1;
            assertThat((flags & TcpFlags.FIN) != 0).as("FIN only on the last").isEqualTo(last);
            assertThat((flags & TcpFlags.PSH) != 0).as("PSH only on the last").isEqualTo(last);
            assertThat(flags & TcpFlags.ACK).isNotZero();
            assertThat(v.payloadLength()).isEqualTo(last ? 10_000 - 1388 * 7 : 1388);
            joined.writeBytes(s, v.payloadOffset(), v.payloadLength());
        }
        assertThat(joined).isEqualTo(p.slice(40, 10_000));
    }

    @Test
    void aCorruptedSegmentIsCaughtByItsChecksum() {
        ByteBuf p = superPacket(3000, TcpFlags.ACK);
        List<ByteBuf> segments = new ArrayList<>();
        Offload.segment(p, tso(1000), Unpooled.buffer(2000), s -> segments.add(s.copy()));
        ByteBuf s = segments.get(1);
        s.setByte(60, s.getByte(60) ^ 1);
        PacketView v = new PacketView();
        v.wrap(s);
        assertThat(Checksums.transportValid(v)).isFalse();
    }

    @Test
    void udpSegmentsGetTheirLengthAndChecksum() {
        byte[] payload = new byte[5000];
        new SplittableRandom(5).nextBytes(payload);
        ByteBuf p = Packets.udp(Unpooled.buffer().alloc(), SRC, 5000, DST, 5001, payload);
        p.setShort(20 + 6, Checksums.pseudoHeaderSum(SRC, DST, IpProtocols.UDP, p.readableBytes() - 20));
        long meta = Offload.check(p, Offload.pack(Offload.GSO_UDP_L4, Offload.F_NEEDS_CSUM, 1400, 20, 6));
        assertThat(Offload.isGso(meta)).isTrue();
        List<ByteBuf> segments = new ArrayList<>();
        Offload.segment(p, meta, Unpooled.buffer(2000), s -> segments.add(s.copy()));
        assertThat(segments).hasSize(4);
        for (ByteBuf s : segments) {
            PacketView v = new PacketView();
            assertThat(v.wrap(s)).isEqualTo(DropReason.NONE);
            assertThat(v.udp().length()).isEqualTo(s.readableBytes() - 20);
            assertThat(Checksums.transportValid(v)).isTrue();
            assertThat(Checksums.ipv4HeaderValid(v)).isTrue();
        }
    }

    @Test
    void aPartialChecksumWithoutGsoIsCompletedInPlace() {
        ByteBuf p = superPacket(500, TcpFlags.ACK);
        long meta = Offload.check(p, Offload.pack(Offload.GSO_NONE, Offload.F_NEEDS_CSUM, 0, 20, 16));
        assertThat(meta).isNotEqualTo(Offload.INVALID).isNotEqualTo(Offload.NONE);
        Offload.completeChecksum(p, meta);
        PacketView v = new PacketView();
        v.wrap(p);
        assertThat(Checksums.transportValid(v)).isTrue();
    }

    @Test
    void fullChecksumMakesASuperPacketCheckForACapture() {
        ByteBuf p = superPacket(60_000, TcpFlags.ACK);
        PacketView v = new PacketView();
        v.wrap(p);
        assertThat(Checksums.transportValid(v)).as("partial, as read from the TUN").isFalse();
        Offload.fullChecksum(p, tso(1388));
        assertThat(Checksums.transportValid(v)).isTrue();
    }

    @Test
    void metadataThatDoesNotFitItsPacketIsInvalid() {
        ByteBuf tcp = superPacket(3000, TcpFlags.ACK);
        ByteBuf udp = Packets.udp(Unpooled.buffer().alloc(), SRC, 1, DST, 2, new byte[100]);
        assertThat(Offload.check(tcp, Offload.NONE)).isEqualTo(Offload.NONE);
        assertThat(Offload.check(tcp, Offload.pack(Offload.GSO_TCPV4, Offload.F_NEEDS_CSUM, 1388, 24, 16)))
                .as("csum_start past the L4 header").isEqualTo(Offload.INVALID);
        assertThat(Offload.check(tcp, Offload.pack(Offload.GSO_TCPV4, Offload.F_NEEDS_CSUM, 1388, 20, 6)))
                .as("UDP's csum_offset on TCP").isEqualTo(Offload.INVALID);
        assertThat(Offload.check(tcp, Offload.pack(Offload.GSO_TCPV6, Offload.F_NEEDS_CSUM, 1388, 20, 16)))
                .as("TCPV6 on IPv4").isEqualTo(Offload.INVALID);
        assertThat(Offload.check(tcp, Offload.pack(Offload.GSO_UDP_L4, Offload.F_NEEDS_CSUM, 1388, 20, 16)))
                .as("UDP GSO on TCP").isEqualTo(Offload.INVALID);
        assertThat(Offload.check(tcp, Offload.pack(Offload.GSO_UDP, Offload.F_NEEDS_CSUM, 1388, 20, 16)))
                .as("legacy UFO").isEqualTo(Offload.INVALID);
        assertThat(Offload.check(tcp, Offload.pack(Offload.GSO_TCPV4, Offload.F_NEEDS_CSUM, 7, 20, 16)))
                .as("gso_size below the minimum").isEqualTo(Offload.INVALID);
        assertThat(Offload.check(tcp, Offload.pack(Offload.GSO_TCPV4, 0, 1388, 20, 16)))
                .as("GSO without NEEDS_CSUM").isEqualTo(Offload.INVALID);
        assertThat(Offload.check(tcp, Offload.pack(Offload.GSO_TCPV4, Offload.F_NEEDS_CSUM | 0x40, 1388, 20, 16)))
                .as("an unknown flag").isEqualTo(Offload.INVALID);
        assertThat(Offload.check(tcp, Offload.pack(Offload.GSO_NONE, Offload.F_NEEDS_CSUM, 1388, 20, 16)))
                .as("gso_size without a gso type").isEqualTo(Offload.INVALID);
        assertThat(Offload.check(udp, Offload.pack(Offload.GSO_UDP_L4 | Offload.GSO_ECN, Offload.F_NEEDS_CSUM, 1388, 20, 6)))
                .as("ECN on UDP").isEqualTo(Offload.INVALID);
        ByteBuf fragment = tcp.copy();
        fragment.setShort(6, 0x2000);
        assertThat(Offload.check(fragment, tso(1388))).as("a fragment").isEqualTo(Offload.INVALID);
        ByteBuf shortLength = tcp.copy();
        shortLength.setShort(2, tcp.readableBytes() - 1);
        assertThat(Offload.check(shortLength, tso(1388))).as("IP length not the packet's").isEqualTo(Offload.INVALID);
    }

    @Test
    void checkNeverThrowsOnArbitraryBytesAndMetadata() {
        SplittableRandom r = new SplittableRandom(42);
        ByteBuf scratch = Unpooled.buffer(70_000);
        for (int i = 0; i < 20_000; i++) {
            byte[] bytes = new byte[r.nextInt(0, 200)];
            r.nextBytes(bytes);
            if (bytes.length > 0 && r.nextBoolean()) {
                bytes[0] = (byte) (0x45 + (r.nextBoolean() ? 0 : 0x20));
            }
            ByteBuf p = Unpooled.wrappedBuffer(bytes);
            long meta = r.nextBoolean() ? r.nextLong()
                    : Offload.pack(r.nextInt(0, 6), r.nextInt(0, 2), r.nextInt(0, 100), r.nextInt(0, 64), r.nextBoolean() ? 16 : 6);
            long checked = Offload.check(p, meta);
            if (checked != Offload.INVALID && checked != Offload.NONE) {
                // What passes the check can be segmented without an exception.
                Offload.segment(p.copy(), checked, scratch, s -> true);
            }
        }
    }
}
