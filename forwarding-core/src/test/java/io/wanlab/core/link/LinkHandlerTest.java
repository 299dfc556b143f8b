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
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * LinkHandler alone on an EmbeddedChannel, fed Frame objects: the PoP's (listening) end of link
 * cato-a, which must hear socket-a and nobody else. The handler is link number 3 of its node, so every
 * listener call is checked to carry that index.
 */
class LinkHandlerTest {
    static final int INDEX = 3;
    static final LinkAuth AUTH = new LinkAuth(filled(32, 7));
    static final LinkAuth OTHER_RUN = new LinkAuth(filled(32, 8));

    private final RecordingLinkListener listener = new RecordingLinkListener();
    private final List<ChannelHandlerContext> adopted = new ArrayList<>();
    private final LinkHandler handler = new LinkHandler(INDEX, "pop", "cato-a", "socket-a", AUTH, listener, adopted::add,
            LinkAuth.Role.LISTENER);
    private final EmbeddedChannel channel = new EmbeddedChannel(handler);
    /** What the PoP sent on activation: its challenge, and nothing else. */
    private final Frame.Challenge challenge = channel.readOutbound();
    static final byte[] DIALER_NONCE = filled(16, 5);

    @AfterEach
    void nothingLeft() {
        assertThat(channel.<Object>readInbound()).as("the handler passes no frame on").isNull();
        assertThat(channel.<Object>readOutbound()).as("every frame the handler sent was checked").isNull();
        channel.finishAndReleaseAll();
        for (Frame.Data d : listener.framesSeen) {
            assertThat(d.refCnt()).as("the handler released every Data frame it lent").isZero();
        }
    }

    /** socket-a's Hello answering this connection's challenge. */
    private Frame.Hello goodHello() {
        return answer("socket-a", "cato-a", AUTH, LinkAuth.Role.DIALER, challenge.nonce());
    }

    private static Frame.Hello answer(String node, String link, LinkAuth auth, LinkAuth.Role role, byte[] challenged) {
        return new Frame.Hello(LinkHandler.VERSION, node, link, auth.answer(role, node, link, challenged, DIALER_NONCE));
    }

    /** Lets socket-a in, and takes the PoP's Hello that answers it. */
    private Frame.Hello authenticate() {
        channel.writeInbound(goodHello());
        assertThat(handler.isAuthenticated()).isTrue();
        return channel.readOutbound();
    }

    @Test
    void sendsOnlyAChallengeUntilThePeerProvesTheSecret() {
        assertThat(challenge).as("the first frame is a challenge: no name, no tag").isNotNull();
        assertThat(challenge.nonce()).hasSize(16);
        assertThat(channel.<Object>readOutbound()).as("and nothing else").isNull();
        EmbeddedChannel other = new EmbeddedChannel(new LinkHandler(0, "pop", "cato-a", "socket-a", AUTH, new RecordingLinkListener(),
                c -> { }, LinkAuth.Role.LISTENER));
        Frame.Challenge another = other.readOutbound();
        other.finishAndReleaseAll();
        assertThat(another.nonce()).as("each connection is challenged afresh").isNotEqualTo(challenge.nonce());
        assertThat(listener.events()).isZero();
    }

    @Test
    void noValidHelloWithinTheHandshakeTimeoutIsRefused() throws Exception {
        RecordingLinkListener heard = new RecordingLinkListener();
        EmbeddedChannel ch = new EmbeddedChannel();
        ch.freezeTime(); // before the handler sets its timer: the test's own pace must not count
        ch.pipeline().addLast(new LinkHandler(0, "pop", "cato-a", "socket-a", AUTH, heard, c -> { }, LinkAuth.Role.LISTENER));
        ch.pipeline().fireChannelActive();
        try {
            assertThat(ch.<Object>readOutbound()).isInstanceOf(Frame.Challenge.class);
            ch.advanceTimeBy(LinkEndpoint.HANDSHAKE_MILLIS - 1, TimeUnit.MILLISECONDS);
            ch.runScheduledPendingTasks();
            assertThat(ch.isOpen()).as("not yet").isTrue();

            ch.advanceTimeBy(1, TimeUnit.MILLISECONDS);
            ch.runScheduledPendingTasks();

            assertThat(ch.isOpen()).isFalse();
            assertThat(heard.refusals).singleElement().extracting(RecordingLinkListener.Refused::why)
                    .isEqualTo(LinkRefusal.HANDSHAKE_TIMEOUT);
        } finally {
            ch.finishAndReleaseAll();
        }
    }

    @Test
    void theHandshakeTimerStopsOnceThePeerIsIn() {
        authenticate();
        channel.advanceTimeBy(LinkEndpoint.HANDSHAKE_MILLIS * 2, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();

        assertThat(channel.isActive()).isTrue();
        assertThat(listener.refusals).isEmpty();
    }

    @Test
    void aPeerThatHangsUpBeforeItsHelloIsCountedOnce() {
        channel.close();
        channel.close();

        assertThat(listener.refusals).singleElement().extracting(RecordingLinkListener.Refused::why)
                .isEqualTo(LinkRefusal.CLOSED_BEFORE_HELLO);
        assertThat(listener.downs).isEmpty();
    }

    @Test
    void aChallengeToTheListenerIsOutOfOrder() {
        channel.writeInbound(new Frame.Challenge(filled(16, 1)));

        assertThat(channel.isOpen()).isFalse();
        assertThat(listener.refusals).singleElement().extracting(RecordingLinkListener.Refused::why)
                .isEqualTo(LinkRefusal.OUT_OF_ORDER);
    }

    @Test
    void theDialerSaysNothingUntilChallengedAndRefusesAHelloBeforeIt() {
        RecordingLinkListener dialerHeard = new RecordingLinkListener();
        EmbeddedChannel dialer = new EmbeddedChannel(new LinkHandler(0, "socket-a", "cato-a", "pop", AUTH, dialerHeard, c -> { },
                LinkAuth.Role.DIALER));
        try {
            assertThat(dialer.<Object>readOutbound()).as("a dialer speaks only when challenged").isNull();
            // A Hello the PoP once sent (captured), pushed at the dialer before any challenge.
            dialer.writeInbound(new Frame.Hello(1, "pop", "cato-a", AUTH.answer(LinkAuth.Role.LISTENER, "pop", "cato-a",
                    DIALER_NONCE, filled(16, 2))));

            assertThat(dialer.isOpen()).isFalse();
            assertThat(dialerHeard.refusals).singleElement().extracting(RecordingLinkListener.Refused::why)
                    .isEqualTo(LinkRefusal.OUT_OF_ORDER);
            assertThat(dialer.<Object>readOutbound()).as("nothing was said to it").isNull();
        } finally {
            dialer.finishAndReleaseAll();
        }
    }

    @Test
    void theDialerRefusesAListenerHelloReplayedFromAnotherConnection() {
        RecordingLinkListener dialerHeard = new RecordingLinkListener();
        EmbeddedChannel dialer = new EmbeddedChannel(new LinkHandler(0, "socket-a", "cato-a", "pop", AUTH, dialerHeard, c -> { },
                LinkAuth.Role.DIALER));
        try {
            byte[] listenerNonce = filled(16, 3);
            dialer.writeInbound(new Frame.Challenge(listenerNonce));
            Frame.Hello mine = dialer.readOutbound();
            assertThat(AUTH.checkAnswer(mine, LinkAuth.Role.DIALER, "socket-a", "cato-a", listenerNonce, null)).isNull();
            // The PoP's Hello from an earlier connection answers that connection's dialer nonce, not this one's.
            dialer.writeInbound(new Frame.Hello(1, "pop", "cato-a", AUTH.answer(LinkAuth.Role.LISTENER, "pop", "cato-a",
                    DIALER_NONCE, listenerNonce)));

            assertThat(dialer.isOpen()).isFalse();
            assertThat(dialerHeard.refusals).singleElement().extracting(RecordingLinkListener.Refused::why)
                    .isEqualTo(LinkRefusal.REPLAYED);
            assertThat(dialerHeard.ups).isEmpty();
        } finally {
            dialer.finishAndReleaseAll();
        }
    }

    @Test
    void itsHelloComesAfterThePeersAndIsBoundToThePeersNonce() {
        Frame.Hello hello = authenticate();

        assertThat(hello.version()).isEqualTo(LinkHandler.VERSION);
        assertThat(hello.node()).isEqualTo("pop");
        assertThat(hello.link()).isEqualTo("cato-a");
        assertThat(AUTH.checkAnswer(hello, LinkAuth.Role.LISTENER, "pop", "cato-a", DIALER_NONCE, challenge.nonce()))
                .as("socket-a's handler would accept it").isNull();
        assertThat(AUTH.checkAnswer(hello, LinkAuth.Role.LISTENER, "pop", "cato-a", filled(16, 6), challenge.nonce()))
                .as("but no other dialer would").extracting(LinkAuth.Refusal::reason).isEqualTo(LinkRefusal.REPLAYED);
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

    /** A bad Hello, made from the nonce the PoP challenged with. */
    interface BadHello extends java.util.function.Function<byte[], Frame.Hello> {
    }

    static Stream<Arguments> refusedHellos() {
        LinkAuth.Role d = LinkAuth.Role.DIALER;
        byte[] tag = filled(16, 0);
        return Stream.of(
                Arguments.of("wrong node", (BadHello) n -> answer("socket-b", "cato-a", AUTH, d, n),
                        LinkRefusal.WRONG_PEER, "hello from 'socket-b' (expected: 'socket-a')"),
                Arguments.of("own name reflected", (BadHello) n -> answer("pop", "cato-a", AUTH, d, n),
                        LinkRefusal.WRONG_PEER, "hello from 'pop' (expected: 'socket-a')"),
                Arguments.of("wrong link", (BadHello) n -> answer("socket-a", "cato-b", AUTH, d, n),
                        LinkRefusal.WRONG_PEER, "hello for link 'cato-b' on link 'cato-a'"),
                Arguments.of("wrong version 2", (BadHello) n -> new Frame.Hello(2, "socket-a", "cato-a",
                        AUTH.answer(d, "socket-a", "cato-a", n, DIALER_NONCE)), LinkRefusal.WRONG_PEER, "hello version 2 (expected: 1)"),
                Arguments.of("wrong version 0", (BadHello) n -> new Frame.Hello(0, "socket-a", "cato-a",
                        AUTH.answer(d, "socket-a", "cato-a", n, DIALER_NONCE)), LinkRefusal.WRONG_PEER, "hello version 0 (expected: 1)"),
                Arguments.of("bad tag: another run's secret", (BadHello) n -> answer("socket-a", "cato-a", OTHER_RUN, d, n),
                        LinkRefusal.BAD_TAG, "bad auth tag"),
                Arguments.of("bad tag: empty", (BadHello) n -> new Frame.Hello(1, "socket-a", "cato-a", new byte[0]),
                        LinkRefusal.BAD_TAG, "0-byte auth tag"),
                Arguments.of("bad tag: the nonce echoed, the HMAC made up", (BadHello) n -> {
                    byte[] t = AUTH.answer(d, "socket-a", "cato-a", n, DIALER_NONCE);
                    t[t.length - 1] ^= 1;
                    return new Frame.Hello(1, "socket-a", "cato-a", t);
                }, LinkRefusal.BAD_TAG, "bad auth tag"),
                Arguments.of("bad tag: signed as the listener (a reflection)", (BadHello) n -> answer("socket-a", "cato-a", AUTH,
                        LinkAuth.Role.LISTENER, n), LinkRefusal.BAD_TAG, "bad auth tag"),
                Arguments.of("bad tag: last build's static tag", (BadHello) n -> new Frame.Hello(1, "socket-a", "cato-a",
                        AUTH.tag("socket-a", "cato-a")), LinkRefusal.BAD_TAG, "32-byte auth tag"),
                Arguments.of("replayed: a valid hello from an earlier connection", (BadHello) n -> answer("socket-a", "cato-a", AUTH,
                        d, tag), LinkRefusal.REPLAYED, "answers another connection's challenge"));
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("refusedHellos")
    void refusedHelloIsCountedAndClosesTheConnection(String name, BadHello bad, LinkRefusal reason, String why) {
        channel.writeInbound(bad.apply(challenge.nonce()));

        assertThat(listener.refusals).as("one refusal, on this link").singleElement().satisfies(r -> {
            assertThat(r.link()).isEqualTo(INDEX);
            assertThat(r.why()).isEqualTo(reason);
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
        channel.writeInbound(answer("socket-a", "cato-a", OTHER_RUN, LinkAuth.Role.DIALER, challenge.nonce()), goodHello());

        assertThat(channel.isOpen()).isFalse();
        assertThat(listener.ups).as("no link-up on a connection being closed").isEmpty();
        assertThat(listener.downs).isEmpty();
        assertThat(adopted).isEmpty();
        assertThat(handler.isAuthenticated()).isFalse();
    }

    @Test
    void dataBeforeHelloClosesAndIsReleased() {
        ByteBuf packet = wrap(filled(40, 1));
        channel.writeInbound(Frame.Data.of(packet));

        assertThat(channel.isOpen()).isFalse();
        assertThat(listener.refusals).singleElement().extracting(RecordingLinkListener.Refused::why)
                .isEqualTo(LinkRefusal.DATA_BEFORE_HELLO);
        assertThat(packet.refCnt()).as("the unwanted frame was released").isZero();
        assertThat(listener.packets).isEmpty();
        assertThat(listener.ups).isEmpty();
        assertThat(listener.downs).isEmpty();
    }

    @Test
    void keepaliveBeforeHelloClosesAndIsNotAnswered() {
        // Keepalives reset the reader-idle timer: were they allowed, a peer without the secret
        // could hold a connection open for ever by never saying hello.
        channel.writeInbound(new Frame.Keepalive(1, false));

        assertThat(channel.isOpen()).as("frames before a valid hello close the connection").isFalse();
        assertThat(listener.refusals).singleElement().extracting(RecordingLinkListener.Refused::why)
                .isEqualTo(LinkRefusal.DATA_BEFORE_HELLO);
        assertThat(listener.ups).isEmpty();
    }

    @Test
    void unexpectedMessageClosesAndIsReleased() {
        ByteBuf raw = Unpooled.buffer().writeInt(42);
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
        EmbeddedChannel ch = new EmbeddedChannel(new LinkHandler(0, "pop", "cato-a", "socket-a", AUTH, retaining, ctx -> { },
                LinkAuth.Role.LISTENER));
        try {
            Frame.Challenge c = ch.readOutbound();
            ch.writeInbound(answer("socket-a", "cato-a", AUTH, LinkAuth.Role.DIALER, c.nonce()));
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
