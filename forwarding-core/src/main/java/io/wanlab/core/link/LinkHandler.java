package io.wanlab.core.link;

import static java.util.Objects.requireNonNull;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import java.util.function.Consumer;

/**
 * One link connection after framing: both sides send a Hello at once; frames before a valid
 * Hello from the expected peer close the connection. Keepalives go out when the link is quiet
 * for writes; a peer silent for reads is declared gone. One per channel, on its event loop.
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
    private boolean authenticated;
    /** Set once this handler closes the channel: frames already decoded in the same read are dropped. */
    private boolean closing;
    private String closeReason = "connection closed";
    private long keepaliveSequence;

    public LinkHandler(int index, String localNode, String link, String expectedPeer, LinkAuth auth, LinkListener listener,
            Consumer<ChannelHandlerContext> onAuthenticated) {
        this.index = index;
        this.localNode = requireNonNull(localNode, "localNode");
        this.link = requireNonNull(link, "link");
        this.expectedPeer = requireNonNull(expectedPeer, "expectedPeer");
        this.auth = requireNonNull(auth, "auth");
        this.listener = requireNonNull(listener, "listener");
        this.onAuthenticated = requireNonNull(onAuthenticated, "onAuthenticated");
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        ctx.writeAndFlush(new Frame.Hello(VERSION, localNode, link, auth.tag(localNode, link)));
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (closing) {
                return;
            }
            switch (msg) {
                case Frame.Hello hello -> onHello(ctx, hello);
                case Frame.Data data -> {
                    if (!authenticated) {
                        close(ctx, "data before a valid hello");
                        return;
                    }
                    listener.packets(index, data);
                }
                case Frame.Keepalive k -> {
                    if (!authenticated) {
                        // Keepalives reset the reader-idle timer: a peer that never says hello must not hold the connection.
                        close(ctx, "keepalive before a valid hello");
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

    private void onHello(ChannelHandlerContext ctx, Frame.Hello hello) {
        if (authenticated) {
            close(ctx, "second hello");
            return;
        }
        if (hello.version() != VERSION) {
            refuse(ctx, "hello version " + hello.version() + " (expected: " + VERSION + ")");
            return;
        }
        String why = auth.refuse(hello, expectedPeer, link);
        if (why != null) {
            refuse(ctx, why);
            return;
        }
        authenticated = true;
        onAuthenticated.accept(ctx);
        listener.linkUp(index, hello.node());
    }

    private void refuse(ChannelHandlerContext ctx, String why) {
        listener.refused(index, why + " from " + ctx.channel().remoteAddress());
        close(ctx, "refused: " + why);
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
