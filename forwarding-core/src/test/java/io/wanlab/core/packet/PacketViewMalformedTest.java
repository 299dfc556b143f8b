package io.wanlab.core.packet;

import static io.wanlab.core.packet.PacketFixtures.exact;
import static io.wanlab.core.packet.PacketFixtures.setU16;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PacketViewMalformedTest {
    private static final Map<String, byte[]> REAL = PacketFixtures.realPackets();

    private final PacketView view = new PacketView();
    private final DropCounters counters = new DropCounters();

    record Case(String name, byte[] bytes, DropReason expected) {
        @Override
        public String toString() {
            return name + " -> " + expected;
        }
    }

    /** A real packet of {@code kind}, edited. */
    private static byte[] edit(String kind, UnaryOperator<byte[]> change) {
        return change.apply(REAL.get(kind).clone());
    }

    /** A real packet cut to {@code length} bytes whose IPv4 total length says so: a consistent but short packet. */
    private static byte[] shortened(String kind, int length) {
        byte[] packet = Arrays.copyOf(REAL.get(kind), length);
        setU16(packet, 2, length);
        return packet;
    }

    private static byte[] with(byte[] packet, int index, int value) {
        packet[index] = (byte) value;
        return packet;
    }

    private static byte[] with16(byte[] packet, int index, int value) {
        setU16(packet, index, value);
        return packet;
    }

    static Stream<Case> malformed() {
        byte[] ipv6 = new byte[40];
        ipv6[0] = 0x60;
        return Stream.of(
                new Case("empty", new byte[0], DropReason.TRUNCATED),
                new Case("one byte of IPv4", new byte[] {0x45}, DropReason.TRUNCATED),
                new Case("19 bytes of a SYN", Arrays.copyOf(REAL.get("syn"), 19), DropReason.TRUNCATED),
                new Case("short IPv6 is still truncated", Arrays.copyOf(ipv6, 19), DropReason.TRUNCATED),
                new Case("IPv6 router solicitation", ipv6, DropReason.UNSUPPORTED_VERSION_IPV6),
                new Case("version 0", edit("syn", p -> with(p, 0, 0x05)), DropReason.UNSUPPORTED_VERSION),
                new Case("version 5", edit("syn", p -> with(p, 0, 0x55)), DropReason.UNSUPPORTED_VERSION),
                new Case("version 15", edit("syn", p -> with(p, 0, 0xf5)), DropReason.UNSUPPORTED_VERSION),
                new Case("IHL 0", edit("syn", p -> with(p, 0, 0x40)), DropReason.BAD_HEADER_LENGTH),
                new Case("IHL 4", edit("syn", p -> with(p, 0, 0x44)), DropReason.BAD_HEADER_LENGTH),
                new Case("IHL 15 beyond a 44-byte buffer", edit("syn", p -> with(p, 0, 0x4f)), DropReason.BAD_HEADER_LENGTH),
                new Case("total length 0", edit("syn", p -> with16(p, 2, 0)), DropReason.TOTAL_LENGTH_BELOW_HEADER),
                new Case("total length 19", edit("syn", p -> with16(p, 2, 19)), DropReason.TOTAL_LENGTH_BELOW_HEADER),
                new Case("IHL 6, total length 22", edit("syn", p -> with16(with(p, 0, 0x46), 2, 22)),
                        DropReason.TOTAL_LENGTH_BELOW_HEADER),
                new Case("total length one past the buffer", edit("syn", p -> with16(p, 2, 45)),
                        DropReason.TOTAL_LENGTH_BEYOND_BUFFER),
                new Case("total length 65535", edit("syn", p -> with16(p, 2, 0xffff)), DropReason.TOTAL_LENGTH_BEYOND_BUFFER),
                new Case("more fragments", edit("syn", p -> with16(p, 6, 0x2000)), DropReason.FRAGMENT),
                new Case("last fragment", edit("udp", p -> with16(p, 6, 0x0001)), DropReason.FRAGMENT),
                new Case("largest fragment offset with DF", edit("icmpEchoRequest", p -> with16(p, 6, 0x5fff)),
                        DropReason.FRAGMENT),
                new Case("TCP with no header", shortened("syn", 20), DropReason.TCP_TRUNCATED),
                new Case("TCP header 19 bytes", shortened("ack", 39), DropReason.TCP_TRUNCATED),
                new Case("TCP data offset 0", edit("ack", p -> with(p, 32, 0x00)), DropReason.TCP_BAD_DATA_OFFSET),
                new Case("TCP data offset 4", edit("ack", p -> with(p, 32, 0x40)), DropReason.TCP_BAD_DATA_OFFSET),
                new Case("TCP data offset 15 in 20 bytes", edit("ack", p -> with(p, 32, 0xf0)), DropReason.TCP_BAD_DATA_OFFSET),
                new Case("SYN cut inside its MSS option", shortened("syn", 42), DropReason.TCP_BAD_DATA_OFFSET),
                new Case("UDP with no header", shortened("udp", 20), DropReason.UDP_TRUNCATED),
                new Case("UDP header 7 bytes", shortened("udp", 27), DropReason.UDP_TRUNCATED),
                new Case("UDP length 0", edit("udp", p -> with16(p, 24, 0)), DropReason.UDP_BAD_LENGTH),
                new Case("UDP length 7", edit("udp", p -> with16(p, 24, 7)), DropReason.UDP_BAD_LENGTH),
                new Case("UDP length past the IP payload", edit("udp", p -> with16(p, 24, 14)), DropReason.UDP_BAD_LENGTH),
                new Case("UDP payload cut", shortened("udp", 30), DropReason.UDP_BAD_LENGTH),
                new Case("ICMP with no header", shortened("icmpEchoRequest", 20), DropReason.ICMP_TRUNCATED),
                new Case("ICMP header 7 bytes", shortened("icmpEchoReply", 27), DropReason.ICMP_TRUNCATED));
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("malformed")
    void malformedPacketIsDroppedWithItsReason(Case c) {
        ByteBuf buf = exact(c.bytes());
        assertThat(view.wrap(buf, 0, c.bytes().length, counters)).isEqualTo(c.expected());
        assertThat(view.dropReason()).isEqualTo(c.expected());
        assertThat(view.isValid()).isFalse();
        assertThat(counters.get(c.expected())).as("counted once under its reason").isEqualTo(1);
        assertThat(counters.total()).isEqualTo(1);
    }

    @Test
    void tableCoversEveryDropReason() {
        Set<DropReason> covered = malformed().map(Case::expected).collect(Collectors.toCollection(() -> EnumSet.noneOf(DropReason.class)));
        assertThat(covered).isEqualTo(DropReason.malformed());
    }

    @Test
    void everyPrefixOfARealPacketIsDroppedNeverThrown() {
        int prefixes = 0;
        for (var entry : REAL.entrySet()) {
            byte[] packet = entry.getValue();
            for (int length = 0; length < packet.length; length++) {
                DropReason reason = view.wrap(exact(packet, length), 0, length, counters);
                DropReason expected = length < 20 ? DropReason.TRUNCATED : DropReason.TOTAL_LENGTH_BEYOND_BUFFER;
                assertThat(reason).as("%s cut to %d bytes", entry.getKey(), length).isEqualTo(expected);
                prefixes++;
            }
            assertThat(view.wrap(exact(packet))).as(entry.getKey() + " whole").isEqualTo(DropReason.NONE);
        }
        assertThat(counters.total()).as("one count per prefix").isEqualTo(prefixes);
    }

    @Test
    void everyConsistentlyShortenedPacketGetsTheL4Reason() {
        for (var entry : REAL.entrySet()) {
            byte[] packet = entry.getValue();
            int protocol = packet[9];
            int l4Header = switch (protocol) {
                case IpProtocols.TCP -> (packet[32] & 0xf0) >>> 2;
                case IpProtocols.UDP, IpProtocols.ICMP -> 8;
                default -> 0;
            };
            for (int length = 20; length <= packet.length; length++) {
                String what = entry.getKey() + " shortened to " + length;
                DropReason reason = view.wrap(exact(shortened(entry.getKey(), length)));
                int l4 = length - 20;
                DropReason expected = switch (protocol) {
                    case IpProtocols.TCP -> l4 < 20 ? DropReason.TCP_TRUNCATED
                            : l4 < l4Header ? DropReason.TCP_BAD_DATA_OFFSET : DropReason.NONE;
                    case IpProtocols.UDP -> l4 < 8 ? DropReason.UDP_TRUNCATED
                            : length < packet.length ? DropReason.UDP_BAD_LENGTH : DropReason.NONE;
                    case IpProtocols.ICMP -> l4 < 8 ? DropReason.ICMP_TRUNCATED : DropReason.NONE;
                    default -> DropReason.NONE;
                };
                assertThat(reason).as(what).isEqualTo(expected);
                if (reason == DropReason.NONE) {
                    assertThat(view.payloadOffset() + view.payloadLength()).as(what).isEqualTo(length);
                    assertThat(view.payloadLength()).as(what).isEqualTo(l4 - l4Header);
                }
            }
        }
    }

    @Test
    void randomGarbageNeverThrows() {
        Random random = new Random(20261127L);
        long rejected = 0;
        for (int i = 0; i < 100_000; i++) {
            byte[] bytes = new byte[random.nextInt(90)];
            random.nextBytes(bytes);
            if (bytes.length >= 20 && random.nextBoolean()) {
                // Half the cases look like unfragmented IPv4 carrying TCP, UDP or ICMP, to get past the first checks.
                bytes[0] = (byte) (random.nextBoolean() ? 0x45 : 0x40 | (bytes[0] & 0x0f));
                setU16(bytes, 2, bytes.length - random.nextInt(4));
                setU16(bytes, 6, random.nextInt(8) == 0 ? 0x2000 : 0x4000);
                bytes[9] = (byte) new int[] {IpProtocols.TCP, IpProtocols.UDP, IpProtocols.ICMP, 47}[random.nextInt(4)];
            }
            DropReason reason = view.wrap(exact(bytes), 0, bytes.length, counters);
            if (reason == DropReason.NONE) {
                readEverything(bytes.length);
            } else {
                rejected++;
            }
        }
        assertThat(counters.total()).as("counters count every rejection").isEqualTo(rejected);
        assertThat(counters.snapshot().keySet()).as("the fuzz reaches every reason")
                .isEqualTo(DropReason.malformed());
    }

    @Test
    void mutatedRealPacketsNeverThrowAndStayInBounds() {
        Random random = new Random(42L);
        byte[][] packets = REAL.values().toArray(byte[][]::new);
        Set<DropReason> seen = EnumSet.noneOf(DropReason.class);
        for (int i = 0; i < 100_000; i++) {
            byte[] bytes = packets[random.nextInt(packets.length)].clone();
            int flips = 1 + random.nextInt(3);
            for (int f = 0; f < flips; f++) {
                // Mostly the first 40 bytes: that is where the headers the view reads live.
                int at = random.nextInt(Math.min(bytes.length, random.nextBoolean() ? 40 : bytes.length));
                bytes[at] = (byte) random.nextInt(256);
            }
            int length = random.nextInt(4) == 0 ? random.nextInt(bytes.length + 1) : bytes.length;
            DropReason reason = view.wrap(exact(bytes, length), 0, length, counters);
            seen.add(reason);
            if (reason == DropReason.NONE) {
                readEverything(length);
            }
        }
        assertThat(seen).as("mutations reach every reason but IPv6").containsAll(
                java.util.stream.Stream.concat(DropReason.malformed().stream(), java.util.stream.Stream.of(DropReason.NONE))
                        .filter(r -> r != DropReason.UNSUPPORTED_VERSION_IPV6).toList());
    }

    /** Calls every accessor that applies and checks that the view's ranges lie inside the wrapped bytes. */
    private void readEverything(int wrapped) {
        assertThat(view.totalLength()).isBetween(view.headerLength(), wrapped);
        assertThat(view.l4Offset() + view.l4Length()).isEqualTo(view.totalLength());
        assertThat(view.payloadOffset()).isGreaterThanOrEqualTo(view.l4Offset());
        assertThat(view.payloadOffset() + view.payloadLength()).isLessThanOrEqualTo(view.totalLength());
        assertThat(view.payloadLength()).isNotNegative();
        assertThat(view.version()).isEqualTo(4);
        view.tos();
        view.identification();
        view.flagsAndFragmentOffset();
        view.ttl();
        view.headerChecksum();
        view.srcAddress();
        view.dstAddress();
        view.srcPort();
        view.dstPort();
        switch (view.protocol()) {
            case IpProtocols.TCP -> {
                TcpView tcp = view.tcp();
                assertThat(tcp.headerLength()).isBetween(20, view.l4Length());
                tcp.seq();
                tcp.ack();
                tcp.flags();
                tcp.window();
                tcp.checksum();
                tcp.urgentPointer();
            }
            case IpProtocols.UDP -> assertThat(view.udp().length()).isBetween(8, view.l4Length());
            case IpProtocols.ICMP -> {
                view.icmp().type();
                view.icmp().code();
                view.icmp().echoId();
                view.icmp().echoSequence();
                view.icmp().checksum();
            }
            default -> { }
        }
        Checksums.ipv4HeaderValid(view);
        Checksums.transportValid(view);
        assertThat(PacketSummary.of(view)).isNotBlank();
    }

    @Test
    void directBufferSliceBehavesLikeHeap() {
        byte[] syn = REAL.get("syn");
        ByteBuf direct = Unpooled.directBuffer(syn.length).writeBytes(syn);
        try {
            for (int length = 0; length < syn.length; length++) {
                assertThat(view.wrap(direct.slice(0, length))).isNotEqualTo(DropReason.NONE);
            }
            assertThat(view.wrap(direct)).isEqualTo(DropReason.NONE);
        } finally {
            direct.release();
        }
    }
}
