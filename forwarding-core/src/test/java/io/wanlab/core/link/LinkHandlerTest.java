package io.wanlab.core.link;

import static io.wanlab.core.link.FrameBytes.filled;
import static io.wanlab.core.link.FrameBytes.wrap;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.timeout.IdleStateEvent;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * LinkHandler alone on an EmbeddedChannel, fed Frame objects: the PoP's end of link cato-a,
 * which must hear socket-a and nobody else. The handler is link number 3 of its node, so every
 * listener call is checked to carry that index.
 */
class LinkHandlerTest {
    static final int INDEX = 3;
    static final LinkAuth AUTH = new LinkAuth(filled(32, 7));
    static final LinkAuth OTHER_RUN = new LinkAuth(filled(32, 8));

    private final RecordingLinkListener listener = new RecordingLinkListener();
    private final List<ChannelHandlerContext> adopted = new ArrayList<>();
    private final LinkHandler handler = new LinkHandler(INDEX, "pop", "cato-a", "socket-a", AUTH, listener, adopted::add);
    private final EmbeddedChannel channel = new EmbeddedChannel(handler);

    @AfterEach
    void nothingLeft() {
        assertThat(channel.<Object>readInbound()).as("the handler passes no frame on").isNull();
        assertThat(channel.<Object>readOutbound()).as("every frame the handler sent was checked").isNull();
        channel.finishAndReleaseAll();
        for (Frame.Data d : listener.framesSeen) {
            assertThat(d.refCnt()).as("the handler released every Data frame it lent").isZero();
        }
    }

    private static Frame.Hello goodHello() {
        return new Frame.Hello(LinkHandler.VERSION, "socket-a", "cato-a", AUTH.tag("socket-a", "cato-a"));
    }

    /** Reads the Hello the handler sent on activation, then lets socket-a in. */
    private void authenticate() {
        channel.readOutbound();
        channel.writeInbound(goodHello());
        assertThat(handler.isAuthenticated()).isTrue();
    }

    @Test
    void sendsItsOwnHelloAtOnce() {
        Frame.Hello hello = channel.readOutbound();

        assertThat(hello.version()).isEqualTo(LinkHandler.VERSION);
        assertThat(hello.node()).isEqualTo("pop");
        assertThat(hello.link()).isEqualTo("cato-a");
        assertThat(hello.authTag()).as("the tag socket-a will check").isEqualTo(AUTH.tag("pop", "cato-a"));
        assertThat(AUTH.refuse(hello, "pop", "cato-a")).as("socket-a's handler would accept it").isNull();
        assertThat(listener.events()).isZero();
    }

    @Test
    void expectedPeerWithValidTagBringsTheLinkUp() {
        authenticate();

        assertThat(listener.ups).containsExactly(new RecordingLinkListener.Up(INDEX, "socket-a"));
        assertThat(adopted).as("the endpoint is told which connection to adopt").singleElement()
                .extracting(ChannelHandlerContext::channel).isSameAs(channel);
        assertThat(channel.isActive()).isTrue();
        assertThat(listener.refusals).isEmpty();
        assertThat(listener.downs).isEmpty();
    }

    static Stream<Arguments> refusedHellos() {
        return Stream.of(
                Arguments.of("wrong node", new Frame.Hello(1, "socket-b", "cato-a", AUTH.tag("socket-b", "cato-a")),
                        "hello from 'socket-b' (expected: 'socket-a')"),
                Arguments.of("own hello reflected", new Frame.Hello(1, "pop", "cato-a", AUTH.tag("pop", "cato-a")),
                        "hello from 'pop' (expected: 'socket-a')"),
                Arguments.of("wrong link", new Frame.Hello(1, "socket-a", "cato-b", AUTH.tag("socket-a", "cato-b")),
                        "hello for link 'cato-b' on link 'cato-a'"),
                Arguments.of("bad tag: another run's secret", new Frame.Hello(1, "socket-a", "cato-a",
                        OTHER_RUN.tag("socket-a", "cato-a")), "bad auth tag"),
                Arguments.of("bad tag: empty", new Frame.Hello(1, "socket-a", "cato-a", new byte[0]), "bad auth tag"),
                Arguments.of("wrong version 2", new Frame.Hello(2, "socket-a", "cato-a", AUTH.tag("socket-a", "cato-a")),
                        "hello version 2 (expected: 1)"),
                Arguments.of("wrong version 0", new Frame.Hello(0, "socket-a", "cato-a", AUTH.tag("socket-a", "cato-a")),
                        "hello version 0 (expected: 1)"));
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("refusedHellos")
    void refusedHelloIsCountedAndClosesTheConnection(String name, Frame.Hello hello, String why) {
        channel.readOutbound();
        channel.writeInbound(hello);

        assertThat(listener.refusals).as("one refusal, on this link").singleElement().satisfies(r -> {
            assertThat(r.link()).isEqualTo(INDEX);
            assertThat(r.reason()).contains(why).as("names where it came from").contains(channel.remoteAddress().toString());
        });
        assertThat(channel.isOpen()).as("a refused peer is disconnected").isFalse();
        assertThat(handler.isAuthenticated()).isFalse();
        assertThat(listener.ups).isEmpty();
        assertThat(listener.downs).as("a link that never came up does not go down").isEmpty();
        assertThat(adopted).isEmpty();
    }

    @Test
    void refusedPeerCannotTryAgainInTheSameRead() {
        // Both frames arrive in one read: the second reaches the handler after it asked to close.
        channel.readOutbound();
        channel.writeInbound(new Frame.Hello(1, "socket-a", "cato-a", OTHER_RUN.tag("socket-a", "cato-a")), goodHello());

        assertThat(channel.isOpen()).isFalse();
        assertThat(listener.ups).as("no link-up on a connection being closed").isEmpty();
        assertThat(listener.downs).isEmpty();
        assertThat(adopted).isEmpty();
        assertThat(handler.isAuthenticated()).isFalse();
    }

    @Test
    void dataBeforeHelloClosesAndIsReleased() {
        ByteBuf packet = wrap(filled(40, 1));
        channel.readOutbound();
        channel.writeInbound(Frame.Data.of(packet));

        assertThat(channel.isOpen()).isFalse();
        assertThat(packet.refCnt()).as("the unwanted frame was released").isZero();
        assertThat(listener.packets).isEmpty();
        assertThat(listener.ups).isEmpty();
        assertThat(listener.downs).isEmpty();
    }

    @Test
    void keepaliveBeforeHelloClosesAndIsNotAnswered() {
        // Keepalives reset the reader-idle timer: were they allowed, a peer without the secret
        // could hold a connection open for ever by never saying hello.
        channel.readOutbound();
        channel.writeInbound(new Frame.Keepalive(1, false));

        assertThat(channel.isOpen()).as("frames before a valid hello close the connection").isFalse();
        assertThat(listener.ups).isEmpty();
    }

    @Test
    void unexpectedMessageClosesAndIsReleased() {
        ByteBuf raw = Unpooled.buffer().writeInt(42);
        channel.readOutbound();
        channel.writeInbound(raw);

        assertThat(channel.isOpen()).isFalse();
        assertThat(raw.refCnt()).isZero();
    }

    @Test
    void secondHelloClosesAndTakesTheLinkDown() {
        authenticate();
        channel.writeInbound(goodHello());

        assertThat(channel.isOpen()).isFalse();
        assertThat(listener.downs).containsExactly(new RecordingLinkListener.Down(INDEX, "second hello"));
        assertThat(listener.ups).as("no second link-up").hasSize(1);
        assertThat(handler.isAuthenticated()).isFalse();
    }

    @Test
    void framesBehindASecondHelloInTheSameReadDoNotReachTheNode() {
        authenticate();
        ByteBuf packet = wrap(filled(40, 1));
        channel.writeInbound(goodHello(), Frame.Data.of(packet), new Frame.Keepalive(5, false));

        assertThat(listener.packets).as("the connection was already being closed").isEmpty();
        assertThat(packet.refCnt()).as("dropped frames are released").isZero();
        assertThat(listener.downs).containsExactly(new RecordingLinkListener.Down(INDEX, "second hello"));
    }

    @Test
    void dataAfterHelloReachesTheNodeAndIsReleasedAfter() {
        authenticate();
        ByteBuf first = wrap(filled(60, 1));
        ByteBuf second = wrap(filled(1400, 2));
        Frame.Data data = Frame.Data.of(first, second);
        channel.writeInbound(data);

        assertThat(listener.packets).singleElement().satisfies(p -> {
            assertThat(p.link()).isEqualTo(INDEX);
            assertThat(p.packets()).containsExactly(filled(60, 1), filled(1400, 2));
            assertThat(p.refCntDuringCall()).as("the frame was still held during the call").isEqualTo(1);
        });
        assertThat(data.refCnt()).as("released after packets() returned").isZero();
        assertThat(first.refCnt()).isZero();
        assertThat(second.refCnt()).isZero();
        assertThat(channel.isActive()).isTrue();
    }

    @Test
    void listenerMayKeepAPacketByRetainingIt() {
        List<ByteBuf> kept = new ArrayList<>();
        LinkListener retaining = new LinkListener() {
            @Override
            public void linkUp(int link, String peer) {
            }

            @Override
            public void linkDown(int link, String reason) {
            }

            @Override
            public void packets(int link, Frame.Data data) {
                kept.add(data.packet(0).retain());
            }
        };
        channel.readOutbound();
        EmbeddedChannel ch = new EmbeddedChannel(new LinkHandler(0, "pop", "cato-a", "socket-a", AUTH, retaining, ctx -> { }));
        try {
            ch.readOutbound();
            ch.writeInbound(goodHello());
            ch.writeInbound(Frame.Data.of(wrap(filled(100, 3))));

            assertThat(kept).singleElement().satisfies(p -> {
                assertThat(p.refCnt()).as("the retained reference outlives the frame").isEqualTo(1);
                assertThat(FrameBytes.toArray(p)).isEqualTo(filled(100, 3));
            });
        } finally {
            kept.forEach(ByteBuf::release);
            ch.finishAndReleaseAll();
        }
    }

    @Test
    void keepaliveRequestGetsAReplyWithItsSequence() {
        authenticate();
        channel.writeInbound(new Frame.Keepalive(77, false));

        assertThat(channel.<Frame>readOutbound()).isEqualTo(new Frame.Keepalive(77, true));
        assertThat(channel.isActive()).isTrue();
    }

    @Test
    void keepaliveReplyIsNotAnswered() {
        authenticate();
        channel.writeInbound(new Frame.Keepalive(77, true));

        assertThat(channel.<Object>readOutbound()).as("replies are not answered (no ping-pong)").isNull();
        assertThat(channel.isActive()).isTrue();
    }

    @Test
    void silentPeerIsDeclaredGone() {
        authenticate();
        channel.pipeline().fireUserEventTriggered(IdleStateEvent.FIRST_READER_IDLE_STATE_EVENT);
        channel.runPendingTasks();

        assertThat(channel.isOpen()).isFalse();
        assertThat(listener.downs).singleElement().satisfies(d -> {
            assertThat(d.link()).isEqualTo(INDEX);
            assertThat(d.reason()).startsWith("peer silent");
        });
    }

    @Test
    void silenceBeforeHelloClosesWithoutLinkDown() {
        channel.readOutbound();
        channel.pipeline().fireUserEventTriggered(IdleStateEvent.READER_IDLE_STATE_EVENT);
        channel.runPendingTasks();

        assertThat(channel.isOpen()).isFalse();
        assertThat(listener.events()).isZero();
    }

    @Test
    void quietWritesSendNumberedKeepalives() {
        authenticate();
        channel.pipeline().fireUserEventTriggered(IdleStateEvent.FIRST_WRITER_IDLE_STATE_EVENT);
        channel.pipeline().fireUserEventTriggered(IdleStateEvent.WRITER_IDLE_STATE_EVENT);

        assertThat(channel.<Frame>readOutbound()).isEqualTo(new Frame.Keepalive(0, false));
        assertThat(channel.<Frame>readOutbound()).isEqualTo(new Frame.Keepalive(1, false));
        assertThat(channel.isActive()).isTrue();
    }

    @Test
    void noKeepaliveBeforeTheLinkIsUp() {
        channel.readOutbound();
        channel.pipeline().fireUserEventTriggered(IdleStateEvent.WRITER_IDLE_STATE_EVENT);

        assertThat(channel.<Object>readOutbound()).isNull();
        assertThat(channel.isActive()).isTrue();
    }

    @Test
    void otherUserEventsPassOn() {
        List<Object> seen = new ArrayList<>();
        channel.pipeline().addLast(new io.netty.channel.ChannelInboundHandlerAdapter() {
            @Override
            public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
                seen.add(evt);
            }
        });
        channel.pipeline().fireUserEventTriggered("something else");
        channel.readOutbound();

        assertThat(seen).containsExactly("something else");
    }

    @Test
    void errorTakesTheLinkDownWithItsCause() {
        authenticate();
        channel.pipeline().fireExceptionCaught(new IOException("Connection reset by peer"));
        channel.runPendingTasks();

        assertThat(channel.isOpen()).isFalse();
        assertThat(listener.downs).containsExactly(new RecordingLinkListener.Down(INDEX, "IOException: Connection reset by peer"));
    }

    @Test
    void closeTakesTheLinkDownOnce() {
        authenticate();
        channel.close();
        channel.close();

        assertThat(listener.downs).containsExactly(new RecordingLinkListener.Down(INDEX, "connection closed"));
    }
}
