package io.wanlab.core.link;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.wanlab.core.lab.Impairment;
import io.wanlab.core.lab.LinkKeepalive;
import io.wanlab.core.lab.LinkKind;
import io.wanlab.core.net.Ipv4;
import io.wanlab.core.packet.DropReason;
import io.wanlab.core.packet.PathCounters;
import io.wanlab.core.topo.InterfaceAddress;
import io.wanlab.core.topo.LinkEnd;
import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Two real link ends over TCP on 127.0.0.1, each on its own event loop, with a tight keepalive
 * (100 ms x 3): the sending side's impairment holds packets in order and keeps the books
 * balanced while it holds them, and a blackhole silences keepalives too, so the peer declares
 * the link down; cleared, the link comes back.
 */
@Timeout(30)
class ImpairedLinkTest {
    static final LinkAuth AUTH = new LinkAuth(new byte[32]);
    static final int LOCALHOST = Ipv4.parse("127.0.0.1");
    static final LinkKeepalive FAST = new LinkKeepalive(100, 3);

    /** What the PoP's end hears: each packet's first int and when it arrived; ups and downs. */
    static final class Heard implements LinkListener {
        final ConcurrentLinkedQueue<long[]> packets = new ConcurrentLinkedQueue<>();
        final AtomicLong ups = new AtomicLong();
        final AtomicLong downs = new AtomicLong();
        final AtomicLong downAtNanos = new AtomicLong();

        @Override
        public void linkUp(int link, String peer) {
            ups.incrementAndGet();
        }

        @Override
        public void linkDown(int link, String reason) {
            downAtNanos.compareAndSet(0, System.nanoTime());
            downs.incrementAndGet();
        }

        @Override
        public void packets(int link, Frame.Data data) {
            for (int i = 0; i < data.count(); i++) {
                packets.add(new long[] {data.packet(i).getInt(data.packet(i).readerIndex()), System.nanoTime()});
            }
        }
    }

    private final EventLoopGroup popLoop = NodeTransport.best().newGroup(1);
    private final EventLoopGroup socketLoop = NodeTransport.best().newGroup(1);
    private final Heard pop = new Heard();
    private final Heard socket = new Heard();
    private LinkEndpoint popEnd;
    private LinkEndpoint socketEnd;
    private EventLoop loop;

    @BeforeEach
    void up() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            port = probe.getLocalPort();
        }
        popEnd = new LinkEndpoint(0, "pop", end("socket-a", true, port), AUTH, pop, popLoop.next(), NodeTransport.best()).keepalive(FAST);
        loop = socketLoop.next();
        socketEnd = new LinkEndpoint(0, "socket-a", end("pop", false, port), AUTH, socket, loop, NodeTransport.best()).keepalive(FAST);
        popEnd.start();
        socketEnd.start();
        awaitUp();
    }

    private void awaitUp() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!(onLoop(socketEnd::isUp) && popEnd.isUp())) {
            assertThat(System.nanoTime()).as("link up").isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    @AfterEach
    void down() throws InterruptedException {
        popEnd.stop();
        socketEnd.stop();
        popLoop.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        socketLoop.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
    }

    private static LinkEnd end(String peer, boolean listens, int port) {
        return new LinkEnd("cato-a", LinkKind.CATO, "l-cato", new InterfaceAddress(LOCALHOST, 8), peer, LOCALHOST, listens, port);
    }

    private <T> T onLoop(java.util.concurrent.Callable<T> c) throws Exception {
        return loop.submit(c).get(5, TimeUnit.SECONDS);
    }

    private void send(int from, int count) throws Exception {
        onLoop(() -> {
            for (int i = from; i < from + count; i++) {
                socketEnd.write(Unpooled.buffer(64).writeInt(i).writerIndex(64));
            }
            socketEnd.flush();
            return null;
        });
    }

    @Test
    void delayedPacketsArriveLateInOrderAndAreQueuedMeanwhile() throws Exception {
        onLoop(() -> {
            socketEnd.impair(Impairment.parse(List.of("delay=80ms")));
            return null;
        });
        long sentAt = System.nanoTime();
        send(0, 100);
        AtomicReference<String> books = new AtomicReference<>();
        long queued = onLoop(() -> {
            PathCounters s = socketEnd.sending();
            books.set(s.toString());
            return s.unaccounted() == 0 ? s.queued() : -1;
        });
        assertThat(queued).as("held, and the books balance with them: %s", books.get()).isEqualTo(100);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (pop.packets.size() < 100) {
            assertThat(System.nanoTime()).as("all arrive").isLessThan(deadline);
            Thread.sleep(5);
        }
        List<long[]> got = List.copyOf(pop.packets);
        for (int i = 0; i < 100; i++) {
            assertThat(got.get(i)[0]).as("order").isEqualTo(i);
            assertThat(got.get(i)[1] - sentAt).as("packet %d arrived after the delay", i).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(80));
        }
        assertThat(onLoop(() -> socketEnd.sending().queued())).isZero();
        assertThat(onLoop(() -> socketEnd.sending().out())).isEqualTo(100);
    }

    @Test
    void aBlackholeSilencesKeepalivesSoThePeerDeclaresTheLinkDownAndClearingBringsItBack() throws Exception {
        long setAt = System.nanoTime();
        onLoop(() -> {
            socketEnd.impair(Impairment.parse(List.of("blackhole")));
            return null;
        });
        send(0, 10);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (pop.downs.get() == 0) {
            assertThat(System.nanoTime()).as("the PoP declares the link down").isLessThan(deadline);
            Thread.sleep(5);
        }
        long downMillis = TimeUnit.NANOSECONDS.toMillis(pop.downAtNanos.get() - setAt);
        assertThat(downMillis).as("down after about 3 silent intervals of 100 ms").isBetween(250L, 3000L);
        assertThat(pop.packets).as("nothing got through").isEmpty();
        assertThat(onLoop(() -> socketEnd.sending().dropped(DropReason.IMPAIR_BLACKHOLE))).isEqualTo(10);
        assertThat(onLoop(socketEnd::controlFramesDropped)).as("keepalives were not sent").isPositive();

        onLoop(() -> {
            socketEnd.impair(Impairment.NONE);
            return null;
        });
        awaitUp();
        send(100, 5);
        deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (pop.packets.size() < 5) {
            assertThat(System.nanoTime()).as("traffic flows again").isLessThan(deadline);
            Thread.sleep(5);
        }
        assertThat(onLoop(() -> socketEnd.sending().unaccounted())).isZero();
    }
}
