package io.wanlab.pop;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/** The proxy's server leg: relays the server's bytes to the client leg, one chunk per successful write. */
final class ProxyBackendHandler extends ChannelInboundHandlerAdapter {
    private final Channel clientLeg;
    private final ProxyConnection conn;

    ProxyBackendHandler(Channel clientLeg, ProxyConnection conn) {
        this.clientLeg = clientLeg;
        this.conn = conn;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        clientLeg.writeAndFlush(msg).addListener((ChannelFuture f) -> {
            if (f.isSuccess()) {
                ctx.channel().read();
            } else {
                f.channel().close();
                ctx.close();
            }
        });
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        conn.report("server", "closed", "server leg closed");
        ProxyFrontendHandler.closeOnFlush(clientLeg);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        conn.report("server", "closed", "server leg error: " + cause.getMessage());
        ProxyFrontendHandler.closeOnFlush(ctx.channel());
    }
}
