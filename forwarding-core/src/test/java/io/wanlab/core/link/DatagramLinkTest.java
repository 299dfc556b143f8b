package io.wanlab.core.link;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.wanlab.core.lab.LinkKind;
import io.wanlab.core.topo.InterfaceAddress;
import io.wanlab.core.topo.LinkEnd;
import io.wanlab.core.net.Ipv4;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Two link ends over real UDP on loopback (127.0.0.1 and 127.0.0.2): handshake, data both ways, a peer restart. */
class DatagramLinkTest {
    static final LinkAuth AUTH = new LinkAuth(new byte[32]);
    private final EventLoopGroup group = NodeTransport.best().newGroup(1);

    @AfterEach
    void stop() throws InterruptedException {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
    }

    static final class Listener implements LinkListener {
        final CountDownLatch up = new CountDownLatch(1);
        final CountDownLatch got = new CountDownLatch(1);
        final AtomicInteger refused = new AtomicInteger();
        final AtomicInteger packets = new AtomicInteger();
        volatile String downReason;

        @Override
        public void linkUp(int link, String peer) {
            up.countDown();
        }

        @Override
        public void linkDown(int link, String reason) {
            downReason = reason;
        }

        @Override
        public void packets(int link, Frame.Data data) {
            packets.addAndGet(data.count());
            got.countDown();
        }

        @Override
        public void refused(int link, LinkRefusal why, String reason) {
            refused.incrementAndGet();
        }
    }

    private LinkEndpoint end(String node, String peer, String local, String remote, Listener listener, LinkAuth auth) {
        return end(node, peer, local, remote, listener, auth, 47100);
    }

    private LinkEndpoint end(String node, String peer, String local, String remote, Listener listener, LinkAuth auth, int port) {
        LinkEnd end = new LinkEnd("off-cloud", LinkKind.OFF_CLOUD, "l-off-cloud", new InterfaceAddress(Ipv4.parse(local), 8),
                peer, Ipv4.parse(remote), false, port);
        EventLoop loop = group.next();
        return new LinkEndpoint(0, node, end, auth, listener, loop, NodeTransport.best(), LinkTransport.UDP);
    }

    @Test
    void bothEndsComeUpAndCarryData() throws Exception {
        Listener a = new Listener();
        Listener b = new Listener();
        LinkEndpoint ea = end("socket-a", "socket-b", "127.0.0.1", "127.0.0.2", a, AUTH);
        ea.start();
        Thread.sleep(300); // the second end starts later, as a restarted peer would: Hellos must be resent
        LinkEndpoint eb = end("socket-b", "socket-a", "127.0.0.2", "127.0.0.1", b, AUTH);
        eb.start();

        assertThat(a.up.await(5, TimeUnit.SECONDS)).as("a up").isTrue();
        assertThat(b.up.await(5, TimeUnit.SECONDS)).as("b up").isTrue();
        awaitUp(ea);
        awaitUp(eb);
        ByteBuf p = Unpooled.wrappedBuffer(new byte[] {0x45, 0, 0, 20, 0, 0, 0, 0, 64, 6, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8});
        group.next().submit(() -> {
            ea.write(p);
            ea.flush();
        }).sync();
        assertThat(b.got.await(5, TimeUnit.SECONDS)).as("data crossed").isTrue();
        ea.stop();
        eb.stop();
    }

    /**
     * A batch of full-size packets makes a datagram of nearly the 16 KiB body limit: it must arrive whole. Netty reads
     * datagrams into 2 KiB buffers unless told otherwise; the kernel cut the rest off, the frame did not decode, and
     * every packet of a batch larger than one MTU was lost (on the lab's veths: TCP connections through a UDP-linked lab
     * stalled until their retransmits went out one at a time).
     */
    @Test
    void aDatagramOfManyPacketsArrivesWhole() throws Exception {
        Listener a = new Listener();
        Listener b = new Listener();
        LinkEndpoint ea = end("socket-a", "socket-b", "127.0.0.1", "127.0.0.2", a, AUTH);
        LinkEndpoint eb = end("socket-b", "socket-a", "127.0.0.2", "127.0.0.1", b, AUTH);
        ea.start();
        eb.start();
        awaitUp(ea);
        awaitUp(eb);
        int count = 10;
        group.next().submit(() -> {
            for (int i = 0; i < count; i++) {
                ea.write(ipv4(1400));
            }
            ea.flush();
        }).sync();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (b.packets.get() < count && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(b.packets.get()).as("packets of one 14 KB datagram").isEqualTo(count);
        assertThat(group.next().submit(eb::datagramDrops).get()).isEmpty();
        ea.stop();
        eb.stop();
    }

    /** A datagram longer than any a link sends is cut at the read buffer's end: counted as undecodable, by reason. */
    @Test
    void anOverlongDatagramIsCountedByReason() throws Exception {
        Listener b = new Listener();
        int port = 47131; // not the other tests' port: their ends may still be closing
        LinkEndpoint eb = end("socket-b", "socket-a", "127.0.0.2", "127.0.0.1", b, AUTH, port);
        eb.start();
        try (java.net.DatagramSocket peer = new java.net.DatagramSocket(new java.net.InetSocketAddress("127.0.0.1", port))) {
            byte[] big = new byte[LinkEndpoint.MAX_DATAGRAM_BODY + 4096];
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            java.util.Map<String, Long> drops = java.util.Map.of();
            while (drops.isEmpty() && System.nanoTime() < deadline) {
                peer.send(new java.net.DatagramPacket(big, big.length, new java.net.InetSocketAddress("127.0.0.2", port)));
                Thread.sleep(50);
                drops = group.next().submit(eb::datagramDrops).get();
            }
            assertThat(drops).containsKey("undecodable");
        }
        eb.stop();
    }

    private static ByteBuf ipv4(int length) {
        byte[] bytes = new byte[length];
        bytes[0] = 0x45;
        bytes[2] = (byte) (length >>> 8);
        bytes[3] = (byte) length;
        bytes[8] = 64;
        bytes[9] = 17;
        return Unpooled.wrappedBuffer(bytes);
    }

    @Test
    void anEndWithAnotherSecretNeverComesUp() throws Exception {
        Listener a = new Listener();
        Listener b = new Listener();
        LinkEndpoint ea = end("socket-a", "socket-b", "127.0.0.1", "127.0.0.2", a, AUTH);
        LinkEndpoint eb = end("socket-b", "socket-a", "127.0.0.2", "127.0.0.1", b, new LinkAuth(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16}));
        ea.start();
        eb.start();

        assertThat(a.up.await(1, TimeUnit.SECONDS)).isFalse();
        assertThat(a.refused.get()).as("bad hellos are counted").isPositive();
        ea.stop();
        eb.stop();
    }

    private static void awaitUp(LinkEndpoint e) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!e.isUp() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(e.isUp()).isTrue();
    }
}
