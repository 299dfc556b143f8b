package io.wanlab.core.link;

import static java.util.Objects.requireNonNull;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One TCP link connection after framing. The handshake (docs/FRAMING.md): the listener sends only
 * a Challenge (a fresh nonce); the dialer answers with its Hello, whose tag binds that nonce and
 * its own; only then does the listener send its Hello, bound to the dialer's nonce. So nobody
 * learns a node's name or a valid tag before proving the secret, and a captured Hello answers no
 * later connection's challenge. Keepalives go out when the link is quiet for writes; a peer silent
 * for reads is declared gone. One per channel, on its event loop.
 *
 * <p>Every connection that ends before its peer's valid Hello is refused exactly once, by reason
 * ({@link LinkRefusal}): garbage bytes, data before the Hello, a frame out of handshake order, a
 * wrong, forged or replayed Hello, no Hello within the handshake timeout, or a peer that hung up.
 */
public final class LinkHandler extends ChannelInboundHandlerAdapter {
    public static final int VERSION = 1;

    private final int index;
    private final String localNode;
    private final String link;
    private final String expectedPeer;
    private final LinkAuth auth;
    private final LinkListener listener;
    private final Consumer<ChannelHandlerContext> onAuthenticated;
    private final LinkAuth.Role role;
    private final long handshakeMillis;
    private final byte[] myNonce = LinkAuth.nonce();
    /** The listener's nonce, once its Challenge arrived (dialer only). */
    private byte[] theirNonce;
    private boolean authenticated;
    /** Set once the connection's one refusal was counted. */
    private boolean refused;
    /** Set once this handler closes the channel: frames already decoded in the same read are dropped. */
    private boolean closing;
    private String closeReason = "connection closed";
    private long keepaliveSequence;
    private ScheduledFuture<?> handshakeTimer;

    public LinkHandler(int index, String localNode, String link, String expectedPeer, LinkAuth auth, LinkListener listener,
            Consumer<ChannelHandlerContext> onAuthenticated, LinkAuth.Role role) {
        this(index, localNode, link, expectedPeer, auth, listener, onAuthenticated, role, LinkEndpoint.HANDSHAKE_MILLIS);
    }

    public LinkHandler(int index, String localNode, String link, String expectedPeer, LinkAuth auth, LinkListener listener,
            Consumer<ChannelHandlerContext> onAuthenticated, LinkAuth.Role role, long handshakeMillis) {
        if (handshakeMillis <= 0) {
            throw new IllegalArgumentException("handshakeMillis: " + handshakeMillis + " (expected: > 0)");
        }
        this.index = index;
        this.localNode = requireNonNull(localNode, "localNode");
        this.link = requireNonNull(link, "link");
        this.expectedPeer = requireNonNull(expectedPeer, "expectedPeer");
        this.auth = requireNonNull(auth, "auth");
        this.listener = requireNonNull(listener, "listener");
        this.onAuthenticated = requireNonNull(onAuthenticated, "onAuthenticated");
        this.role = requireNonNull(role, "role");
        this.handshakeMillis = handshakeMillis;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        // A stranger that connects and says nothing is cut off on this timer, not on the 5 s read-idle one.
        handshakeTimer = ctx.executor().schedule(() -> {
            if (!authenticated) {
                refuse(ctx, LinkRefusal.HANDSHAKE_TIMEOUT, "no valid hello within " + handshakeMillis + " ms");
            }
        }, handshakeMillis, TimeUnit.MILLISECONDS);
        if (role == LinkAuth.Role.LISTENER) {
            ctx.writeAndFlush(new Frame.Challenge(myNonce));
        }
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (closing) {
                return;
            }
            switch (msg) {
                case Frame.Challenge challenge -> onChallenge(ctx, challenge);
                case Frame.Hello hello -> onHello(ctx, hello);
                case Frame.Data data -> {
                    if (!authenticated) {
                        refuse(ctx, LinkRefusal.DATA_BEFORE_HELLO, "data before a valid hello");
                        return;
                    }
                    listener.packets(index, data);
                }
                case Frame.Keepalive k -> {
                    if (!authenticated) {
                        // Keepalives reset the reader-idle timer: a peer that never says hello must not hold the connection.
                        refuse(ctx, LinkRefusal.DATA_BEFORE_HELLO, "keepalive before a valid hello");
                        return;
                    }
                    if (!k.reply()) {
                        ctx.writeAndFlush(new Frame.Keepalive(k.sequence(), true));
                    }
                }
                default -> close(ctx, "unexpected message " + msg.getClass().getSimpleName());
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void onChallenge(ChannelHandlerContext ctx, Frame.Challenge challenge) {
        if (role == LinkAuth.Role.LISTENER || theirNonce != null) {
            outOfOrder(ctx, "challenge");
            return;
        }
        theirNonce = challenge.nonce();
        ctx.writeAndFlush(new Frame.Hello(VERSION, localNode, link, auth.answer(role, localNode, link, theirNonce, myNonce)));
    }

    private void onHello(ChannelHandlerContext ctx, Frame.Hello hello) {
        if (authenticated) {
            close(ctx, "second hello");
            return;
        }
        if (role == LinkAuth.Role.DIALER && theirNonce == null) {
            outOfOrder(ctx, "hello before a challenge");
            return;
        }
        LinkAuth.Role sender = role == LinkAuth.Role.LISTENER ? LinkAuth.Role.DIALER : LinkAuth.Role.LISTENER;
        LinkAuth.Refusal why = auth.checkAnswer(hello, sender, expectedPeer, link, myNonce, theirNonce);
        if (why != null) {
            refuse(ctx, why.reason(), why.detail());
            return;
        }
        authenticated = true;
        cancelHandshakeTimer();
        if (role == LinkAuth.Role.LISTENER) {
            // Before adoption, so our Hello precedes any Data the node sends on this connection.
            byte[] dialerNonce = LinkAuth.ownNonce(hello);
            ctx.writeAndFlush(new Frame.Hello(VERSION, localNode, link, auth.answer(role, localNode, link, dialerNonce, myNonce)));
        }
        onAuthenticated.accept(ctx);
        listener.linkUp(index, hello.node());
    }

    private void outOfOrder(ChannelHandlerContext ctx, String what) {
        refuse(ctx, LinkRefusal.OUT_OF_ORDER, what + " to the " + role.name().toLowerCase(Locale.ROOT));
    }

    /** Counts the refusal once (a connection has one reason) and closes. */
    private void refuse(ChannelHandlerContext ctx, LinkRefusal reason, String why) {
        if (closing || refused) {
            return;
        }
        refused = true;
        listener.refused(index, reason, why + " from " + ctx.channel().remoteAddress());
        close(ctx, "refused: " + why);
    }

    private void cancelHandshakeTimer() {
        if (handshakeTimer != null) {
            handshakeTimer.cancel(false);
            handshakeTimer = null;
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent idle) {
            if (idle.state() == IdleState.WRITER_IDLE && authenticated) {
                ctx.writeAndFlush(new Frame.Keepalive(keepaliveSequence++, false));
            } else if (idle.state() == IdleState.READER_IDLE) {
                close(ctx, "peer silent (no frame or keepalive)");
            }
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!authenticated) {
            refuse(ctx, LinkRefusal.GARBAGE, cause.getClass().getSimpleName() + ": " + cause.getMessage());
            return;
        }
        close(ctx, cause.getClass().getSimpleName() + ": " + cause.getMessage());
    }

    private void close(ChannelHandlerContext ctx, String reason) {
        if (closing) {
            return;
        }
        closing = true;
        closeReason = reason;
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        cancelHandshakeTimer();
        if (!authenticated && !refused && !closing) {
            refused = true;
            listener.refused(index, LinkRefusal.CLOSED_BEFORE_HELLO, "peer hung up before its hello, from " + ctx.channel().remoteAddress());
        }
        if (authenticated) {
            authenticated = false;
            listener.linkDown(index, closeReason);
        }
        ctx.fireChannelInactive();
    }

    public boolean isAuthenticated() {
        return authenticated;
    }
}
