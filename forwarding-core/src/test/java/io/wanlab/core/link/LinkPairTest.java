package io.wanlab.core.link;

import static io.wanlab.core.link.FrameBytes.filled;
import static io.wanlab.core.link.FrameBytes.wrap;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two link ends back to back, each an EmbeddedChannel with the endpoint's pipeline (FrameDecoder,
 * FrameEncoder, LinkHandler), bytes shuttled from one's outbound to the other's inbound: what
 * socket-a and the PoP see on link cato-a. Every buffer the channels allocate is tracked and must
 * be released by the end.
 */
class LinkPairTest {
    static final LinkAuth AUTH = new LinkAuth(filled(32, 7));
    static final LinkAuth OTHER_RUN = new LinkAuth(filled(32, 8));

    private final TrackingAllocator alloc = new TrackingAllocator();
    private final RecordingLinkListener socketA = new RecordingLinkListener();
    private final RecordingLinkListener pop = new RecordingLinkListener();
    private final List<EmbeddedChannel> channels = new ArrayList<>();

    @AfterEach
    void everyBufferReleased() {
        for (EmbeddedChannel ch : channels) {
            ch.finishAndReleaseAll();
        }
        for (RecordingLinkListener l : List.of(socketA, pop)) {
            for (Frame.Data d : l.framesSeen) {
                assertThat(d.refCnt()).as("Data frames released after packets()").isZero();
            }
        }
        assertThat(alloc.unreleased()).as("buffers the pipelines allocated and never released").isEmpty();
    }

    private EmbeddedChannel end(int index, String node, String link, String peer, LinkAuth auth, RecordingLinkListener listener,
            ChannelHandler... before) throws Exception {
        EmbeddedChannel ch = new EmbeddedChannel(false, true);
        ch.config().setAllocator(alloc);
        ch.pipeline().addLast(before);
        ch.pipeline().addLast(new FrameDecoder(), new FrameEncoder(),
                new LinkHandler(index, node, link, peer, auth, listener, ctx -> { },
                        node.equals("pop") ? LinkAuth.Role.LISTENER : LinkAuth.Role.DIALER));
        channels.add(ch);
        ch.register();
        return ch;
    }

    private EmbeddedChannel socketA(LinkAuth auth, ChannelHandler... before) throws Exception {
        return end(0, "socket-a", "cato-a", "pop", auth, socketA, before);
    }

    private EmbeddedChannel pop(LinkAuth auth, ChannelHandler... before) throws Exception {
        return end(2, "pop", "cato-a", "socket-a", auth, pop, before);
    }

    /** Moves every outbound buffer of {@code from} into {@code to}; returns how many moved. */
    private static int shuttle(EmbeddedChannel from, EmbeddedChannel to) {
        int moved = 0;
        for (ByteBuf b = from.readOutbound(); b != null; b = from.readOutbound()) {
            moved++;
            if (to.isOpen()) {
                to.writeInbound(b);
            } else {
                b.release();
            }
        }
        return moved;
    }

    /** Shuttles both ways until both are quiet; returns how many buffers moved. */
    private static int exchange(EmbeddedChannel a, EmbeddedChannel b) {
        int total = 0;
        for (int moved = -1; moved != 0; total += moved) {
            moved = shuttle(a, b) + shuttle(b, a);
        }
        return total;
    }

    @Test
    void bothEndsAuthenticateEachOther() throws Exception {
        EmbeddedChannel a = socketA(AUTH);
        EmbeddedChannel p = pop(AUTH);

        assertThat(exchange(a, p)).as("the PoP's challenge, socket-a's hello, the PoP's hello, nothing else").isEqualTo(3);

        assertThat(socketA.ups).containsExactly(new RecordingLinkListener.Up(0, "pop"));
        assertThat(pop.ups).containsExactly(new RecordingLinkListener.Up(2, "socket-a"));
        assertThat(socketA.refusals).isEmpty();
        assertThat(pop.refusals).isEmpty();
        assertThat(a.isActive() && p.isActive()).isTrue();
    }

    @Test
    void packetsCrossBothWays() throws Exception {
        EmbeddedChannel a = socketA(AUTH);
        EmbeddedChannel p = pop(AUTH);
        exchange(a, p);
        List<ByteBuf> sent = List.of(wrap(filled(1500, 1)), wrap(filled(40, 2)), wrap(filled(9000, 3)));

        assertThat(a.writeAndFlush(Frame.Data.of(sent)).isSuccess()).isTrue();
        p.writeAndFlush(Frame.Data.of(wrap(filled(52, 4))));
        exchange(a, p);

        assertThat(pop.packets).singleElement().satisfies(got -> {
            assertThat(got.link()).isEqualTo(2);
            assertThat(got.packets()).containsExactly(filled(1500, 1), filled(40, 2), filled(9000, 3));
        });
        assertThat(socketA.packets).singleElement().satisfies(got -> assertThat(got.packets()).containsExactly(filled(52, 4)));
        assertThat(sent).allSatisfy(b -> assertThat(b.refCnt()).as("the encoder released what it sent").isZero());
    }

    @Test
    void keepaliveIsAnsweredOnceAndTheLinkStaysUp() throws Exception {
        EmbeddedChannel a = socketA(AUTH);
        EmbeddedChannel p = pop(AUTH);
        exchange(a, p);

        a.pipeline().fireUserEventTriggered(IdleStateEvent.WRITER_IDLE_STATE_EVENT);
        assertThat(shuttle(a, p)).as("socket-a's keepalive").isEqualTo(1);
        assertThat(shuttle(p, a)).as("the PoP's reply").isEqualTo(1);
        assertThat(shuttle(a, p)).as("the reply is not answered").isZero();

        assertThat(a.isActive() && p.isActive()).isTrue();
        assertThat(socketA.downs).isEmpty();
        assertThat(pop.downs).isEmpty();
    }

    @Test
    void differentSecretsRefuseEachOther() throws Exception {
        EmbeddedChannel a = socketA(AUTH);
        EmbeddedChannel p = pop(OTHER_RUN);
        exchange(a, p);

        assertThat(pop.refusals).singleElement().satisfies(r -> {
            assertThat(r.why()).isEqualTo(LinkRefusal.BAD_TAG);
            assertThat(r.reason()).contains("hello from 'socket-a' with a bad auth tag");
        });
        assertThat(p.isOpen()).as("the PoP hangs up").isFalse();
        assertThat(socketA.refusals).as("socket-a got only a challenge: nothing to refuse yet").isEmpty();
        a.close(); // what the PoP's FIN does to socket-a's end
        assertThat(socketA.refusals).singleElement().extracting(RecordingLinkListener.Refused::why)
                .isEqualTo(LinkRefusal.CLOSED_BEFORE_HELLO);
        assertThat(socketA.ups).isEmpty();
        assertThat(pop.ups).isEmpty();
    }

    @Test
    void socketOnTheWrongLinkIsRefusedByTheListener() throws Exception {
        // socket-b dials the PoP's cato-a end: the PoP sees a hello for another link and never says who it is.
        EmbeddedChannel b = end(0, "socket-b", "cato-b", "pop", AUTH, socketA);
        EmbeddedChannel p = pop(AUTH);
        exchange(b, p);

        assertThat(pop.refusals).singleElement().extracting(RecordingLinkListener.Refused::reason).asString()
                .contains("hello for link 'cato-b' on link 'cato-a'");
        assertThat(pop.refusals.getFirst().why()).isEqualTo(LinkRefusal.WRONG_PEER);
        assertThat(p.isOpen()).isFalse();
        assertThat(socketA.ups).isEmpty();
    }

    @Test
    void garbageAfterTheHelloTakesTheLinkDown() throws Exception {
        EmbeddedChannel a = socketA(AUTH);
        EmbeddedChannel p = pop(AUTH);
        exchange(a, p);
        ByteBuf garbage = Unpooled.wrappedBuffer(new byte[] {0x55, 2, 0, 0, 0, 0, 5, 1, 2, 3, 4, 5});

        p.writeInbound(garbage);
        p.runPendingTasks();

        assertThat(p.isOpen()).isFalse();
        assertThat(garbage.refCnt()).isZero();
        assertThat(pop.downs).singleElement().satisfies(d -> {
            assertThat(d.link()).isEqualTo(2);
            assertThat(d.reason()).as("the decoder's complaint is the reason").startsWith("FrameException");
        });
    }

    @Test
    void withTheEndpointsIdleTimersAQuietLinkKeepsAliveAndASilentPeerIsDropped() throws Exception {
        // The same timers as LinkEndpoint: a keepalive after a quiet second, gone after five silent ones.
        EmbeddedChannel a = socketA(AUTH, new IdleStateHandler(LinkEndpoint.SILENT_SECONDS, LinkEndpoint.KEEPALIVE_SECONDS, 0,
                TimeUnit.SECONDS));
        EmbeddedChannel p = pop(AUTH);
        a.freezeTime();
        exchange(a, p);

        a.advanceTimeBy(LinkEndpoint.KEEPALIVE_SECONDS, TimeUnit.SECONDS);
        a.runScheduledPendingTasks();
        assertThat(exchange(a, p)).as("keepalive and its reply").isEqualTo(2);
        assertThat(a.isActive()).as("the reply counts as hearing from the peer").isTrue();

        // From now on the PoP's bytes are lost: socket-a keeps sending keepalives, hears nothing.
        for (int s = 0; s < LinkEndpoint.SILENT_SECONDS; s++) {
            a.advanceTimeBy(1, TimeUnit.SECONDS);
            a.runScheduledPendingTasks();
            shuttle(a, p);
            p.releaseOutbound();
        }
        a.runPendingTasks();

        assertThat(a.isOpen()).isFalse();
        assertThat(socketA.downs).singleElement().extracting(RecordingLinkListener.Down::reason).asString()
                .startsWith("peer silent");
        assertThat(pop.downs).as("the PoP's end is still up: it heard the keepalives").isEmpty();
    }
}
