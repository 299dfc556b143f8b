package io.wanlab.server;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;
import java.nio.channels.ClosedChannelException;

/**
 * The last handler: reports any exception that reached the end of the pipeline and closes the connection, and
 * closes keep-alive connections that went idle. A stub never lets one client's bytes affect another's.
 */
final class ConnectionGuard extends ChannelInboundHandlerAdapter {
    private final StubConnection connection;

    ConnectionGuard(StubConnection connection) {
        this.connection = connection;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        connection.exceptionCaught(cause);
        ctx.close();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof IdleStateEvent) {
            ctx.close();
            return;
        }
        ctx.fireUserEventTriggered(event);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (!connection.handshakeDone()) {
            // A client that closed before finishing the handshake: the SslHandler usually said so already.
            connection.handshakeFailed(new ClosedChannelException());
        }
        ctx.fireChannelInactive();
    }
}
