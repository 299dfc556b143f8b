package io.wanlab.server;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.TimeUnit;

/** One connection's pipeline: idle timer, TLS, handshake report, HTTP/1.1 with small limits, the answer, the guard. */
final class ServerStubInitializer extends ChannelInitializer<SocketChannel> {
    private final ServerStubConfig config;
    private final SslContext sslContext;
    private final StubListener listener;

    ServerStubInitializer(ServerStubConfig config, SslContext sslContext, StubListener listener) {
        this.config = config;
        this.sslContext = sslContext;
        this.listener = listener;
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        StubConnection connection = new StubConnection(channel, listener);
        SslHandler tls = sslContext.newHandler(channel.alloc());
        tls.setHandshakeTimeoutMillis(config.handshakeTimeout().toMillis());
        HttpDecoderConfig http = new HttpDecoderConfig()
                .setMaxInitialLineLength(4096)
                .setMaxHeaderSize(8192)
                .setMaxChunkSize(8192);
        ChannelPipeline pipeline = channel.pipeline();
        pipeline.addLast("idle", new IdleStateHandler(0, 0, config.idleTimeout().toMillis(), TimeUnit.MILLISECONDS));
        pipeline.addLast("tls", tls);
        pipeline.addLast("handshake", new HandshakeObserver(connection));
        pipeline.addLast("http", new HttpServerCodec(http));
        pipeline.addLast("aggregate", new HttpObjectAggregator(config.maxRequestBytes()));
        pipeline.addLast("hello", new HelloHandler(connection));
        pipeline.addLast("guard", new ConnectionGuard(connection));
    }
}
