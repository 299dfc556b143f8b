package io.wanlab.core.tun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.wanlab.core.packet.Packets;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The real FFM TUN, in a namespace of its own: needs root and /dev/net/tun (CI has both). */
@Tag("root")
class LinuxTunDeviceTest {
    /** Its own lab name, so the default lab's 'down' never takes this test's namespace away. */
    private static final String LAB = "ttun";
    private static final String NODE = "tuntest-" + ProcessHandle.current().pid();
    private final String ns = io.wanlab.core.topo.LabNames.namespace(LAB, NODE);
    private final ExecutorService inNamespace = Executors.newSingleThreadExecutor();

    @BeforeEach
    void requireRoot() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root to create a network namespace and a TUN");
        assumeTrue(Files.exists(Path.of("/dev/net/tun")), "needs /dev/net/tun");
        run("ip", "netns", "add", ns);
    }

    @AfterEach
    void removeNamespace() throws Exception {
        inNamespace.shutdownNow();
        inNamespace.awaitTermination(5, TimeUnit.SECONDS);
        if ("root".equals(System.getProperty("user.name"))) {
            new ProcessBuilder("ip", "netns", "del", ns).inheritIO().start().waitFor();
        }
    }

    @Test
    void packetsRoutedIntoTheDeviceAreReadAndPacketsWrittenAreDelivered() throws Exception {
        inNamespace.submit(() -> {
            NetNamespaces.enterCurrentThread(LAB, NODE);
            try (LinuxTunDevice tun = LinuxTunDevice.open("wltest0", 1400)) {
                run("ip", "-n", ns, "addr", "add", "198.18.99.1/24", "dev", "wltest0");
                run("ip", "-n", ns, "link", "set", "wltest0", "up");
                try (DatagramChannel udp = DatagramChannel.open()) {
                    udp.bind(new InetSocketAddress("198.18.99.1", 0));
                    udp.send(ByteBuffer.wrap("hello".getBytes()), new InetSocketAddress("198.18.99.2", 9999));

                    ByteBuf buf = Unpooled.directBuffer(2048);
                    try {
                        int n = readSkippingNoise(tun, buf);
                        assertThat(n).as("a UDP packet routed into the TUN comes out of read()").isEqualTo(20 + 8 + 5);
                        assertThat(buf.getByte(9)).as("protocol UDP").isEqualTo((byte) 17);
                        assertThat(buf.getInt(16)).as("destination 198.18.99.2").isEqualTo(0xC6126302);
                    } finally {
                        buf.release();
                    }
                    int port = ((InetSocketAddress) udp.getLocalAddress()).getPort();
                    ByteBuf reply = Packets.udp(0xC6126302, 9999, 0xC6126301, port, "pong".getBytes());
                    try {
                        assertThat(tun.write(reply)).isTrue();
                    } finally {
                        reply.release();
                    }
                    udp.configureBlocking(true);
                    udp.socket().setSoTimeout(5000);
                    java.net.DatagramPacket dp = new java.net.DatagramPacket(new byte[64], 64);
                    udp.socket().receive(dp);
                    assertThat(new String(dp.getData(), 0, dp.getLength())).as("a packet written to the TUN reaches a socket")
                            .isEqualTo("pong");
                }
                assertThat(tun.mtu()).isEqualTo(1400);
            }
            return null;
        }).get(30, TimeUnit.SECONDS);
    }

    /**
     * With offloads: the kernel accepts the flags, a packet read carries its virtio_net_hdr (a
     * partial UDP checksum that completes to a valid one), and a packet written with a partial
     * checksum and NEEDS_CSUM reaches the socket: the kernel read the header from the writev.
     */
    @Test
    void withOffloadsReadsCarryTheHeaderAndAPartialChecksumWrittenIsCompletedByTheKernel() throws Exception {
        inNamespace.submit(() -> {
            NetNamespaces.enterCurrentThread(LAB, NODE);
            try (LinuxTunDevice tun = LinuxTunDevice.open("wltest1", 1400, true)) {
                assertThat(tun.offloads()).startsWith("csum tso4");
                run("ip", "-n", ns, "addr", "add", "198.18.98.1/24", "dev", "wltest1");
                run("ip", "-n", ns, "link", "set", "wltest1", "up");
                try (DatagramChannel udp = DatagramChannel.open()) {
                    udp.bind(new InetSocketAddress("198.18.98.1", 0));
                    udp.send(ByteBuffer.wrap("hello".getBytes()), new InetSocketAddress("198.18.98.2", 9999));
                    ByteBuf buf = Unpooled.directBuffer(70_000);
                    try {
                        assertThat(readSkippingNoise(tun, buf)).isEqualTo(20 + 8 + 5);
                        long meta = tun.lastReadOffload();
                        io.wanlab.core.packet.Offload.completeChecksum(buf, meta);
                        io.wanlab.core.packet.PacketView v = new io.wanlab.core.packet.PacketView();
                        v.wrap(buf);
                        assertThat(io.wanlab.core.packet.Checksums.transportValid(v)).as("checksum of the read packet, completed").isTrue();
                    } finally {
                        buf.release();
                    }
                    int port = ((InetSocketAddress) udp.getLocalAddress()).getPort();
                    ByteBuf reply = Packets.udp(0xC6126202, 9999, 0xC6126201, port, "pong".getBytes());
                    reply.setShort(26, io.wanlab.core.packet.Checksums.pseudoHeaderSum(0xC6126202, 0xC6126201, 17, 8 + 4));
                    try {
                        assertThat(tun.write(reply, io.wanlab.core.packet.Offload.pack(0, io.wanlab.core.packet.Offload.F_NEEDS_CSUM, 0, 20, 6)))
                                .isTrue();
                    } finally {
                        reply.release();
                    }
                    udp.configureBlocking(true);
                    udp.socket().setSoTimeout(5000);
                    java.net.DatagramPacket dp = new java.net.DatagramPacket(new byte[64], 64);
                    udp.socket().receive(dp);
                    assertThat(new String(dp.getData(), 0, dp.getLength())).isEqualTo("pong");
                }
            }
            return null;
        }).get(30, TimeUnit.SECONDS);
    }

    private static int readSkippingNoise(LinuxTunDevice tun, ByteBuf buf) throws IOException {
        for (int i = 0; i < 50; i++) {
            if (!tun.awaitReadable(200)) {
                continue;
            }
            buf.clear();
            int n = tun.read(buf);
            if (n > 0 && (buf.getByte(0) >> 4) == 4 && buf.getByte(9) == 17) {
                return n;
            }
        }
        return -1;
    }

    @Test
    void badNamesAndMtusAreRejectedBeforeTouchingTheKernel() {
        assertThatThrownBy(() -> LinuxTunDevice.open("this-name-is-far-too-long", 1400)).hasMessageContaining("expected");
        assertThatThrownBy(() -> LinuxTunDevice.open("ok0", 100)).hasMessageContaining("mtu: 100 (expected: 576..65535)");
        assertThatThrownBy(() -> NetNamespaces.enterCurrentThread("wanlab", "../x")).hasMessageContaining("node name: '../x'");
        assertThatThrownBy(() -> NetNamespaces.enterCurrentThread("Not-ours", "x")).hasMessageContaining("lab name: 'Not-ours'");
    }

    private static void run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", cmd) + " failed: " + out);
        }
    }
}
