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
            got.countDown();
        }

        @Override
        public void refused(int link, LinkRefusal why, String reason) {
            refused.incrementAndGet();
        }
    }

    private LinkEndpoint end(String node, String peer, String local, String remote, Listener listener, LinkAuth auth) {
        LinkEnd end = new LinkEnd("off-cloud", LinkKind.OFF_CLOUD, "l-off-cloud", new InterfaceAddress(Ipv4.parse(local), 8),
                peer, Ipv4.parse(remote), false, 47100);
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
