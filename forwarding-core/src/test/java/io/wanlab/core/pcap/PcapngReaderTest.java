package io.wanlab.core.pcap;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PcapngReaderTest {
    private static final byte[] SYN = TcpPackets.tcp("198.18.1.10", 40000, "198.19.2.20", 443, TcpPackets.SYN, new byte[0]);

    /** A named malformed file, the byte offset the error must name, and a fragment of its message. */
    record Malformed(String name, byte[] file, long offset, String message) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Malformed> malformedFiles() {
        byte[] valid = RawPcapng.littleEndian().sectionHeader().interfaceBlock("lan", new byte[0])
                .packet(0, 5, SYN, "c").bytes();
        int idbAt = 28;
        int epbAt = idbAt + 32; // IDB: type, length, fixed 8, if_name "lan" 8, end of options 4, trailer 4
        return Stream.of(
                new Malformed("empty file", new byte[0], 0, "empty file"),
                new Malformed("classic pcap, not pcapng", HexFormat.of().parseHex("d4c3b2a1020004000000000000000000ffff000065000000"),
                        0, "expected: a Section Header Block, 0x0a0d0d0a, first"),
                new Malformed("wrong byte-order magic", patchInt(valid, 8, 0x11223344, ByteOrder.BIG_ENDIAN), 8,
                        "byte-order magic 0x11223344"),
                new Malformed("header cut after 5 bytes", Arrays.copyOf(valid, 5), 0, "truncated block header"),
                new Malformed("section header cut before its magic", Arrays.copyOf(valid, 10), 0, "truncated block header"),
                new Malformed("section header length 24", patchInt(valid, 4, 24), 0, "block total length 24 (expected: a multiple of 4 in 28.."),
                new Malformed("interface block length not a multiple of 4", patchInt(valid, idbAt + 4, 30), idbAt,
                        "block total length 30"),
                new Malformed("interface block length 8", patchInt(valid, idbAt + 4, 8), idbAt, "block total length 8"),
                new Malformed("block length 2^31 - 16", patchInt(valid, idbAt + 4, 0x7FFF_FFF0), idbAt,
                        "block total length 2147483632"),
                new Malformed("block length negative", patchInt(valid, idbAt + 4, -4), idbAt, "block total length 4294967292"),
                new Malformed("block length past the end of the file", patchInt(valid, epbAt + 4, 16 * 1024 * 1024), epbAt,
                        "truncated block: file ends after"),
                new Malformed("trailing length differs", patchInt(valid, valid.length - 4, 60), valid.length - 4,
                        "trailing block total length 60"),
                new Malformed("version 2.0", patchInt(valid, 12, 2), 12, "version 2.0 (expected: 1.x)"),
                new Malformed("packet before any interface", RawPcapng.littleEndian().sectionHeader()
                        .packet(0, 5, SYN, null).bytes(), 36, "interface id 0 (expected: one of the 0 interfaces"),
                new Malformed("packet on interface 7 of 1", patchInt(valid, epbAt + 8, 7), epbAt + 8, "interface id 7"),
                new Malformed("captured length beyond the block", patchInt(valid, epbAt + 20, 1000), epbAt + 20,
                        "captured length 1000 (expected: at most the"),
                new Malformed("captured length 2^32 - 1", patchInt(valid, epbAt + 20, -1), epbAt + 20, "captured length 4294967295"),
                new Malformed("original length 2^31", patchInt(valid, epbAt + 24, Integer.MIN_VALUE), epbAt + 24,
                        "original length 2147483648"),
                new Malformed("packet block too short for its fields", RawPcapng.littleEndian().sectionHeader().interfaceBlock("lan", new byte[0])
                        .block(Pcapng.BLOCK_ENHANCED_PACKET, new byte[8]).bytes(), epbAt, "Enhanced Packet Block of 20 bytes (expected: at least 32)"),
                new Malformed("comment option overruns the block", patchShort(valid, epbAt + 28 + SYN.length + 2, 200),
                        epbAt + 28 + SYN.length, "option 1 of length 200"),
                new Malformed("if_tsresol of length 2", RawPcapng.littleEndian().sectionHeader()
                        .interfaceBlock("lan", option(Pcapng.OPT_IF_TSRESOL, new byte[] {9, 9})).bytes(), idbAt + 24,
                        "if_tsresol option of length 2 (expected: 1)"),
                new Malformed("timestamp beyond 2262", RawPcapng.littleEndian().sectionHeader()
                        .interfaceBlock("lan", option(Pcapng.OPT_IF_TSRESOL, new byte[] {0}))
                        .packet(0, Long.MAX_VALUE / 1000, SYN, null).bytes(), 28 + 40 + 8 + 4, "timestamp 9223372036854775"));
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("malformedFiles")
    void rejectsMalformedFilesNamingTheOffset(Malformed malformed) {
        PcapngFormatException error = catchThrowableOfType(PcapngFormatException.class, () -> readAll(malformed.file()));
        assertThat(error).as("a PcapngFormatException for " + malformed.name()).isNotNull();
        assertThat(error.getMessage()).contains(malformed.message()).startsWith("pcapng at byte offset " + malformed.offset() + ": ");
        assertThat(error.offset()).isEqualTo(malformed.offset());
    }

    @Test
    void reportsTruncationAtEveryCutPointAfterReturningWholePackets() throws IOException {
        byte[] file = writtenByUs();
        List<RawPcapng.Block> blocks = RawPcapng.walk(file);
        for (int cut = 0; cut < file.length; cut++) {
            byte[] prefix = Arrays.copyOf(file, cut);
            int whole = 0;
            RawPcapng.Block cutBlock = null;
            for (RawPcapng.Block block : blocks) {
                if (block.offset() + block.length() <= cut) {
                    whole += block.type() == Pcapng.BLOCK_ENHANCED_PACKET ? 1 : 0;
                } else if (cutBlock == null) {
                    cutBlock = block;
                }
            }
            List<CapturedPacket> read = new ArrayList<>();
            PcapngReader reader = new PcapngReader(new ByteArrayInputStream(prefix));
            try {
                for (CapturedPacket packet = reader.next(); packet != null; packet = reader.next()) {
                    read.add(packet);
                }
                assertThat(cutBlock.offset()).as("cut at %d: only a block boundary ends cleanly", cut).isEqualTo(cut);
            } catch (PcapngFormatException e) {
                assertThat(e.offset()).as("cut at %d names the cut block", cut).isEqualTo(cutBlock.offset());
            }
            assertThat(read).as("cut at %d still yields the whole packets before it", cut).hasSize(whole);
        }
    }

    @Test
    void neverFailsOtherwiseOnCorruptedBytes() throws IOException {
        byte[] file = writtenByUs();
        Assertions.assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            for (int i = 0; i < file.length; i++) {
                for (int value : new int[] {0x00, 0xFF, 0x7F, file[i] ^ 0x01, file[i] ^ 0x80}) {
                    byte[] corrupted = file.clone();
                    corrupted[i] = (byte) value;
                    try {
                        readAll(corrupted);
                    } catch (PcapngFormatException expected) {
                        assertThat(expected.offset()).isBetween(0L, (long) file.length);
                    }
                }
            }
        }, "a corrupted byte made the reader hang");
    }

    @Test
    void readsBigEndianFilesWithDefaultMicrosecondTimestamps() throws IOException {
        byte[] file = new RawPcapng(ByteOrder.BIG_ENDIAN).sectionHeader().interfaceBlock("wan", new byte[0])
                .packet(0, 1_500_000, SYN, "rule → alt-wan").bytes();
        assertThat(readAll(file)).containsExactly(new CapturedPacket(0, "wan", 1_500_000_000L, SYN, "rule → alt-wan", SYN.length));
    }

    @Test
    void skipsBlockTypesItDoesNotKnow() throws IOException {
        RawPcapng raw = RawPcapng.littleEndian();
        byte[] file = raw.sectionHeader()
                .block(0x0000_0004, new byte[8]) // name resolution
                .interfaceBlock("lan", new byte[0])
                .block(0x0000_0BAD, new byte[24]) // a type nobody registered
                .packet(0, 1, SYN, null)
                .block(0x0000_0005, new byte[0]) // interface statistics, empty body
                .packet(0, 2, SYN, "second")
                .bytes();
        assertThat(readAll(file)).extracting(CapturedPacket::timestampNanos).containsExactly(1_000L, 2_000L);
    }

    @Test
    void startsInterfaceIdsAfreshInEachSection() throws IOException {
        byte[] file = RawPcapng.littleEndian().sectionHeader()
                .interfaceBlock("a-lan", new byte[0]).interfaceBlock("a-wan", new byte[0]).packet(1, 1, SYN, null)
                .sectionHeader().interfaceBlock("b-lan", new byte[0]).packet(0, 2, SYN, null)
                .packet(1, 3, SYN, null).bytes();
        PcapngReader reader = new PcapngReader(new ByteArrayInputStream(file));
        assertThat(reader.next().interfaceName()).isEqualTo("a-wan");
        assertThat(reader.next().interfaceName()).isEqualTo("b-lan");
        assertThat(reader.interfaces()).extracting(PcapngInterface::name).containsExactly("b-lan");
        assertThatThrownBy(reader::next).isInstanceOf(PcapngFormatException.class)
                .hasMessageContaining("interface id 1 (expected: one of the 1 interfaces");
    }

    static Stream<Arguments> resolutions() {
        return Stream.of(
                Arguments.of("microseconds (default)", null, 0L, 1_500_000L, 1_500_000_000L),
                Arguments.of("nanoseconds", new byte[] {9}, 0L, 1_500_000_123L, 1_500_000_123L),
                Arguments.of("milliseconds", new byte[] {3}, 0L, 1_500L, 1_500_000_000L),
                Arguments.of("seconds", new byte[] {0}, 0L, 7L, 7_000_000_000L),
                Arguments.of("picoseconds", new byte[] {12}, 0L, 1_500_000L, 1_500L),
                Arguments.of("10^-127 s", new byte[] {127}, 0L, 1_000_000L, 0L),
                Arguments.of("2^-10 s", new byte[] {(byte) 0x8A}, 0L, 2048L, 2_000_000_000L),
                Arguments.of("2^-0 s", new byte[] {(byte) 0x80}, 0L, 3L, 3_000_000_000L),
                Arguments.of("unsigned 64-bit at 2^-32 s", new byte[] {(byte) 0xA0}, 0L, -1L, 4_294_967_295_999_999_999L),
                Arguments.of("microseconds + 100 s offset", null, 100L, 5L, 100_000_005_000L));
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("resolutions")
    void convertsTimestampResolutionsAndOffsets(String name, byte[] resolution, long offsetSeconds, long raw, long nanos)
            throws IOException {
        byte[] options = RawPcapng.concat(
                resolution == null ? new byte[0] : option(Pcapng.OPT_IF_TSRESOL, resolution),
                offsetSeconds == 0 ? new byte[0]
                        : option(Pcapng.OPT_IF_TSOFFSET, ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(offsetSeconds).array()));
        byte[] file = RawPcapng.littleEndian().sectionHeader().interfaceBlock("lan", options).packet(0, raw, SYN, null).bytes();
        assertThat(readAll(file).getFirst().timestampNanos()).isEqualTo(nanos);
    }

    @Test
    void stripsNulPaddingThatOtherWritersCountIntoStrings() throws IOException {
        RawPcapng raw = RawPcapng.littleEndian();
        byte[] comment = raw.option(Pcapng.OPT_COMMENT, "rule 3\0\0".getBytes(UTF_8));
        byte[] fixed = raw.fields(20).putInt(0).putInt(0).putInt(1).putInt(SYN.length).putInt(SYN.length).array();
        byte[] file = raw.sectionHeader().interfaceBlock("lan\0", new byte[0])
                .block(Pcapng.BLOCK_ENHANCED_PACKET, RawPcapng.concat(fixed, RawPcapng.padded(SYN), comment)).bytes();
        CapturedPacket packet = readAll(file).getFirst();
        assertThat(packet.comment()).as("an unterminated option list is fine too").isEqualTo("rule 3");
        assertThat(packet.interfaceName()).isEqualTo("lan");
    }

    private static byte[] writtenByUs() throws IOException {
        PcapngWriterTest.RecordingChannel channel = new PcapngWriterTest.RecordingChannel();
        try (PcapngWriter writer = new PcapngWriter(channel, null, "Linux")) {
            writer.addInterface("lan", "LAN side");
            PcapngWriterTest.write(writer, 0, 1, SYN, "rule a → cato");
            writer.addInterface("wan", null);
            PcapngWriterTest.write(writer, 1, 2, new byte[] {0x45, 0, 0}, null);
            PcapngWriterTest.write(writer, 0, 3, SYN, "x");
        }
        return channel.bytes();
    }

    private static List<CapturedPacket> readAll(byte[] file) throws IOException {
        List<CapturedPacket> packets = new ArrayList<>();
        try (PcapngReader reader = new PcapngReader(new ByteArrayInputStream(file))) {
            for (CapturedPacket packet = reader.next(); packet != null; packet = reader.next()) {
                packets.add(packet);
            }
        }
        return packets;
    }

    private static byte[] option(int code, byte[] value) {
        return RawPcapng.littleEndian().option(code, value);
    }

    private static byte[] patchInt(byte[] file, int at, int value) {
        return patchInt(file, at, value, ByteOrder.LITTLE_ENDIAN);
    }

    private static byte[] patchInt(byte[] file, int at, int value, ByteOrder order) {
        byte[] patched = file.clone();
        ByteBuffer.wrap(patched).order(order).putInt(at, value);
        return patched;
    }

    private static byte[] patchShort(byte[] file, int at, int value) {
        byte[] patched = file.clone();
        ByteBuffer.wrap(patched).order(ByteOrder.LITTLE_ENDIAN).putShort(at, (short) value);
        return patched;
    }
}
