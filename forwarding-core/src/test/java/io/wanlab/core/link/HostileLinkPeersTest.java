package io.wanlab.core.link;

import static io.wanlab.core.link.FrameBytes.filled;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.EventLoopGroup;
import io.wanlab.core.lab.LinkKind;
import io.wanlab.core.net.Ipv4;
import io.wanlab.core.topo.InterfaceAddress;
import io.wanlab.core.topo.LinkEnd;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The PoP's listening end of link cato-a on real TCP over 127.0.0.1, with socket-a's real end
 * dialing it, and strangers connecting to the same port: each stranger is refused, counted by
 * reason and disconnected promptly, learns nothing but a nonce, and socket-a's traffic flows
 * throughout. Each end has its own event loop, as each node has its own process.
 */
@Timeout(30)
class HostileLinkPeersTest {
    static final LinkAuth AUTH = new LinkAuth(filled(32, 7));
    static final LinkAuth OTHER_RUN = new LinkAuth(filled(32, 8));
    static final int LOCALHOST = Ipv4.parse("127.0.0.1");
    /** A stranger must be disconnected within the handshake timeout plus this slack. */
    static final long PROMPT_MILLIS = LinkEndpoint.HANDSHAKE_MILLIS + 1000;

    /** Counts what a node hears, from its event loop; read from the test thread. */
    static final class CountingListener implements LinkListener {
        final AtomicLongArray refusedBy = new AtomicLongArray(LinkRefusal.values().length);
        final ConcurrentLinkedQueue<String> reasons = new ConcurrentLinkedQueue<>();
        final AtomicLong packets = new AtomicLong();
        final AtomicLong ups = new AtomicLong();
        final AtomicLong downs = new AtomicLong();
        final CountDownLatch up = new CountDownLatch(1);

        @Override
        public void linkUp(int link, String peer) {
            ups.incrementAndGet();
            up.countDown();
        }

        @Override
        public void linkDown(int link, String reason) {
            downs.incrementAndGet();
        }

        @Override
        public void packets(int link, Frame.Data data) {
            packets.addAndGet(data.count());
        }

        @Override
        public void refused(int link, LinkRefusal why, String reason) {
            refusedBy.incrementAndGet(why.ordinal());
            reasons.add(why.label() + ": " + reason);
        }

        long refused(LinkRefusal why) {
            return refusedBy.get(why.ordinal());
        }

        long refusedTotal() {
            long n = 0;
            for (int i = 0; i < refusedBy.length(); i++) {
                n += refusedBy.get(i);
            }
            return n;
        }
    }

    private final EventLoopGroup popLoop = NodeTransport.best().newGroup(1);
    private final EventLoopGroup socketLoop = NodeTransport.best().newGroup(1);
    private final CountingListener pop = new CountingListener();
    private final CountingListener socketA = new CountingListener();
    private int port;
    private LinkEndpoint popEnd;
    private LinkEndpoint socketEnd;

    @BeforeEach
    void bringUpTheRealLink() throws Exception {
        try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            port = probe.getLocalPort();
        }
        popEnd = new LinkEndpoint(2, "pop", end("socket-a", true), AUTH, pop, popLoop.next(), NodeTransport.best());
        socketEnd = new LinkEndpoint(0, "socket-a", end("pop", false), AUTH, socketA, socketLoop.next(), NodeTransport.best());
        popEnd.start();
        socketEnd.start();
        assertThat(pop.up.await(5, TimeUnit.SECONDS)).as("the real peer is in").isTrue();
        assertThat(socketA.up.await(5, TimeUnit.SECONDS)).isTrue();
        while (!socketEnd.isUp()) {
            Thread.sleep(5);
        }
    }

    @AfterEach
    void stop() throws InterruptedException {
        popEnd.stop();
        socketEnd.stop();
        popLoop.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        socketLoop.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
    }

    private LinkEnd end(String peer, boolean listens) {
        return new LinkEnd("cato-a", LinkKind.CATO, "l-cato", new InterfaceAddress(LOCALHOST, 8), peer, LOCALHOST, listens, port);
    }

    /** A stranger's connection to the PoP's link port. */
    private Socket stranger() throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
        s.setSoTimeout((int) PROMPT_MILLIS);
        return s;
    }

    /** Reads the PoP's challenge: the one frame a stranger gets. */
    private static byte[] readChallenge(Socket s) throws IOException {
        DataInputStream in = new DataInputStream(s.getInputStream());
        byte[] header = new byte[FrameFormat.HEADER_LENGTH];
        in.readFully(header);
        assertThat(header[1]).as("the first frame is a challenge").isEqualTo((byte) FrameFormat.TYPE_CHALLENGE);
        byte[] nonce = new byte[FrameFormat.CHALLENGE_BODY];
        in.readFully(nonce);
        return nonce;
    }

    private static byte[] encode(Frame frame) {
        var buf = FrameWriter.write(io.netty.buffer.UnpooledByteBufAllocator.DEFAULT, frame, FrameFormat.DEFAULT_MAX_BODY_LENGTH);
        try {
            return io.netty.buffer.ByteBufUtil.getBytes(buf);
        } finally {
            buf.release();
        }
    }

    /** Everything else the PoP sends before it hangs up; fails if it does not hang up promptly. */
    private static byte[] untilClosed(Socket s) throws IOException {
        InputStream in = s.getInputStream();
        try {
            return in.readAllBytes();
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the PoP did not hang up within " + PROMPT_MILLIS + " ms", e);
        } catch (IOException reset) {
            return new byte[0]; // a reset is a hang-up too
        }
    }

    private static Frame.Hello socketAHello(LinkAuth auth, byte[] challenged) {
        return new Frame.Hello(LinkHandler.VERSION, "socket-a", "cato-a",
                auth.answer(LinkAuth.Role.DIALER, "socket-a", "cato-a", challenged, filled(16, 9)));
    }

    /** What a stranger does after reading the challenge (the nonce it got, a second connection's factory). */
    interface Move {
        byte[] bytes(byte[] nonce) throws IOException;
    }

    static Stream<Arguments> strangers() {
        return Stream.of(
                Arguments.of("garbage", (Move) n -> "GET / HTTP/1.1\r\nHost: pop\r\n\r\n".getBytes(), LinkRefusal.GARBAGE),
                Arguments.of("data before hello", (Move) n -> encode(Frame.Data.of(Unpooled.wrappedBuffer(filled(20, 1)))),
                        LinkRefusal.DATA_BEFORE_HELLO),
                Arguments.of("hello with a wrong hmac (another run's secret)", (Move) n -> encode(socketAHello(OTHER_RUN, n)),
                        LinkRefusal.BAD_TAG),
                Arguments.of("hello with last build's static tag", (Move) n -> encode(new Frame.Hello(1, "socket-a", "cato-a",
                        AUTH.tag("socket-a", "cato-a"))), LinkRefusal.BAD_TAG),
                Arguments.of("nothing at all", (Move) n -> new byte[0], LinkRefusal.HANDSHAKE_TIMEOUT));
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("strangers")
    void aStrangerIsRefusedCountedAndCutOffAndLearnsOnlyANonce(String name, Move move, LinkRefusal reason) throws Exception {
        long before = pop.packets.get();
        try (Socket s = stranger()) {
            byte[] nonce = readChallenge(s);
            OutputStream out = s.getOutputStream();
            out.write(move.bytes(nonce));
            out.flush();

            assertThat(untilClosed(s)).as("nothing after the challenge: no name, no tag").isEmpty();
        }
        awaitRefusals(1);
        assertThat(pop.refused(reason)).as(pop.reasons.toString()).isEqualTo(1);
        assertThat(pop.refusedTotal()).isEqualTo(1);
        assertRealPeerStillCarries(before);
    }

    @Test
    void aHelloReplayedFromAnEarlierConnectionIsRefusedAsAReplay() throws Exception {
        // An eavesdropper's capture: socket-a's valid Hello on an earlier connection (made here with the secret).
        byte[] captured;
        try (Socket earlier = stranger()) {
            captured = encode(socketAHello(AUTH, readChallenge(earlier)));
        }
        awaitRefusals(1); // that connection closed before its hello
        try (Socket s = stranger()) {
            readChallenge(s);
            s.getOutputStream().write(captured);

            assertThat(untilClosed(s)).as("the PoP's own Hello is not sent to a replay").isEmpty();
        }
        awaitRefusals(2);
        assertThat(pop.refused(LinkRefusal.REPLAYED)).as(pop.reasons.toString()).isEqualTo(1);
        assertThat(pop.refused(LinkRefusal.CLOSED_BEFORE_HELLO)).isEqualTo(1);
        assertThat(pop.ups.get()).as("no second link-up").isEqualTo(1);
        assertRealPeerStillCarries(pop.packets.get());
    }

    @Test
    void aThousandStrangersAtOnceAreAllRefusedWhileTheRealPeerKeepsCarrying() throws Exception {
        int strangers = 1000;
        List<Long> arrivals = new ArrayList<>();
        ScheduledFuture<?> pump = pumpPackets();
        long flowing = pop.packets.get();
        while (pop.packets.get() < flowing + 20) {
            Thread.sleep(5); // socket-a's traffic is steady before the burst begins
        }
        long start = System.nanoTime();
        List<Future<Boolean>> closedPromptly = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < strangers; i++) {
                closedPromptly.add(threads.submit(() -> {
                    try (Socket s = stranger()) {
                        s.getInputStream().readAllBytes(); // a challenge or nothing, then the PoP's hang-up
                        return true;
                    } catch (SocketTimeoutException e) {
                        return false;
                    } catch (IOException reset) {
                        return true;
                    }
                }));
            }
            // Watch socket-a's traffic while the strangers are being dealt with.
            long last = pop.packets.get();
            while (System.nanoTime() - start < TimeUnit.MILLISECONDS.toNanos(PROMPT_MILLIS)) {
                Thread.sleep(100);
                long now = pop.packets.get();
                arrivals.add(now - last);
                last = now;
            }
            for (Future<Boolean> f : closedPromptly) {
                assertThat(f.get(PROMPT_MILLIS, TimeUnit.MILLISECONDS)).as("each stranger was cut off promptly").isTrue();
            }
        } finally {
            pump.cancel(false);
        }
        awaitRefusals(strangers);
        long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertThat(pop.refusedTotal()).as("every stranger refused once: " + counts(pop)).isEqualTo(strangers);
        assertThat(pop.refused(LinkRefusal.TOO_MANY_PENDING)).as("most cost an accept and a close only").isPositive();
        assertThat(arrivals).as("socket-a's packets arrived in every 100 ms of the burst (%d ms): %s", elapsed, arrivals)
                .allSatisfy(n -> assertThat(n).isPositive());
        assertThat(pop.downs.get() + socketA.downs.get()).as("the real link never went down").isZero();
        assertThat(pop.ups.get()).isEqualTo(1);
        assertThat(popEnd.isUp()).isTrue();
    }

    private ScheduledFuture<?> pumpPackets() {
        return socketLoop.next().scheduleAtFixedRate(() -> {
            socketEnd.write(Unpooled.wrappedBuffer(filled(60, 4)));
            socketEnd.flush();
        }, 0, 5, TimeUnit.MILLISECONDS);
    }

    private void assertRealPeerStillCarries(long before) throws Exception {
        ScheduledFuture<?> pump = pumpPackets();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
            while (pop.packets.get() <= before && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
        } finally {
            pump.cancel(false);
        }
        assertThat(pop.packets.get()).as("socket-a's packets still arrive").isGreaterThan(before);
        assertThat(pop.downs.get() + socketA.downs.get()).as("the real link never went down").isZero();
    }

    private void awaitRefusals(long n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(PROMPT_MILLIS);
        while (pop.refusedTotal() < n && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        Thread.sleep(50); // and no more than n
    }

    private static String counts(CountingListener l) {
        StringBuilder b = new StringBuilder();
        for (LinkRefusal r : LinkRefusal.values()) {
            b.append(r.label()).append('=').append(l.refused(r)).append(' ');
        }
        return b.toString().strip();
    }
}
