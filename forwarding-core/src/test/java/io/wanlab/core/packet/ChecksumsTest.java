package io.wanlab.core.packet;

import static io.wanlab.core.packet.PacketFixtures.CLIENT;
import static io.wanlab.core.packet.PacketFixtures.CLIENT_PORT;
import static io.wanlab.core.packet.PacketFixtures.HELLO;
import static io.wanlab.core.packet.PacketFixtures.SERVER;
import static io.wanlab.core.packet.PacketFixtures.SERVER_PORT;
import static io.wanlab.core.packet.PacketFixtures.drain;
import static io.wanlab.core.packet.PacketFixtures.exact;
import static io.wanlab.core.packet.PacketFixtures.hex;
import static io.wanlab.core.packet.PacketFixtures.u16;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChecksumsTest {

    /** Textbook 16-bit loop, as independent from the implementation as possible. */
    private static int referenceSum(byte[] bytes, int from, int to) {
        int sum = 0;
        for (int i = from; i < to; i += 2) {
            int hi = bytes[i] & 0xff;
            int lo = i + 1 < to ? bytes[i + 1] & 0xff : 0;
            sum += (hi << 8) | lo;
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        return sum;
    }

    @ParameterizedTest(name = "{index}: {0}")
    @CsvSource({
            // RFC 1071 section 3 example: sum ddf2, checksum 220d.
            "0001f203f4f5f6f7, ddf2, 220d",
            // Same bytes cut to an odd length: the last byte is padded with a zero.
            "0001f203f4f5f6, dcfb, 2304",
            "ff, ff00, 00ff",
            "'', 0000, ffff",
            // Wikipedia's IPv4 header example with its checksum b861 in place: verifies to ffff.
            "450000730000400040 11b861c0a80001c0a800c7, ffff, 0000"
    })
    void knownVectors(String hexBytes, String sum, String checksum) {
        ByteBuf buf = exact(hex(hexBytes.replace(" ", "")));
        assertThat(Checksums.sum(buf, 0, buf.capacity())).isEqualTo(Integer.parseInt(sum, 16));
        assertThat(Checksums.checksum(buf, 0, buf.capacity())).isEqualTo(Integer.parseInt(checksum, 16));
    }

    @Test
    void ipv4HeaderKnownVector() {
        ByteBuf header = exact(hex("45000073000040004011b861c0a80001c0a800c7"));
        assertThat(Checksums.ipv4Header(header, 0)).isEqualTo(0xb861);
        assertThat(Checksums.ipv4HeaderValid(header, 0)).isTrue();
        header.setByte(8, 0x3f);
        assertThat(Checksums.ipv4HeaderValid(header, 0)).as("TTL changed, checksum not").isFalse();
        Checksums.writeIpv4Header(header, 0);
        assertThat(Checksums.ipv4HeaderValid(header, 0)).isTrue();
        assertThat(header.getUnsignedShort(10)).isEqualTo(0xb961);
    }

    @ParameterizedTest(name = "{index}: {0}")
    @CsvSource({
            // Computed by an independent script (Python struct + ones'-complement loop).
            "syn, 4500002c000040004006ab93c612010ac612020a9c4001bb00000001000000006002ffff6af10000020405b4",
            "data, 4500002d000040004006ab92c612010ac612020a9c4001bbfffffff0000000075018ffff3ec9000068656c6c6f",
            "udp, 4500001f000040004011ab95c612010ac612020a14e90035000b971e616263",
            "icmp, 45000021000040004001aba3c612010ac612020a0800e5f31234000770696e6721"
    })
    void buildersMatchGoldenBytes(String kind, String expectedHex) {
        ByteBuf built = switch (kind) {
            case "syn" -> Packets.syn(CLIENT, CLIENT_PORT, SERVER, SERVER_PORT, 1);
            case "data" -> Packets.data(CLIENT, CLIENT_PORT, SERVER, SERVER_PORT, 0xfffffff0, 7, HELLO);
            case "udp" -> Packets.udp(CLIENT, 5353, SERVER, 53, "abc".getBytes());
            case "icmp" -> Packets.icmpEchoRequest(CLIENT, SERVER, 0x1234, 7, "ping!".getBytes());
            default -> throw new IllegalArgumentException(kind);
        };
        assertThat(ByteBufUtil.hexDump(drain(built))).isEqualTo(expectedHex);
    }

    @Test
    void sumMatchesReferenceForRandomRangesAndOffsets() {
        Random random = new Random(7);
        byte[] bytes = new byte[70_000];
        random.nextBytes(bytes);
        ByteBuf buf = exact(bytes);
        for (int i = 0; i < 2_000; i++) {
            int from = random.nextInt(bytes.length);
            int length = random.nextInt(Math.min(bytes.length - from, i < 10 ? 65535 : 300) + 1);
            assertThat(Checksums.sum(buf, from, length)).as("from %d length %d", from, length)
                    .isEqualTo(referenceSum(bytes, from, from + length));
        }
    }

    @Test
    void builtPacketsVerifyAndCorruptionIsCaught() {
        PacketView view = new PacketView();
        for (var entry : PacketFixtures.realPackets().entrySet()) {
            byte[] packet = entry.getValue();
            assertThat(view.wrap(exact(packet))).isEqualTo(DropReason.NONE);
            assertThat(Checksums.ipv4HeaderValid(view)).as(entry.getKey()).isTrue();
            assertThat(Checksums.transportValid(view)).as(entry.getKey()).isTrue();
            if (packet[9] == 47) {
                continue;
            }
            byte[] corrupt = packet.clone();
            corrupt[corrupt.length - 1] ^= 0x01;
            view.wrap(exact(corrupt));
            assertThat(Checksums.ipv4HeaderValid(view)).as("the IP header does not cover the payload").isTrue();
            assertThat(Checksums.transportValid(view)).as(entry.getKey() + " with a flipped last bit").isFalse();
        }
    }

    @Test
    void tcpChecksumCoversThePseudoHeader() {
        byte[] syn = PacketFixtures.realPackets().get("syn");
        ByteBuf buf = exact(syn);
        assertThat(Checksums.tcpValid(buf, CLIENT, SERVER, 20, 24)).isTrue();
        assertThat(Checksums.tcpValid(buf, CLIENT + 1, SERVER, 20, 24)).as("other source address").isFalse();
        assertThat(Checksums.tcp(buf, CLIENT, SERVER, 20, 24)).isEqualTo(u16(syn, 36));
    }

    @Test
    void udpZeroChecksumMeansNoneAndAComputedZeroIsSentAsFfff() {
        byte[] udp = drain(Packets.udp(CLIENT, 1, SERVER, 2, new byte[2]));
        int withZeroWord = u16(udp, 26);
        // Putting the checksum's own value into the payload word makes the sum ffff, so the checksum computes to 0.
        byte[] payload = {(byte) (withZeroWord >>> 8), (byte) withZeroWord};
        byte[] zeroing = drain(Packets.udp(CLIENT, 1, SERVER, 2, payload));
        assertThat(u16(zeroing, 26)).as("0 is sent as ffff").isEqualTo(0xffff);
        assertThat(Checksums.udpValid(exact(zeroing), CLIENT, SERVER, 20, 10)).isTrue();

        PacketFixtures.setU16(zeroing, 26, 0);
        zeroing[28] ^= 0x55;
        assertThat(Checksums.udpValid(exact(zeroing), CLIENT, SERVER, 20, 10)).as("no checksum sent").isTrue();
    }

    @Test
    void rfc1624ExampleNeedsEquation3() {
        // RFC 1624 section 4: m = 5555 -> 3285 with HC = dd2f gives 0000 (equation 2 would give ffff).
        assertThat(Checksums.update16(0xdd2f, 0x5555, 0x3285)).isEqualTo(0x0000);
    }

    @Test
    void incrementalUpdateEqualsFullRecompute() {
        Random random = new Random(1624);
        byte[] header = new byte[20];
        for (int i = 0; i < 100_000; i++) {
            random.nextBytes(header);
            header[0] = 0x45;
            ByteBuf buf = exact(header);
            Checksums.writeIpv4Header(buf, 0);
            int before = buf.getUnsignedShort(10);
            if (random.nextBoolean()) {
                int at = 12 + 4 * random.nextInt(2);
                int oldValue = buf.getInt(at);
                int newValue = random.nextInt(4) == 0 ? ~oldValue : random.nextInt();
                buf.setInt(at, newValue);
                assertThat(Checksums.update32(before, oldValue, newValue)).isEqualTo(Checksums.ipv4Header(buf, 0));
            } else {
                // Any word but version/IHL (it sets the length summed) and the checksum itself.
                int at = 2 + 2 * random.nextInt(9);
                if (at == 10) {
                    at = 8;
                }
                int oldWord = buf.getUnsignedShort(at);
                int newWord = random.nextInt(4) == 0 ? (~oldWord & 0xffff) : random.nextInt(0x10000);
                buf.setShort(at, newWord);
                assertThat(Checksums.update16(before, oldWord, newWord)).isEqualTo(Checksums.ipv4Header(buf, 0));
            }
        }
    }

    @Test
    void rejectsBadArguments() {
        ByteBuf buf = Unpooled.EMPTY_BUFFER;
        assertThatThrownBy(() -> Checksums.sum(buf, 0, -1)).hasMessage("length: -1 (expected: >= 0)");
        assertThatThrownBy(() -> Checksums.tcp(exact(new byte[10]), 0, 0, 0, 10)).hasMessage("length: 10 (expected: >= 18)");
        assertThatThrownBy(() -> Checksums.sum(null, 0, 0)).isInstanceOf(NullPointerException.class).hasMessage("buf");
    }
}
