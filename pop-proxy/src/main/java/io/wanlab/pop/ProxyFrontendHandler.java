package io.wanlab.pop;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.ssl.SniCompletionEvent;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * The proxy's client leg (Netty's HexDumpProxyFrontendHandler pattern): the PoP's kernel has
 * completed the client's handshake. The server leg opens only when the client's first payload
 * arrives (the ClientHello), bound transparently to the client's address; what arrives while it
 * connects is queued, in order and bounded, and nothing more is read until the queue is written;
 * then bytes are relayed both ways, reading the next chunk only after the previous write succeeded. A client
 * leg that sends nothing is closed after the half-open idle time.
 */
final class ProxyFrontendHandler extends ChannelInboundHandlerAdapter {
    /** What may wait for the server leg: a few reads' worth (one TLS read decrypts to at most a few 16 KiB records). */
    static final int MAX_PENDING_BYTES = 256 * 1024;
    private final TcpProxy proxy;
    private ProxyConnection conn;
    private Channel serverLeg;
    private ScheduledFuture<?> idle;
    /** Chunks that arrived before the server leg was up, in order; bounded by {@link #MAX_PENDING_BYTES}. */
    private final ArrayDeque<Object> pending = new ArrayDeque<>();
    private int pendingBytes;
    /** The server leg is up and the queue written: chunks go straight through. */
    private boolean relaying;
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
        if (relaying) {
            relay(ctx, msg);
            return;
        }
        // Before the server leg is up, every chunk waits in order: with TLS inspection one read
        // can decrypt into several records, and a body can follow its headers at once.
        pending.add(msg);
        pendingBytes += readable(msg);
        if (pendingBytes > MAX_PENDING_BYTES) {
            conn.report("client", "closed", "more than " + MAX_PENDING_BYTES + " bytes before the server leg was up");
            releasePending();
            ctx.close();
            if (serverLeg != null) {
                serverLeg.close();
            }
            return;
        }
        if (serverLeg == null) {
            idle.cancel(false);
            openServerLeg(ctx);
        }
        // No read is requested while connecting: the client waits (backpressure) until the queue is written.
    }

    private void openServerLeg(ChannelHandlerContext ctx) {
        Channel clientLeg = ctx.channel();
        TlsInspector inspector = proxy.inspector();
        boolean inspect = inspector != null && clientLeg.pipeline().get(SslHandler.class) != null;
        String inspected = inspect ? Inspection.describe(sni, pending.peekFirst()) : null;
        int firstBytes = readable(pending.peekFirst());
        ChannelFuture connecting = proxy.serverLegs().open(clientLeg, conn, new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
                if (inspect) {
                    String host = sni != null ? sni : conn.server.getAddress().getHostAddress();
                    ch.pipeline().addLast(inspector.upstream().newHandler(ch.alloc(), host, conn.server.getPort()));
                }
                ch.pipeline().addLast(new ProxyBackendHandler(clientLeg, conn));
            }
        });
        serverLeg = connecting.channel();
        connecting.addListener((ChannelFuture connected) -> {
            if (!connected.isSuccess()) {
                failed(ctx, connected.cause().getMessage());
                return;
            }
            InetSocketAddress local = (InetSocketAddress) serverLeg.localAddress();
            String from = "from " + local.getAddress().getHostAddress() + ":" + local.getPort();
            if (!inspect) {
                conn.report("server", "opened", "on the client's first payload (" + firstBytes + " bytes), " + from);
                startRelay(ctx);
                return;
            }
            serverLeg.pipeline().get(SslHandler.class).handshakeFuture().addListener(hs -> {
                if (!hs.isSuccess()) {
                    failed(ctx, "server leg TLS to " + conn.server + ": " + hs.cause().getMessage());
                    return;
                }
                conn.report("server", "opened", "TLS inspection: client TLS terminated, " + inspected
                        + "; new TLS to the server, " + from);
                startRelay(ctx);
            });
        });
    }

    /** The server leg is up: write what waited, in order, and read on once it is written. */
    private void startRelay(ChannelHandlerContext ctx) {
        proxy.track(serverLeg);
        relaying = true;
        ChannelFuture last = null;
        while (!pending.isEmpty()) {
            last = serverLeg.write(pending.poll());
        }
        pendingBytes = 0;
        serverLeg.flush();
        serverLeg.read();
        if (last == null) {
            ctx.channel().read();
            return;
        }
        last.addListener((ChannelFuture f) -> afterWrite(ctx, f));
    }

    private static int readable(Object msg) {
        return msg instanceof io.netty.buffer.ByteBuf b ? b.readableBytes() : 0;
    }

    private void releasePending() {
        while (!pending.isEmpty()) {
            ReferenceCountUtil.release(pending.poll());
        }
        pendingBytes = 0;
    }

    private void failed(ChannelHandlerContext ctx, String why) {
        releasePending();
        conn.report("server", "closed", why);
        conn.report("client", "closed", "server leg failed");
        ctx.close();
        if (serverLeg != null) {
            serverLeg.close();
        }
    }

    private void relay(ChannelHandlerContext ctx, Object msg) {
        serverLeg.writeAndFlush(msg).addListener((ChannelFuture f) -> afterWrite(ctx, f));
    }

    private void afterWrite(ChannelHandlerContext ctx, ChannelFuture f) {
        if (f.isSuccess()) {
            ctx.channel().read();
        } else {
            conn.report("server", "closed", "write to server failed: " + f.cause());
            f.channel().close();
            closeOnFlush(ctx.channel());
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (idle != null) {
            idle.cancel(false);
        }
        releasePending();
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
