package io.wanlab.pop;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelPromise;
import io.netty.channel.embedded.EmbeddedChannel;
import io.wanlab.core.event.Event;
import io.wanlab.core.flow.FlowTable;
import io.wanlab.core.flow.FlowTableConfig;
import io.wanlab.core.lab.LabPresets;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The client leg while its server leg connects: whatever the client sends in that time (several
 * records from one read, a body right behind its headers) reaches the server whole and in order.
 * Both legs are in-memory channels; the server leg connects when the test says so.
 */
class ProxyFrontendHandlerTest {
    private static final InetSocketAddress CLIENT = new InetSocketAddress("198.18.1.10", 40000);
    private static final InetSocketAddress SERVER = new InetSocketAddress("198.18.2.10", 443);

    private final List<Event> events = new ArrayList<>();
    private EmbeddedChannel serverLeg;
    private ChannelPromise connected;
    private final EmbeddedChannel clientLeg = new AddressedChannel();
    private final TcpProxy proxy = new TcpProxy(new EmbeddedChannel().eventLoop(), Duration.ofSeconds(10), null).withServerLegs((client, conn, init) -> {
        serverLeg = new AddressedChannel();
        serverLeg.pipeline().addLast(init);
        try {
            serverLeg.register();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        connected = serverLeg.newPromise();
        return connected;
    });

    ProxyFrontendHandlerTest() throws Exception {
        proxy.use(new PopSteering(PopRouter.of(LabPresets.load("bug")), new FlowTable(FlowTableConfig.defaults()), true,
                new int[] {443}, System::nanoTime), events::add);
        clientLeg.pipeline().addLast(new ProxyFrontendHandler(proxy));
        clientLeg.register();
    }

    @AfterEach
    void nothingLeaks() {
        clientLeg.finishAndReleaseAll();
        if (serverLeg != null) {
            serverLeg.finishAndReleaseAll();
        }
    }

    @Test
    void chunksThatArriveWhileTheServerLegConnectsAreWrittenInOrder() throws Exception {
        byte[] body = new byte[200_000];
        new Random(7).nextBytes(body);
        byte[] head = "POST /upload HTTP/1.1\r\nHost: crm.site-b.lab\r\nContent-Length: 200000\r\n\r\n".getBytes();
        clientLeg.writeInbound(Unpooled.wrappedBuffer(head));
        assertThat(serverLeg).as("the first payload opens the server leg").isNotNull();
        for (int off = 0; off < body.length; off += 16_384) {
            clientLeg.writeInbound(Unpooled.wrappedBuffer(body, off, Math.min(16_384, body.length - off)));
        }
        connected.setSuccess();
        clientLeg.runPendingTasks();

        ByteBuf got = Unpooled.buffer();
        for (ByteBuf b; (b = serverLeg.readOutbound()) != null; ) {
            got.writeBytes(b);
            b.release();
        }
        byte[] sent = new byte[head.length + body.length];
        System.arraycopy(head, 0, sent, 0, head.length);
        System.arraycopy(body, 0, sent, head.length, body.length);
        byte[] received = new byte[got.readableBytes()];
        got.readBytes(received);
        got.release();
        assertThat(received.length).as("length at the server").isEqualTo(sent.length);
        assertThat(sha256(received)).as("digest at the server: every chunk, in order").isEqualTo(sha256(sent));
    }

    @Test
    void aClientThatFloodsBeforeTheServerLegIsUpIsClosedNotBuffered() {
        clientLeg.writeInbound(Unpooled.wrappedBuffer(new byte[100]));
        for (int i = 0; i <= ProxyFrontendHandler.MAX_PENDING_BYTES / 65_536 && clientLeg.isActive(); i++) {
            clientLeg.writeInbound(Unpooled.wrappedBuffer(new byte[65_536]));
        }
        assertThat(clientLeg.isActive()).as("the bound on waiting bytes holds").isFalse();
        assertThat(events).anySatisfy(e -> assertThat(e.toString()).contains("before the server leg was up"));
    }

    @Test
    void aServerLegThatFailsReleasesWhatWaited() {
        ByteBuf first = Unpooled.wrappedBuffer(new byte[10]);
        ByteBuf second = Unpooled.wrappedBuffer(new byte[10]);
        clientLeg.writeInbound(first);
        clientLeg.writeInbound(second);
        connected.setFailure(new java.io.IOException("no route"));
        clientLeg.runPendingTasks();
        assertThat(first.refCnt()).isZero();
        assertThat(second.refCnt()).isZero();
        assertThat(clientLeg.isActive()).isFalse();
    }

    private static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    /** An in-memory channel with the addresses of a proxied connection (the proxy reads both). */
    private static final class AddressedChannel extends EmbeddedChannel {
        AddressedChannel() {
            super(false, false);
        }

        @Override
        public SocketAddress localAddress() {
            return SERVER;
        }

        @Override
        public SocketAddress remoteAddress() {
            return CLIENT;
        }
    }
}
