package io.wanlab.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;

/**
 * Answers every GET or HEAD (any path) with 200 and a short text naming the stub, the SNI and the TLS protocol it
 * saw; other methods get 405, undecodable requests 400 and a close. Keep-alive follows the request, so curl and
 * the lab client both see a well-formed end of response.
 */
final class HelloHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    static final String BANNER = "wanlab server-stub";
    private static final int MAX_ECHO = 256;

    private final StubConnection connection;

    HelloHandler(StubConnection connection) {
        this.connection = connection;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        String uri = cut(request.uri());
        String method = cut(request.method().name());
        if (request.decoderResult().isFailure()) {
            String reason = StubConnection.describe(request.decoderResult().cause());
            respond(ctx, request, HttpResponseStatus.BAD_REQUEST, "bad request: " + reason + "\n", false);
            connection.emit(new StubEvent.Request(connection.peer(), method, uri, 400));
            return;
        }
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        HttpMethod httpMethod = request.method();
        if (!httpMethod.equals(HttpMethod.GET) && !httpMethod.equals(HttpMethod.HEAD)) {
            respond(ctx, request, HttpResponseStatus.METHOD_NOT_ALLOWED, "only GET and HEAD\n", keepAlive);
            connection.emit(new StubEvent.Request(connection.peer(), method, uri, 405));
            return;
        }
        respond(ctx, request, HttpResponseStatus.OK, body(method, uri), keepAlive);
        connection.emit(new StubEvent.Request(connection.peer(), method, uri, 200));
    }

    private String body(String method, String uri) {
        return BANNER + "\n"
                + "sni: " + (connection.sni().isEmpty() ? "(none)" : connection.sni()) + "\n"
                + "protocol: " + connection.protocol() + "\n"
                + "cipher: " + connection.cipher() + "\n"
                + "request: " + method + " " + uri + "\n";
    }

    private static void respond(ChannelHandlerContext ctx, FullHttpRequest request, HttpResponseStatus status,
                                String text, boolean keepAlive) {
        int length = ByteBufUtil.utf8Bytes(text);
        ByteBuf content = request.method().equals(HttpMethod.HEAD) ? Unpooled.EMPTY_BUFFER : ByteBufUtil.writeUtf8(ctx.alloc(), text);
        HttpVersion version = request.protocolVersion().equals(HttpVersion.HTTP_1_0) ? HttpVersion.HTTP_1_0 : HttpVersion.HTTP_1_1;
        FullHttpResponse response = new DefaultFullHttpResponse(version, status, content);
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.TEXT_PLAIN + "; charset=utf-8")
                .set(HttpHeaderNames.CONTENT_LENGTH, length)
                .set(HttpHeaderNames.SERVER, "wanlab-server-stub");
        if (status.equals(HttpResponseStatus.METHOD_NOT_ALLOWED)) {
            response.headers().set(HttpHeaderNames.ALLOW, "GET, HEAD");
        }
        HttpUtil.setKeepAlive(response, keepAlive);
        ChannelFuture written = ctx.writeAndFlush(response);
        if (!keepAlive) {
            written.addListener(ChannelFutureListener.CLOSE);
        }
    }

    /** Request lines come from the client: echo a bounded, printable prefix only. */
    private static String cut(String text) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_ECHO));
        for (int i = 0; i < text.length() && out.length() < MAX_ECHO; i++) {
            char c = text.charAt(i);
            out.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return out.toString();
    }
}
