package io.wanlab.server;

import static java.util.Objects.requireNonNull;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.wanlab.server.ca.IssuedCertificate;
import io.wanlab.server.ca.LabCa;
import io.wanlab.server.ca.TlsContexts;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;

/**
 * The lab's TLS server: listens on {@link ServerStubConfig#bind()}, presents a lab-CA certificate for the configured
 * names, and answers HTTP/1.1 (see {@link HelloHandler}). Every handshake, request and failure goes to the
 * {@link StubListener}.
 *
 * <p>{@link #start()} and {@link #close()} may be called from any thread; the connections live on the stub's own
 * event loops.
 */
public final class ServerStub implements AutoCloseable {
    private final ServerStubConfig config;
    private final IssuedCertificate certificate;
    private final StubListener listener;
    private EventLoopGroup group;
    private Channel serverChannel;
    private boolean closed;

    /** A stub whose certificate the CA issues now, for the config's names. */
    public ServerStub(ServerStubConfig config, LabCa ca, StubListener listener) {
        this(config, requireNonNull(ca, "ca").issue(requireNonNull(config, "config").subjectNames()), listener);
    }

    public ServerStub(ServerStubConfig config, IssuedCertificate certificate, StubListener listener) {
        this.config = requireNonNull(config, "config");
        this.certificate = requireNonNull(certificate, "certificate");
        this.listener = requireNonNull(listener, "listener");
    }

    /** Binds and starts serving; returns the bound address (with the real port when the config asked for 0). */
    public synchronized InetSocketAddress start() throws IOException {
        if (closed || group != null) {
            throw new IllegalStateException("server-stub: start() called twice or after close() (expected: once)");
        }
        SslContext sslContext;
        try {
            sslContext = TlsContexts.server(certificate, config.versions());
        } catch (SSLException e) {
            throw new IOException("server-stub: TLS context for " + config.serverNames() + " failed: " + e.getMessage(), e);
        }
        group = new MultiThreadIoEventLoopGroup(config.ioThreads(), new DefaultThreadFactory("wanlab-stub", true),
                NioIoHandler.newFactory());
        ChannelFuture bound = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 128)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ServerStubInitializer(config, sslContext, listener))
                .bind(config.bind())
                .awaitUninterruptibly();
        if (!bound.isSuccess()) {
            shutdownGroup();
            Throwable cause = bound.cause();
            throw new IOException("server-stub: cannot listen on " + config.bind() + ": " + cause.getMessage(), cause);
        }
        serverChannel = bound.channel();
        return address();
    }

    /** The bound address; only after {@link #start()}. */
    public synchronized InetSocketAddress address() {
        if (serverChannel == null) {
            throw new IllegalStateException("server-stub: not started (expected: start() first)");
        }
        return (InetSocketAddress) serverChannel.localAddress();
    }

    public ServerStubConfig config() {
        return config;
    }

    /** The leaf the stub presents, e.g. to write it next to ca.pem for openssl s_client. */
    public IssuedCertificate certificate() {
        return certificate;
    }

    /** Stops listening, closes every connection and waits (a few seconds at most) for the threads to end. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (serverChannel != null) {
            serverChannel.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        }
        shutdownGroup();
    }

    private void shutdownGroup() {
        if (group != null) {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
    }
}
