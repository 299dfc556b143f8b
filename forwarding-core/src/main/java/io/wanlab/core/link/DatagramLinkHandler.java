package io.wanlab.core.link;

import static java.util.Objects.requireNonNull;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import io.wanlab.core.lab.LinkKeepalive;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A link over UDP: one frame per datagram on a connected datagram channel. There is no
 * connection to lose or refuse, so the handshake is soft state: each side sends its Hello every
 * {@link #HELLO_MILLIS} until the peer proves it accepted it (a keepalive or data, which a peer
 * sends only once authenticated), and never answers a Hello with a Hello (no ping-pong). A valid
 * Hello while up means the peer restarted: Hellos resume. Keepalives go out every second while
 * up (the link's {@link LinkKeepalive} interval); a peer silent for as many intervals as it allows misses is declared gone and the handshake starts over.
 * Datagrams that do not decode, or come before the handshake, are dropped and counted by reason
 * ({@link DatagramDrops}, the link's {@code datagram-drops} in status); the
 * channel stays open. One per channel, on its event loop.
 */
public final class DatagramLinkHandler extends ChannelDuplexHandler {
    static final long HELLO_MILLIS = 200;
    static final long KEEPALIVE_MILLIS = 1000;
    static final long SILENT_MILLIS = 5000;

    private final int index;
    private final String localNode;
    private final String link;
    private final String expectedPeer;
    private final LinkAuth auth;
    private final LinkListener listener;
    private final Consumer<ChannelHandlerContext> onAuthenticated;
    private final int maxBodyLength;
    private final long keepaliveMillis;
    private final long silentMillis;
    private final long tickMillis;
    private boolean authenticated;
    private boolean confirmed;
    private long lastHeardNanos;
    private long keepaliveSequence;
    private final DatagramDrops drops;
    private ScheduledFuture<?> timer;

    public DatagramLinkHandler(int index, String localNode, String link, String expectedPeer, LinkAuth auth,
            LinkListener listener, Consumer<ChannelHandlerContext> onAuthenticated, int maxBodyLength) {
        this(index, localNode, link, expectedPeer, auth, listener, onAuthenticated, maxBodyLength,
                new LinkKeepalive(KEEPALIVE_MILLIS, (int) (SILENT_MILLIS / KEEPALIVE_MILLIS)), new DatagramDrops());
    }

    public DatagramLinkHandler(int index, String localNode, String link, String expectedPeer, LinkAuth auth,
            LinkListener listener, Consumer<ChannelHandlerContext> onAuthenticated, int maxBodyLength, LinkKeepalive keepalive,
            DatagramDrops drops) {
        this.index = index;
        this.drops = requireNonNull(drops, "drops");
        this.localNode = requireNonNull(localNode, "localNode");
        this.link = requireNonNull(link, "link");
        this.expectedPeer = requireNonNull(expectedPeer, "expectedPeer");
        this.auth = requireNonNull(auth, "auth");
        this.listener = requireNonNull(listener, "listener");
        this.onAuthenticated = requireNonNull(onAuthenticated, "onAuthenticated");
        this.maxBodyLength = maxBodyLength;
        this.keepaliveMillis = keepalive.intervalMillis();
        this.silentMillis = keepalive.silentMillis();
        // Silence is checked on the tick: a tick of a quarter interval declares it down at most that late.
        this.tickMillis = Math.min(HELLO_MILLIS, Math.max(10, keepaliveMillis / 4));
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        sendHello(ctx);
        timer = ctx.executor().scheduleAtFixedRate(() -> tick(ctx), tickMillis, tickMillis, TimeUnit.MILLISECONDS);
        ctx.fireChannelActive();
    }

    private long lastKeepaliveNanos;

    private void tick(ChannelHandlerContext ctx) {
        long now = System.nanoTime();
        if (authenticated && now - lastHeardNanos > TimeUnit.MILLISECONDS.toNanos(silentMillis)) {
            down("peer silent for " + silentMillis + " ms");
        }
        if (!authenticated || !confirmed) {
            sendHello(ctx);
        }
        if (authenticated && now - lastKeepaliveNanos >= TimeUnit.MILLISECONDS.toNanos(keepaliveMillis)) {
            lastKeepaliveNanos = now;
            ctx.channel().writeAndFlush(new Frame.Keepalive(keepaliveSequence++, false));
        }
    }

    private void sendHello(ChannelHandlerContext ctx) {
        // Through the whole pipeline (not ctx.write), so that this handler encodes it.
        ctx.channel().writeAndFlush(new Frame.Hello(LinkHandler.VERSION, localNode, link, auth.tag(localNode, link)));
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof DatagramPacket packet)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        Frame frame;
        try {
            frame = DatagramFrameCodec.decode(packet.content(), maxBodyLength);
        } catch (FrameException e) {
            drops.count(DatagramDrops.Reason.UNDECODABLE);
            return;
        } finally {
            packet.release();
        }
        try {
            switch (frame) {
                case Frame.Hello hello -> onHello(ctx, hello);
                case Frame.Data data -> {
                    if (!authenticated) {
                        drops.count(DatagramDrops.Reason.BEFORE_HANDSHAKE);
                        return;
                    }
                    heard(true);
                    listener.packets(index, data);
                }
                case Frame.Challenge c -> drops.count(DatagramDrops.Reason.UNEXPECTED_FRAME); // TCP's handshake only; see docs/FRAMING.md
                case Frame.Keepalive k -> {
                    if (authenticated) {
                        heard(true);
                    } else {
                        drops.count(DatagramDrops.Reason.BEFORE_HANDSHAKE);
                    }
                }
            }
        } finally {
            ReferenceCountUtil.release(frame);
        }
    }

    private void onHello(ChannelHandlerContext ctx, Frame.Hello hello) {
        LinkAuth.Refusal why = auth.check(hello, expectedPeer, link);
        if (why != null) {
            listener.refused(index, why.reason(), why.detail() + " from " + ctx.channel().remoteAddress());
            return;
        }
        heard(false);
        if (authenticated) {
            // The peer is (re)starting its handshake: it needs our Hello again.
            confirmed = false;
            return;
        }
        authenticated = true;
        lastKeepaliveNanos = 0;
        onAuthenticated.accept(ctx);
        listener.linkUp(index, hello.node());
    }

    private void heard(boolean provesPeerAcceptedUs) {
        lastHeardNanos = System.nanoTime();
        if (provesPeerAcceptedUs) {
            confirmed = true;
        }
    }

    private void down(String reason) {
        authenticated = false;
        confirmed = false;
        listener.linkDown(index, reason);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (!(msg instanceof Frame frame)) {
            ctx.write(msg, promise);
            return;
        }
        ByteBuf datagram;
        try {
            datagram = DatagramFrameCodec.encode(ctx.alloc(), frame, maxBodyLength);
        } catch (RuntimeException e) {
            drops.count(DatagramDrops.Reason.UNENCODABLE);
            promise.tryFailure(e);
            return;
        } finally {
            ReferenceCountUtil.release(frame);
        }
        ctx.write(datagram, promise);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // ICMP port unreachable while the peer is not up yet surfaces here: the handshake retries.
        drops.count(DatagramDrops.Reason.SOCKET_ERROR);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (timer != null) {
            timer.cancel(false);
        }
        if (authenticated) {
            down("channel closed");
        }
        ctx.fireChannelInactive();
    }

    public boolean isAuthenticated() {
        return authenticated;
    }

    public DatagramDrops drops() {
        return drops;
    }
}
