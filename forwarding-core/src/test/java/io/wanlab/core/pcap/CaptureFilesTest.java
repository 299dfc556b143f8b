package io.wanlab.core.pcap;

import static io.wanlab.core.pcap.TcpPackets.SYN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Captures written by real tools (fixtures made once with tcpdump 4.99.3 pinging 127.0.0.1 and ::1:
 * {@code -i any -y LINUX_SLL}, {@code -i any -y LINUX_SLL2}, {@code -i lo --time-stamp-precision=nano}),
 * converted here with editcap when installed, byte-swapped and hand-built variants.
 */
class CaptureFilesTest {
    /** frame.time_epoch of the first packet of each fixture, as tshark 4.0.17 shows it. */
    private static final long SLL_FIRST = 1_796_022_217_718_571_000L;
    private static final long SLL2_FIRST = 1_796_022_209_636_417_000L;
    private static final long NANO_FIRST = 1_796_022_209_636_417_014L;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{index}: {0}")
    @CsvSource({"sll.pcap, " + SLL_FIRST, "sll2.pcap, " + SLL2_FIRST, "lo-nano.pcap, " + NANO_FIRST})
    void readsTcpdumpCapturesSkippingIpv6(String fixture, long firstTimestamp) throws IOException {
        Path file = fixture(fixture);
        Read read = readAll(file);
        assertThat(read.frames()).extracting(CaptureFrame::frameNumber).containsExactly(1L, 2L, 3L, 4L);
        assertThat(read.frames().getFirst().timestampNanos()).isEqualTo(firstTimestamp);
        assertThat(read.frames()).allSatisfy(frame -> {
            assertThat(frame.ipv4()).hasSize(68);
            assertThat(frame.ipv4()[0]).isEqualTo((byte) 0x45);
            assertThat(frame.ipv4()[9]).as("ICMP").isEqualTo((byte) 1);
            assertThat(frame.truncated()).isFalse();
            assertThat(frame.comment()).isNull();
        });
        assertThat(read.stats()).isEqualTo(new CaptureStats(8, 4, Map.of("ipv6", 4L), Files.size(file)));
    }

    @ParameterizedTest(name = "{index}: {0}")
    @CsvSource({"sll.pcap", "sll2.pcap", "lo-nano.pcap"})
    void bigEndianPcapReadsTheSame(String fixture) throws IOException {
        Path file = fixture(fixture);
        Path swapped = dir.resolve("swapped-" + fixture);
        Files.write(swapped, RawPcap.byteSwapped(Files.readAllBytes(file)));
        assertThat(summary(readAll(swapped))).isEqualTo(summary(readAll(file)));
    }

    @ParameterizedTest(name = "{index}: editcap {1} {0}")
    @CsvSource({"sll.pcap, pcapng", "sll2.pcap, pcapng", "lo-nano.pcap, pcapng", "lo-nano.pcap, pcap",
            "sll2.pcap, nsecpcap"})
    void readsWhatEditcapConverts(String fixture, String format) throws Exception {
        assumeTrue(installed("editcap"), "editcap not installed (apt-get install wireshark-common)");
        Path file = fixture(fixture);
        Path converted = dir.resolve(fixture + "." + format);
        run("editcap", "-F", format, file.toString(), converted.toString());
        Read original = readAll(file);
        Read read = readAll(converted);
        assertThat(read.stats().skipped()).isEqualTo(original.stats().skipped());
        assertThat(read.frames()).hasSameSizeAs(original.frames());
        for (int i = 0; i < read.frames().size(); i++) {
            long expected = original.frames().get(i).timestampNanos();
            // pcap keeps microseconds: the nanosecond file loses its last three digits.
            assertThat(read.frames().get(i).timestampNanos()).isEqualTo(format.equals("pcap") ? expected / 1000 * 1000 : expected);
            assertThat(read.frames().get(i).ipv4()).isEqualTo(original.frames().get(i).ipv4());
        }
    }

    @Test
    void editcapSnapLengthMarksTruncatedPackets() throws Exception {
        assumeTrue(installed("editcap"), "editcap not installed (apt-get install wireshark-common)");
        Path cut = dir.resolve("cut.pcapng");
        run("editcap", "-F", "pcapng", "-s", "50", fixture("lo-nano.pcap").toString(), cut.toString());
        Read read = readAll(cut);
        assertThat(read.frames()).hasSize(4).allSatisfy(frame -> {
            assertThat(frame.truncated()).isTrue();
            assertThat(frame.ipv4()).as("50 bytes captured, 14 of them Ethernet").hasSize(36);
        });
    }

    @Test
    void readsOurOwnPcapngWithCommentsAndItsBigEndianTwin() throws IOException {
        byte[] syn = TcpPackets.tcp("198.18.1.10", 40000, "198.19.2.20", 443, SYN, new byte[0]);
        for (ByteOrder order : List.of(ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN)) {
            Path file = dir.resolve(order + ".pcapng");
            Files.write(file, new RawPcapng(order).sectionHeader().interfaceBlock("lan", new byte[0])
                    .packet(0, 1_000_000, syn, "rule 'Web' → cato")
                    .block(0x0BAD, new byte[8]).block(0x77, new byte[4]).block(5, new byte[12])
                    .sectionHeader().interfaceBlock("wan", new byte[0]).packet(0, 2_000_000, syn, null).bytes());
            Read read = readAll(file);
            assertThat(read.frames()).as(order.toString()).containsExactly(
                    new CaptureFrame(1, 1_000_000_000L, read.frames().get(0).ipv4(), false, "rule 'Web' → cato"),
                    new CaptureFrame(3, 2_000_000_000L, read.frames().get(1).ipv4(), false, null));
            assertThat(read.frames()).allSatisfy(frame -> assertThat(frame.ipv4()).isEqualTo(syn));
            assertThat(read.stats().skipped()).as("the custom block is frame 2 in Wireshark too")
                    .isEqualTo(Map.of("custom-block", 1L, "unknown-block", 1L));
        }
    }

    @Test
    void followsVlanTagsAndSkipsArpIpv6AndOtherLinkTypes() throws IOException {
        byte[] syn = TcpPackets.tcp("10.0.0.1", 1, "10.0.0.2", 2, SYN, new byte[0]);
        byte[] padded = RawPcap.ethernet(0x0800, java.util.Arrays.copyOf(syn, 46)); // a 60-byte minimum frame
        Path ethernet = write("vlan.pcap", new RawPcap(ByteOrder.LITTLE_ENDIAN, false, LinkLayer.ETHERNET)
                .record(1, 5, RawPcap.ethernet(0x0800, syn, 0x8100))
                .record(1, 6, RawPcap.ethernet(0x0800, syn, 0x88A8, 0x8100))
                .record(1, 7, RawPcap.ethernet(0x0806, RawPcap.arp()))
                .record(1, 8, RawPcap.ethernet(0x86DD, RawPcap.ipv6(), 0x8100))
                .record(1, 9, RawPcap.ethernet(0x88CC, new byte[20]))
                .record(1, 10, padded)
                .record(1, 11, java.util.Arrays.copyOf(RawPcap.ethernet(0x0800, syn), 30), 54).bytes());
        Read read = readAll(ethernet);
        assertThat(read.frames()).extracting(CaptureFrame::frameNumber).containsExactly(1L, 2L, 6L, 7L);
        assertThat(read.frames().subList(0, 3)).as("tags and Ethernet padding removed")
                .allSatisfy(frame -> assertThat(frame.ipv4()).isEqualTo(syn));
        assertThat(read.frames().get(3).truncated()).isTrue();
        assertThat(read.frames().get(3).ipv4()).hasSize(16);
        assertThat(read.frames().getFirst().timestampNanos()).isEqualTo(1_000_005_000L);
        assertThat(read.stats().skipped()).isEqualTo(Map.of("arp", 1L, "ipv6", 1L, "ethertype 0x88cc", 1L));

        Path raw = write("raw.pcap", new RawPcap(ByteOrder.BIG_ENDIAN, true, LinkLayer.RAW)
                .record(2, 3, syn).record(2, 4, RawPcap.ipv6()).bytes());
        Read rawRead = readAll(raw);
        assertThat(rawRead.frames()).singleElement().satisfies(frame -> {
            assertThat(frame.ipv4()).isEqualTo(syn);
            assertThat(frame.timestampNanos()).isEqualTo(2_000_000_003L);
        });
        assertThat(rawRead.stats().skipped()).isEqualTo(Map.of("ipv6", 1L));

        Path wifi = write("wifi.pcap", new RawPcap(ByteOrder.LITTLE_ENDIAN, false, 105).record(1, 1, syn).bytes());
        assertThat(readAll(wifi).stats()).isEqualTo(new CaptureStats(1, 0, Map.of("link-type 105", 1L), 24 + 16 + 40));
    }

    @Test
    void fileCutMidRecordEndsWithACountedTruncatedRecord() throws IOException {
        byte[] whole = Files.readAllBytes(fixture("sll2.pcap"));
        Path cut = write("cut.pcap", java.util.Arrays.copyOf(whole, whole.length - 10));
        Read read = readAll(cut);
        assertThat(read.frames()).hasSize(4);
        assertThat(read.stats().skipped()).isEqualTo(Map.of("ipv6", 3L, "truncated-record", 1L));
        assertThat(read.stats().bytesRead()).isEqualTo(whole.length - 10);
    }

    @Test
    void namesTheFileAndOffsetOfWhatCannotBeRead() throws IOException {
        assertThatThrownBy(() -> CaptureFiles.open(write("text.pcap", "hello, world\n".getBytes())))
                .isInstanceOf(CaptureFormatException.class).hasMessageContaining("text.pcap at byte offset 0: magic 0x68656c6c");
        assertThatThrownBy(() -> CaptureFiles.open(write("empty.pcap", new byte[0])))
                .isInstanceOf(CaptureFormatException.class).hasMessageContaining("file of 0 bytes");
        assertThatThrownBy(() -> CaptureFiles.open(write("gz.pcap", new byte[] {0x1f, (byte) 0x8b, 8, 0})))
                .hasMessageContaining("gunzip");
        assertThatThrownBy(() -> CaptureFiles.open(write("short.pcap", new byte[] {(byte) 0xD4, (byte) 0xC3, (byte) 0xB2, (byte) 0xA1, 2})))
                .isInstanceOf(CaptureFormatException.class).hasMessageContaining("pcap file header of 5 bytes");

        byte[] absurd = new RawPcap(ByteOrder.LITTLE_ENDIAN, false, 1).record(1, 1, new byte[4]).bytes();
        absurd[24 + 8 + 2] = 0x10; // captured length 1 MiB + 4
        try (CaptureSource source = CaptureFiles.open(write("absurd.pcap", absurd))) {
            assertThatThrownBy(source::next).isInstanceOf(CaptureFormatException.class)
                    .hasMessageContaining("at byte offset 32: record captured length 1048580 (expected: 0..262144)");
        }

        byte[] pcapng = RawPcapng.littleEndian().sectionHeader().interfaceBlock("lan", new byte[0])
                .block(0x77, new byte[4]).bytes();
        int unknown = pcapng.length - 16;
        pcapng[unknown + 4] = 15;
        try (CaptureSource source = CaptureFiles.open(write("odd.pcapng", pcapng))) {
            assertThatThrownBy(source::next).isInstanceOf(CaptureFormatException.class)
                    .hasMessageContaining("at byte offset " + (unknown + 4) + ": block total length 15 (expected: a multiple of 4");
        }
    }

    private record Read(List<CaptureFrame> frames, CaptureStats stats) {
    }

    static Read readAll(Path file) throws IOException {
        try (CaptureSource source = CaptureFiles.open(file)) {
            List<CaptureFrame> frames = new ArrayList<>();
            for (CaptureFrame frame = source.next(); frame != null; frame = source.next()) {
                frames.add(frame);
            }
            assertThat(source.next()).as("stays at the end").isNull();
            return new Read(frames, source.stats());
        }
    }

    private static List<String> summary(Read read) {
        List<String> lines = new ArrayList<>();
        read.frames().forEach(f -> lines.add(f.frameNumber() + " " + f.timestampNanos() + " " + java.util.HexFormat.of().formatHex(f.ipv4())));
        lines.add(read.stats().toString());
        return lines;
    }

    static Path fixture(String name) throws IOException {
        try (InputStream in = CaptureFilesTest.class.getResourceAsStream("/captures/" + name)) {
            assertThat(in).as("fixture %s", name).isNotNull();
            Path file = Files.createTempFile("fixture-", "-" + name);
            file.toFile().deleteOnExit();
            Files.write(file, in.readAllBytes());
            return file;
        }
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    private static boolean installed(String tool) {
        try {
            return new ProcessBuilder(tool, "-v").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start().waitFor(30, TimeUnit.SECONDS);
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static void run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("%s: %s", String.join(" ", command), output).isZero();
    }
}
