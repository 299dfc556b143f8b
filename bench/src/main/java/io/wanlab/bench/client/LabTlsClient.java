package io.wanlab.bench.client;

import static java.util.Objects.requireNonNull;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.NetUtil;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import io.netty.util.concurrent.ScheduledFuture;
import io.wanlab.server.ca.TlsContexts;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;

/**
 * The lab's TLS client: one HTTPS GET per {@link #fetch}, trusting only the request's CA, sending SNI for the URL's
 * host while connecting wherever {@code --resolve} says, and classifying how the exchange ended ({@link Outcome}).
 *
 * <p>Owns one event loop thread; any thread may call {@link #fetch} (several at once is fine). Name lookup for a URL
 * without a connect address happens on the calling thread, outside the timeout.
 */
public final class LabTlsClient implements AutoCloseable {
    private final ClientTransport transport;
    private final EventLoopGroup group;

    /** A client on the best transport available: epoll on Linux, otherwise NIO. */
    public LabTlsClient() {
        this(ClientTransport.best());
    }

    public LabTlsClient(ClientTransport transport) {
        this.transport = requireNonNull(transport, "transport");
        if (!transport.available()) {
            throw new IllegalArgumentException("transport: " + transport + " is not available here (expected: NIO, or EPOLL on Linux)");
        }
        this.group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("wanlab-client", true),
                transport.ioHandlerFactory());
    }

    public ClientTransport transport() {
        return transport;
    }

    /** Runs the exchange and waits for its result; never throws for network or TLS trouble, which is the result. */
    public ClientResult fetch(ClientRequest request) {
        long start = System.nanoTime();
        Future<ClientResult> result = fetchAsync(request);
        try {
            // The event loop enforces the timeout; the margin only guards against a stuck loop.
            return result.get(request.timeout().toMillis() + 2000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ClientResult.failure(Outcome.OTHER_ERROR, "interrupted", elapsedMillis(start));
        } catch (TimeoutException e) {
            return ClientResult.failure(Outcome.TIMEOUT, "no result within " + request.timeout().toMillis()
                    + " ms (client event loop stuck)", elapsedMillis(start));
        } catch (ExecutionException e) {
            return ClientResult.failure(Outcome.OTHER_ERROR, OutcomeClassifier.detail(e.getCause()), elapsedMillis(start));
        }
    }

    /** Starts the exchange; the future always succeeds, with the classified result. */
    public Future<ClientResult> fetchAsync(ClientRequest request) {
        requireNonNull(request, "request");
        long start = System.nanoTime();
        EventLoop loop = group.next();
        Promise<ClientResult> promise = loop.newPromise();
        InetAddress address;
        try {
            address = request.connectAddress().isPresent() ? request.connectAddress().get() : InetAddress.getByName(request.host());
        } catch (UnknownHostException e) {
            return promise.setSuccess(ClientResult.failure(Outcome.OTHER_ERROR,
                    "unknown host " + request.host() + " (no address; --resolve gives one)", elapsedMillis(start)));
        }
        SNIHostName sni = null;
        if (!NetUtil.isValidIpV4Address(request.host()) && !NetUtil.isValidIpV6Address(request.host())) {
            try {
                sni = new SNIHostName(request.host());
            } catch (IllegalArgumentException e) {
                return promise.setSuccess(ClientResult.failure(Outcome.OTHER_ERROR,
                        "host " + request.host() + " cannot be sent as SNI (" + e.getMessage() + ")", elapsedMillis(start)));
            }
        }
        SNIHostName serverName = sni;
        ClientExchange exchange = new ClientExchange(start, promise);
        SslContext sslContext;
        try {
            sslContext = TlsContexts.client(new IssuerRecordingTrustManager(request.trusted(), exchange::certificateIssuer),
                    request.versions());
        } catch (SSLException | java.security.GeneralSecurityException | IllegalArgumentException e) {
            return promise.setSuccess(ClientResult.failure(Outcome.OTHER_ERROR,
                    "TLS client setup: " + OutcomeClassifier.detail(e), elapsedMillis(start)));
        }
        long connectMillis = Math.min(request.connectTimeout().toMillis(), request.timeout().toMillis());
        ChannelFuture connect = new Bootstrap()
                .group(loop)
                .channel(transport.channelClass())
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.max(1, connectMillis))
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channel.pipeline().addLast("io-errors", new IoErrorRecorder(exchange));
                        channel.pipeline().addLast("tls", tlsHandler(sslContext, channel, request, serverName));
                        channel.pipeline().addLast("http", new HttpClientCodec());
                        channel.pipeline().addLast("exchange", new ClientExchangeHandler(exchange, request));
                    }
                })
                .connect(new InetSocketAddress(address, request.port()));
        Channel channel = connect.channel();
        connect.addListener(future -> {
            if (!future.isSuccess()) {
                exchange.finish(OutcomeClassifier.classifyConnect(future.cause()), OutcomeClassifier.detail(future.cause()));
            }
        });
        ScheduledFuture<?> timer = loop.schedule(() -> {
            exchange.finish(Outcome.TIMEOUT, "nothing decided within " + request.timeout().toMillis() + " ms, "
                    + phase(connect, exchange));
            channel.close();
        }, request.timeout().toMillis(), TimeUnit.MILLISECONDS);
        promise.addListener(done -> {
            timer.cancel(false);
            channel.close();
        });
        return promise;
    }

    /** TLS for the URL's host: name checked against the certificate, SNI sent unless the host is an IP literal. */
    private static SslHandler tlsHandler(SslContext context, SocketChannel channel, ClientRequest request, SNIHostName sni) {
        SslHandler tls = context.newHandler(channel.alloc(), request.host(), request.port());
        // The exchange's own timeout covers the handshake; a second, shorter timer would only muddle the outcome.
        tls.setHandshakeTimeoutMillis(0);
        if (sni != null) {
            // The JDK only sends SNI for names it likes (with a dot, say); the lab wants it for every host name.
            SSLEngine engine = tls.engine();
            SSLParameters parameters = engine.getSSLParameters();
            parameters.setServerNames(List.of(sni));
            engine.setSSLParameters(parameters);
        }
        return tls;
    }

    private static String phase(ChannelFuture connect, ClientExchange exchange) {
        if (!connect.isDone()) {
            return "while connecting";
        }
        if (!exchange.handshakeDone()) {
            return "during the TLS handshake";
        }
        return exchange.status() < 0 ? "waiting for the response" : "while reading the response body";
    }

    private static long elapsedMillis(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    /** Ends the event loop, abandoning exchanges still running; waits a few seconds at most. */
    @Override
    public void close() {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
