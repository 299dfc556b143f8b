package io.wanlab.core.pcap;

import static io.wanlab.core.pcap.TcpPackets.ACK;
import static io.wanlab.core.pcap.TcpPackets.FIN;
import static io.wanlab.core.pcap.TcpPackets.PSH;
import static io.wanlab.core.pcap.TcpPackets.SYN;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real consumers of our captures, tshark and tcpdump, read what the writer produces. Skipped where they are absent. */
class PcapngToolsTest {
    private static final long T0 = 1_767_225_600_123_456_789L;
    private static final String CATO = "rule 'Web to DC' (simple) → cato";
    private static final String OFF_CLOUD = "app github identified → off-cloud";
    private static final int TOOL_TIMEOUT_SECONDS = 60;

    @TempDir
    Path dir;

    @Test
    void tsharkReadsInterfacesTimesAddressesFlagsChecksumsAndComments() throws Exception {
        assumeTrue(installed("tshark"), "tshark not installed (apt-get install tshark)");
        Path file = capture();
        List<String> fields = List.of("frame.interface_id", "frame.interface_name", "frame.time_epoch", "frame.len",
                "frame.cap_len", "COMMENT", "ip.src", "ip.dst", "tcp.flags", "ip.checksum.status", "tcp.checksum.status");
        ToolResult result = tshark(file, fields, "frame.comment");
        if (result.exitCode() != 0 && result.stderr().contains("aren't valid")) {
            result = tshark(file, fields, "pkt_comment"); // older Wireshark releases
        }
        assertThat(result.exitCode()).as("tshark exit; stderr: %s", result.stderr()).isZero();
        assertThat(result.stdout().lines().toList()).as("checksum status 1 = good, proving the test packets are valid")
                .containsExactly(
                        row(0, "socket-a-lan", T0, 40, 40, CATO, "198.18.1.10", "198.19.2.20", "0x0002", "1", "1"),
                        row(1, "socket-a-wan", T0 + 1_000, 40, 40, CATO, "198.18.1.10", "198.19.2.20", "0x0002", "1", "1"),
                        row(1, "socket-a-wan", T0 + 2_000_000, 40, 40, "", "198.19.2.20", "198.18.1.10", "0x0012", "1", "1"),
                        row(0, "socket-a-lan", T0 + 3_000_001, 45, 45, OFF_CLOUD, "198.18.1.10", "198.19.2.20", "0x0018", "1", "1"),
                        row(2, "pop", T0 + 4_000_000, 40, 40, "pop: proxied, TLS inspected", "198.18.1.10", "198.19.2.20", "0x0011", "1", "1"),
                        row(0, "socket-a-lan", T0 + 5_000_000, 300_000, Pcapng.SNAP_LENGTH, "jumbo", "198.18.1.10", "198.19.2.20", "0x0002", "1", "1"));
    }

    @Test
    void tcpdumpReadsAddressesFlagsAndNanosecondTimes() throws Exception {
        assumeTrue(installed("tcpdump"), "tcpdump not installed (apt-get install tcpdump)");
        Path file = capture();
        ToolResult result = run("tcpdump", "-nn", "-tt", "--time-stamp-precision=nano", "-r", file.toString());
        assertThat(result.exitCode()).as("tcpdump exit; stderr: %s", result.stderr()).isZero();
        assertThat(result.stderr()).as("libpcap reads all three interfaces only with LINKTYPE_IPV4, see Pcapng")
                .contains("link-type IPV4");
        List<String> lines = result.stdout().lines().toList();
        assertThat(lines).hasSize(6);
        assertThat(lines.get(0)).startsWith(epoch(T0) + " IP 198.18.1.10.40000 > 198.19.2.20.443: Flags [S], seq 1000,");
        assertThat(lines.get(1)).startsWith(epoch(T0 + 1_000) + " IP 198.18.1.10.40000 > 198.19.2.20.443: Flags [S],");
        assertThat(lines.get(2)).startsWith(epoch(T0 + 2_000_000) + " IP 198.19.2.20.443 > 198.18.1.10.40000: Flags [S.],");
        assertThat(lines.get(3)).startsWith(epoch(T0 + 3_000_001) + " IP 198.18.1.10.40000 > 198.19.2.20.443: Flags [P.],")
                .endsWith("length 5");
        assertThat(lines.get(4)).startsWith(epoch(T0 + 4_000_000) + " IP 198.18.1.10.40000 > 198.19.2.20.443: Flags [F.],");
        // tcpdump 4.99 will not decode a packet whose original length exceeds 262144 (no IPv4 packet
        // does; only this synthetic one), but it must keep reading the file.
        assertThat(lines.get(5)).satisfiesAnyOf(
                line -> assertThat(line).startsWith(epoch(T0 + 5_000_000) + " IP 198.18.1.10.40000 > 198.19.2.20.443: Flags [S],"),
                line -> assertThat(line).contains("len(300000) > 262144"));
    }

    /** A Socket's two sides, then the PoP described after packets were already written, and a packet past the snap length. */
    private Path capture() throws IOException {
        byte[] syn = TcpPackets.tcp("198.18.1.10", 40000, "198.19.2.20", 443, SYN, new byte[0]);
        byte[] synAck = TcpPackets.tcp("198.19.2.20", 443, "198.18.1.10", 40000, SYN | ACK, new byte[0]);
        byte[] data = TcpPackets.tcp("198.18.1.10", 40000, "198.19.2.20", 443, PSH | ACK, "hello".getBytes(UTF_8));
        byte[] fin = TcpPackets.tcp("198.18.1.10", 40000, "198.19.2.20", 443, FIN | ACK, new byte[0]);
        Path file = dir.resolve("capture.pcapng");
        try (PcapngWriter writer = PcapngWriter.open(file)) {
            int lan = writer.addInterface("socket-a-lan", "Socket A, LAN side");
            int wan = writer.addInterface("socket-a-wan", "Socket A, WAN side");
            PcapngWriterTest.write(writer, lan, T0, syn, CATO);
            PcapngWriterTest.write(writer, wan, T0 + 1_000, syn, CATO);
            PcapngWriterTest.write(writer, wan, T0 + 2_000_000, synAck, null);
            PcapngWriterTest.write(writer, lan, T0 + 3_000_001, data, OFF_CLOUD);
            int pop = writer.addInterface("pop", "PoP tunnel side");
            PcapngWriterTest.write(writer, pop, T0 + 4_000_000, fin, "pop: proxied, TLS inspected");
            PcapngWriterTest.write(writer, lan, T0 + 5_000_000, Arrays.copyOf(syn, 300_000), "jumbo");
        }
        return file;
    }

    private ToolResult tshark(Path file, List<String> fields, String commentField) throws Exception {
        List<String> command = new ArrayList<>(List.of("tshark", "-r", file.toString(),
                "-o", "ip.check_checksum:TRUE", "-o", "tcp.check_checksum:TRUE", "-T", "fields", "-E", "separator=/t"));
        for (String field : fields) {
            command.add("-e");
            command.add(field.equals("COMMENT") ? commentField : field);
        }
        return run(command.toArray(String[]::new));
    }

    private static String row(int interfaceId, String name, long nanos, int length, int capturedLength, Object... rest) {
        List<String> cells = new ArrayList<>(List.of(String.valueOf(interfaceId), name, epoch(nanos),
                String.valueOf(length), String.valueOf(capturedLength)));
        for (Object cell : rest) {
            cells.add(String.valueOf(cell));
        }
        return String.join("\t", cells);
    }

    private static String epoch(long nanos) {
        return String.format("%d.%09d", nanos / 1_000_000_000L, nanos % 1_000_000_000L);
    }

    record ToolResult(int exitCode, String stdout, String stderr) {
    }

    /** Output goes to files, not pipes, so a tool that never exits cannot block us past the timeout. */
    private ToolResult run(String... command) throws Exception {
        Path out = Files.createTempFile(dir, "tool", ".out");
        Path err = Files.createTempFile(dir, "tool", ".err");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(TOOL_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(command[0] + " did not finish within " + TOOL_TIMEOUT_SECONDS + " s");
        }
        return new ToolResult(process.exitValue(), Files.readString(out, UTF_8), Files.readString(err, UTF_8));
    }

    private static boolean installed(String tool) {
        List<String> directories = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)));
        directories.add("/usr/sbin"); // tcpdump lives here on some distributions, outside a user's PATH
        for (String directory : directories) {
            if (!directory.isEmpty() && Files.isExecutable(Path.of(directory, tool))) {
                return true;
            }
        }
        return false;
    }
}
