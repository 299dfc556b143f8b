package io.wanlab.bench.client;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.ReferenceCountUtil;
import java.nio.channels.ClosedChannelException;
import javax.net.ssl.SSLSession;

/**
 * Drives one exchange above TLS and HTTP: sends the GET once the handshake completes, follows the response, and turns
 * every way the connection can end into one {@link ClientExchange} decision. The key distinction is a reset (the
 * socket error recorded below TLS) versus a clean close (no socket error): both look like "closed" to TLS.
 */
final class ClientExchangeHandler extends ChannelInboundHandlerAdapter {
    private final ClientExchange exchange;
    private final ClientRequest request;

    ClientExchangeHandler(ClientExchange exchange, ClientRequest request) {
        this.exchange = exchange;
        this.request = request;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof SslHandshakeCompletionEvent completion) {
            if (completion.isSuccess()) {
                SSLSession session = ctx.pipeline().get(SslHandler.class).engine().getSession();
                exchange.handshakeSucceeded(session.getProtocol(), session.getCipherSuite());
                sendRequest(ctx);
            } else {
                handshakeFailed(ctx, completion.cause());
            }
        }
        ctx.fireUserEventTriggered(event);
    }

    private void handshakeFailed(ChannelHandlerContext ctx, Throwable cause) {
        Throwable io = exchange.ioError();
        if (io != null && OutcomeClassifier.isReset(io)) {
            exchange.finish(Outcome.RESET_DURING_HANDSHAKE, OutcomeClassifier.detail(io));
        } else if (cause instanceof ClosedChannelException || !ctx.channel().isActive()) {
            exchange.finish(Outcome.OTHER_ERROR,
                    "connection closed by the server during the TLS handshake (a FIN: no alert, no reset)");
        } else {
            exchange.fail(cause);
        }
        ctx.close();
    }

    private void sendRequest(ChannelHandlerContext ctx) {
        FullHttpRequest get = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, request.target(),
                Unpooled.EMPTY_BUFFER);
        get.headers()
                .set(HttpHeaderNames.HOST, request.hostHeader())
                .set(HttpHeaderNames.USER_AGENT, "wanlab-client")
                .set(HttpHeaderNames.ACCEPT, "*/*")
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        ctx.writeAndFlush(get).addListener(future -> {
            if (!future.isSuccess()) {
                exchange.recordIoError(future.cause());
                exchange.fail(exchange.ioError() != null ? exchange.ioError() : future.cause());
                ctx.close();
            }
        });
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (exchange.done() || !(msg instanceof HttpObject object)) {
                return;
            }
            if (object.decoderResult().isFailure()) {
                responseBroken(ctx, "malformed or cut HTTP response: " + OutcomeClassifier.detail(object.decoderResult().cause()));
                return;
            }
            if (object instanceof HttpResponse response) {
                exchange.responseStarted(response.status().code());
            }
            if (object instanceof HttpContent content) {
                exchange.bodyReceived(content.content());
            }
            if (object instanceof LastHttpContent) {
                exchange.succeed();
                ctx.close();
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        exchange.fail(cause);
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (!exchange.done()) {
            responseBroken(ctx, exchange.handshakeDone()
                    ? "connection closed by the server before a complete response (a FIN after "
                            + exchange.bytes() + " body bytes" + (exchange.status() < 0 ? ", no status line)" : ")")
                    : "connection closed during the TLS handshake");
        }
        ctx.fireChannelInactive();
    }

    /** The response cannot complete: a reset if the socket said so, otherwise the reason given. */
    private void responseBroken(ChannelHandlerContext ctx, String reason) {
        Throwable io = exchange.ioError();
        if (io != null && OutcomeClassifier.isReset(io)) {
            exchange.fail(io);
        } else {
            exchange.finish(Outcome.OTHER_ERROR, reason);
        }
        ctx.close();
    }
}
