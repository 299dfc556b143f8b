package io.wanlab.bench.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.wanlab.bench.lab.CommandResult;
import io.wanlab.bench.lab.LabLauncher;
import io.wanlab.bench.lab.NamespaceBackend;
import io.wanlab.bench.lab.Preflight;
import io.wanlab.bench.lab.ProcessCommandExecutor;
import io.wanlab.bench.node.LabSpec;
import io.wanlab.bench.throughput.IperfCommands;
import io.wanlab.core.link.LinkTransport;
import io.wanlab.core.topo.LabTopology;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Super-packets survive end to end: 64 MiB of random bytes sent over TCP from the client
 * namespace to the server namespace, through socket-a, the off-cloud link and socket-b, arrive
 * byte-identical (SHA-256), with TUN offloads on (the link carries 64 KiB super-packets, the far
 * kernel segments them) and off (the plain path). The captures of both Sockets are read by
 * tshark with checksum validation on: no bad IP, TCP or UDP checksum. Root only, under the
 * shared live lock.
 */
@Tag("live")
class OffloadTransferLiveTest {
    static final String LAB = "toffload";
    /** The port iperf3 uses in bench throughput: the fixed rulebase sends it over the direct (off-cloud) link. */
    static final int PORT = IperfCommands.DEFAULT_PORT;
    static final int BYTES = 64 << 20;
    /** Over UDP links (plain TUNs, like the plain path): enough for thousands of multi-packet datagrams, and quick. */
    static final int UDP_BYTES = 8 << 20;

    /** A one-file program for both ends (the JDK runs it from source): the receiver prints SHA-256 and length. */
    static final String TRANSFER = """
            import java.io.*;
            import java.net.*;
            import java.nio.file.*;
            import java.security.MessageDigest;
            import java.util.HexFormat;

            public class Transfer {
                public static void main(String[] a) throws Exception {
                    if (a[0].equals("receive")) {
                        try (ServerSocket server = new ServerSocket()) {
                            server.bind(new InetSocketAddress(a[1], Integer.parseInt(a[2])));
                            System.out.println("listening");
                            System.out.flush();
                            try (Socket s = server.accept(); InputStream in = s.getInputStream()) {
                                MessageDigest md = MessageDigest.getInstance("SHA-256");
                                byte[] buf = new byte[1 << 16];
                                long total = 0;
                                for (int n; (n = in.read(buf)) > 0; ) {
                                    md.update(buf, 0, n);
                                    total += n;
                                }
                                System.out.println(HexFormat.of().formatHex(md.digest()) + " " + total);
                            }
                        }
                    } else {
                        try (Socket s = new Socket(a[1], Integer.parseInt(a[2])); OutputStream out = s.getOutputStream()) {
                            Files.copy(Path.of(a[3]), out);
                        }
                    }
                }
            }
            """;

    @Test
    void withOffloadsSuperPacketsArriveByteIdenticalAndCapturesCheck() throws Exception {
        transfer(true);
    }

    @Test
    void withoutOffloadsThePlainPathArrivesByteIdenticalAndCapturesCheck() throws Exception {
        transfer(false);
    }

    /**
     * Links over UDP (plain TUNs, several packets per datagram): the batches longer than 2 KiB used to be cut short by
     * the receiving socket's read and lost, uncounted; now every datagram arrives whole and none is undecodable.
     */
    @Test
    void overUdpLinksTheTransferArrivesByteIdenticalWithNoDatagramDropped() throws Exception {
        transfer(false, LinkTransport.UDP, UDP_BYTES);
    }

    private static void transfer(boolean offload) throws Exception {
        transfer(offload, LinkTransport.TCP, BYTES);
    }

    private static void transfer(boolean offload, LinkTransport links, int bytes) throws Exception {
        LiveLab.assumeCanRun(LAB);
        assumeTrue(Preflight.onPath("tshark"), "needs tshark to read the captures");
        Path dir = Files.createTempDirectory("wanlab-live-offload-");
        Path data = dir.resolve("data.bin");
        String expected = writeRandom(data, offload ? 1 : 2, bytes);
        Path program = dir.resolve("Transfer.java");
        Files.writeString(program, TRANSFER);
        LabLauncher.RunningLab lab = LiveLab.up(LAB, new LabLauncher.Options(new LabSpec("fixed", null, null), dir.resolve("run"), true,
                Duration.ofSeconds(40), links).withOffload(offload));
        try {
            LabTopology topology = lab.topology();
            String client = topology.sites().get(0).host();
            String server = topology.sites().get(1).host();
            String address = topology.sites().get(1).hostAddress().ipText();
            String java = ProcessHandle.current().info().command().orElseThrow();
            NamespaceBackend backend = new NamespaceBackend(LAB);
            Process receiver = new ProcessBuilder(backend.exec(server, List.of(java, program.toString(), "receive", address,
                    Integer.toString(PORT)))).redirectErrorStream(true).start();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(receiver.getInputStream(), StandardCharsets.UTF_8))) {
                assertThat(out.readLine()).as("the receiver listens").isEqualTo("listening");
                CommandResult send = new ProcessCommandExecutor(Duration.ofSeconds(120)).attempt(
                        backend.exec(client, List.of(java, program.toString(), "send", address, Integer.toString(PORT), data.toString())));
                assertThat(send.exitCode()).as("sender: " + send.stderr()).isZero();
                assertThat(receiver.waitFor(60, TimeUnit.SECONDS)).as("the receiver ends").isTrue();
                assertThat(out.readLine()).as("SHA-256 and length of what arrived").isEqualTo(expected + " " + bytes);
            } finally {
                receiver.destroyForcibly();
            }
            String socketA = LiveLab.status(LAB, "socket-a");
            long sent = LiveLab.number(socketA, "off-cloud", "sent");
            long segments = bytes / 1400;
            if (offload) {
                assertThat(socketA).contains("\"tun-offloads\":\"csum tso4");
                assertThat(sent).as("super-packets: far fewer packets than 1400-byte segments").isPositive().isLessThan(segments / 4);
            } else {
                assertThat(socketA).contains("\"tun-offloads\":\"off\"");
                assertThat(sent).as("the plain path: one packet per segment").isGreaterThan(segments / 2);
            }
            if (links == LinkTransport.UDP) {
                String socketB = LiveLab.status(LAB, "socket-b");
                assertThat(socketA).contains("\"links-over\":\"udp\"").doesNotContain("\"undecodable\"");
                assertThat(socketB).contains("\"links-over\":\"udp\"").doesNotContain("\"undecodable\"");
            }
            LiveLab.down(LAB);
            lab = null;
            List<Path> captures = new ArrayList<>();
            try (Stream<Path> files = Files.walk(dir.resolve("run"))) {
                files.filter(p -> p.getFileName().toString().matches("socket-[ab]-(lan|off-cloud)\\.pcapng")).forEach(captures::add);
            }
            assertThat(captures).as("the Sockets' LAN and off-cloud captures").hasSize(4);
            for (Path capture : captures) {
                assertChecksumsValid(capture);
            }
        } finally {
            if (lab != null) {
                LiveLab.down(LAB);
            }
            LiveLab.assertNothingLeft(LAB);
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /**
     * tshark with IP, TCP and UDP checksum validation: no packet bad, and the transfer's TCP segments checked good.
     * One exception: a TCP checksum of 0xffff where tshark computes 0x0000. The two are the same number in
     * one's complement (-0 and +0) and every receiver takes either, but tshark calls 0xffff bad (RFC 1624). Linux
     * writes it itself: {@code skb_checksum_help}, which completes the checksum of a packet bound for a device
     * without checksum offload (a plain TUN), stores a folded 0 as 0xffff (CSUM_MANGLED_0), so about one packet in
     * 65,536 of the plain path carries it (found in socket-b's LAN capture: an ACK from the server, between ACKs
     * whose checksums step down to 0x0000 by the same amount each).
     */
    private static void assertChecksumsValid(Path capture) throws Exception {
        CommandResult r = new ProcessCommandExecutor(Duration.ofSeconds(120)).attempt(List.of("tshark", "-n", "-r", capture.toString(),
                "-o", "ip.check_checksum:TRUE", "-o", "tcp.check_checksum:TRUE", "-o", "udp.check_checksum:TRUE",
                "-T", "fields", "-e", "ip.checksum.status", "-e", "tcp.checksum.status", "-e", "udp.checksum.status",
                "-e", "tcp.dstport", "-e", "tcp.srcport", "-e", "tcp.checksum", "-e", "tcp.checksum_calculated"));
        assertThat(r.exitCode()).as("tshark on " + capture + ": " + r.stderr()).isZero();
        long bad = 0;
        long goodTransfer = 0;
        long frames = 0;
        for (String line : r.stdout().lines().toList()) {
            frames++;
            String[] f = line.split("\t", -1);
            // Status: 0 bad, 1 good, 2 unverified.
            boolean minusZero = f.length > 6 && f[5].equalsIgnoreCase("0xffff") && f[6].equalsIgnoreCase("0x0000");
            for (int i = 0; i < 3 && i < f.length; i++) {
                if (f[i].equals("0") && !(i == 1 && minusZero)) {
                    bad++;
                }
            }
            if (f.length > 4 && f[1].equals("1") && (f[3].equals(Integer.toString(PORT)) || f[4].equals(Integer.toString(PORT)))) {
                goodTransfer++;
            }
        }
        assertThat(bad).as(capture + ": packets with a bad checksum, of " + frames).isZero();
        assertThat(goodTransfer).as(capture + ": the transfer's TCP packets, checksum verified good").isPositive();
    }

    /** {@code bytes} (whole MiB) of seeded random bytes; returns their SHA-256 in hex. */
    private static String writeRandom(Path file, long seed, int bytes) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        SplittableRandom random = new SplittableRandom(seed);
        byte[] chunk = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int written = 0; written < bytes; written += chunk.length) {
                for (int i = 0; i < chunk.length; i += 8) {
                    long v = random.nextLong();
                    for (int b = 0; b < 8; b++) {
                        chunk[i + b] = (byte) (v >>> (8 * b));
                    }
                }
                md.update(chunk);
                out.write(chunk);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
