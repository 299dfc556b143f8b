package io.wanlab.pop;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.handler.ssl.SniCompletionEvent;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import io.wanlab.core.net.Ipv4;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * The proxy's client leg (Netty's HexDumpProxyFrontendHandler pattern): the PoP's kernel has
 * completed the client's handshake. The server leg opens only when the client's first payload
 * arrives (the ClientHello), bound transparently to the client's address; then bytes are
 * relayed both ways, reading the next chunk only after the previous write succeeded. A client
 * leg that sends nothing is closed after the half-open idle time.
 */
final class ProxyFrontendHandler extends ChannelInboundHandlerAdapter {
    private final TcpProxy proxy;
    private ProxyConnection conn;
    private Channel serverLeg;
    private ScheduledFuture<?> idle;
    private boolean connecting;
    /** The client's SNI when TLS is inspected (terminated here); null when bytes are relayed as they are. */
    private String sni;

    ProxyFrontendHandler(TcpProxy proxy) {
        this.proxy = proxy;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        conn = new ProxyConnection(ctx.channel(), proxy.events(), proxy.tlsInspection());
        proxy.track(ctx.channel());
        conn.report("client", "established", "the PoP's kernel completed the client's TCP handshake (the server has seen nothing)");
        long idleMillis = proxy.halfOpenIdle().toMillis();
        idle = ctx.executor().schedule(() -> {
            conn.report("client", "closed", "no payload within " + idleMillis + " ms: half-open client leg closed");
            ctx.close();
        }, idleMillis, TimeUnit.MILLISECONDS);
        ctx.read();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof SniCompletionEvent s) {
            // The ClientHello arrived: it is the client's first payload, so the leg is no longer half-open.
            idle.cancel(false);
            sni = s.hostname();
        } else if (evt instanceof SslHandshakeCompletionEvent h) {
            if (!h.isSuccess()) {
                conn.report("client", "closed", "TLS inspection: the client's handshake failed: " + h.cause().getMessage());
                ctx.close();
                return;
            }
            // Terminated: the request comes next, decrypted.
            ctx.read();
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (serverLeg != null && serverLeg.isActive()) {
            relay(ctx, msg);
            return;
        }
        if (connecting) {
            // AUTO_READ is off and we read once: a second chunk before connect cannot arrive.
            ReferenceCountUtil.release(msg);
            return;
        }
        idle.cancel(false);
        connecting = true;
        openServerLeg(ctx, msg);
    }

    private void openServerLeg(ChannelHandlerContext ctx, Object first) {
        Channel clientLeg = ctx.channel();
        TlsInspector inspector = proxy.inspector();
        boolean inspect = inspector != null && clientLeg.pipeline().get(SslHandler.class) != null;
        String inspected = inspect ? Inspection.describe(sni, first) : null;
        Bootstrap b = new Bootstrap().group(clientLeg.eventLoop()).channel(EpollSocketChannel.class)
                .option(EpollChannelOption.IP_TRANSPARENT, true)
                .option(ChannelOption.AUTO_READ, false)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 5000)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        if (inspect) {
                            String host = sni != null ? sni : conn.server.getAddress().getHostAddress();
                            ch.pipeline().addLast(inspector.upstream().newHandler(ch.alloc(), host, conn.server.getPort()));
                        }
                        ch.pipeline().addLast(new ProxyBackendHandler(clientLeg, conn));
                    }
                });
        ChannelFuture reg = b.register();
        serverLeg = reg.channel();
        reg.addListener(r -> {
            if (!r.isSuccess()) {
                failed(ctx, first, "server leg: " + r.cause());
                return;
            }
            serverLeg.bind(new InetSocketAddress(conn.client.getAddress(), 0)).addListener((ChannelFuture bound) -> {
                if (!bound.isSuccess()) {
                    failed(ctx, first, "server leg bind to the client's address: " + bound.cause());
                    return;
                }
                InetSocketAddress local = (InetSocketAddress) serverLeg.localAddress();
                proxy.steering().registerServerLeg(Ipv4.parse(local.getAddress().getHostAddress()), local.getPort(),
                        Ipv4.parse(conn.server.getAddress().getHostAddress()), conn.server.getPort());
                serverLeg.connect(conn.server).addListener((ChannelFuture connected) -> {
                    if (!connected.isSuccess()) {
                        failed(ctx, first, "server leg connect: " + connected.cause());
                        return;
                    }
                    String from = "from " + local.getAddress().getHostAddress() + ":" + local.getPort();
                    if (!inspect) {
                        conn.report("server", "opened", "on the client's first payload (" + readable(first) + " bytes), " + from);
                        proxy.track(serverLeg);
                        relay(ctx, first);
                        serverLeg.read();
                        return;
                    }
                    serverLeg.pipeline().get(SslHandler.class).handshakeFuture().addListener(hs -> {
                        if (!hs.isSuccess()) {
                            failed(ctx, first, "server leg TLS to " + conn.server + ": " + hs.cause().getMessage());
                            return;
                        }
                        conn.report("server", "opened", "TLS inspection: client TLS terminated, " + inspected
                                + "; new TLS to the server, " + from);
                        proxy.track(serverLeg);
                        relay(ctx, first);
                        serverLeg.read();
                    });
                });
            });
        });
    }

    private static int readable(Object msg) {
        return msg instanceof io.netty.buffer.ByteBuf b ? b.readableBytes() : 0;
    }

    private void failed(ChannelHandlerContext ctx, Object first, String why) {
        ReferenceCountUtil.release(first);
        conn.report("server", "closed", why);
        conn.report("client", "closed", "server leg failed");
        ctx.close();
        if (serverLeg != null) {
            serverLeg.close();
        }
    }

    private void relay(ChannelHandlerContext ctx, Object msg) {
        serverLeg.writeAndFlush(msg).addListener((ChannelFuture f) -> {
            if (f.isSuccess()) {
                ctx.channel().read();
            } else {
                conn.report("server", "closed", "write to server failed: " + f.cause());
                f.channel().close();
                closeOnFlush(ctx.channel());
            }
        });
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (idle != null) {
            idle.cancel(false);
        }
        conn.report("client", "closed", "client leg closed" + (serverLeg == null ? " before any payload: no server leg was opened" : ""));
        if (serverLeg != null) {
            closeOnFlush(serverLeg);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        conn.report("client", "closed", "client leg error: " + cause.getMessage());
        closeOnFlush(ctx.channel());
    }

    static void closeOnFlush(Channel ch) {
        if (ch.isActive()) {
            ch.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        }
    }
}
