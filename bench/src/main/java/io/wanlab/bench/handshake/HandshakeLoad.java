package io.wanlab.bench.handshake;

import static java.util.Objects.requireNonNull;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.ssl.OpenSslSessionContext;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.wanlab.bench.client.ClientTransport;
import io.wanlab.server.ca.TlsContexts;
import io.wanlab.server.ca.TlsProvider;
import io.wanlab.server.ca.TlsVersion;
import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import javax.net.ssl.SSLSession;

/**
 * The load generator of {@code bench handshakes}: keeps {@code concurrency} HTTPS exchanges in flight, each a new TCP
 * connection, a full TLS handshake (no resumption), one HTTP/1.1 GET with {@code Connection: close}, the whole response,
 * the close; counts the exchanges that completed in the window and times their phases.
 *
 * <p>Hand-written rather than {@code openssl s_time -new} because s_time runs one connection at a time, sends no SNI
 * (the PoP classifies the application by it: without SNI the inspected path is not the one asked for) and speaks
 * HTTP/1.0; a second process per path would also add its own start-up to the figures. This one is one event loop
 * thread in the benchmark's JVM on the client's OpenSSL context (when it loads: its handshakes cost the client a
 * fraction of the JDK's, so the endpoints and the path, not the load generator, set the rate on two cores), the same
 * client for every path, so the paths differ only in what lies between client and server. The calling thread must be
 * in the client's namespace: it creates every socket ({@code connect} creates the channel on the caller), the event
 * loop only drives them.
 */
public final class HandshakeLoad implements AutoCloseable {
    /** An exchange that has not ended by then counts as failed (a lost SYN, a stuck proxy). */
    static final Duration EXCHANGE_TIMEOUT = Duration.ofSeconds(5);

    private final SslContext tls;
    private final TlsProvider provider;
    private final EventLoopGroup group;
    private final ClientTransport transport = ClientTransport.best();

    /** A client trusting exactly {@code trusted}; on OpenSSL when it loads, with its session cache off. */
    public HandshakeLoad(List<X509Certificate> trusted) throws javax.net.ssl.SSLException {
        this.provider = io.netty.handler.ssl.OpenSsl.isAvailable() ? TlsProvider.OPENSSL : TlsProvider.JDK;
        this.tls = TlsContexts.client(trusted, TlsVersion.ALL, provider);
        if (tls.sessionContext() instanceof OpenSslSessionContext openSsl) {
            openSsl.setSessionCacheEnabled(false);
        }
        this.group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("wanlab-handshakes", true), transport.ioHandlerFactory());
    }

    public TlsProvider provider() {
        return provider;
    }

    /**
     * Runs exchanges to {@code server} (SNI and Host {@code host}) for {@code warmUp} uncounted, then for {@code window}
     * counted; returns when the window is over and every exchange still in flight has ended or timed out.
     */
    public HandshakeResult run(String path, InetSocketAddress server, String host, int concurrency, Duration warmUp, Duration window)
            throws InterruptedException {
        return run(path, server, host, concurrency, warmUp, window, WindowWatch.NONE);
    }

    /** Told, on the thread that called {@code run}, when the counted window opens and when it closes (to read CPU clocks around it). */
    public interface WindowWatch {
        WindowWatch NONE = new WindowWatch() {
            @Override
            public void opened() {
            }

            @Override
            public void closed() {
            }
        };

        void opened();

        void closed();
    }

    /** As {@link #run(String, InetSocketAddress, String, int, Duration, Duration)}, telling {@code watch} the window's bounds. */
    public HandshakeResult run(String path, InetSocketAddress server, String host, int concurrency, Duration warmUp, Duration window,
            WindowWatch watch) throws InterruptedException {
        requireNonNull(server, "server");
        requireNonNull(watch, "watch");
        requireNonNull(host, "host");
        Semaphore slots = new Semaphore(concurrency);
        Tally tally = new Tally();
        Bootstrap bootstrap = new Bootstrap().group(group).channel(transport.channelClass())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) EXCHANGE_TIMEOUT.toMillis());
        long hitsBefore = openSslResumptions();
        long start = System.nanoTime();
        long countFrom = start + warmUp.toNanos();
        long end = countFrom + window.toNanos();
        boolean open = false;
        for (long now = System.nanoTime(); now < end; now = System.nanoTime()) {
            if (!open && now >= countFrom) {
                watch.opened();
                open = true;
            }
            long waitNanos = open ? TimeUnit.MILLISECONDS.toNanos(100) : Math.min(TimeUnit.MILLISECONDS.toNanos(100), countFrom - now);
            if (!slots.tryAcquire(Math.max(1, waitNanos), TimeUnit.NANOSECONDS)) {
                continue;
            }
            long t0 = System.nanoTime();
            Exchange exchange = new Exchange(t0, t0 >= countFrom, end, tally, slots, provider == TlsProvider.JDK);
            ChannelFuture connect = bootstrap.clone().handler(new ChannelInitializer<SocketChannel>() {
                @Override
                protected void initChannel(SocketChannel ch) {
                    SslHandler ssl = tls.newHandler(ch.alloc(), host, server.getPort());
                    ssl.setHandshakeTimeoutMillis(0);
                    ch.pipeline().addLast(ssl, new HttpClientCodec(), new ExchangeHandler(exchange, host));
                }
            }).connect(server);
            exchange.watch(connect);
        }
        if (!open) {
            watch.opened();
        }
        watch.closed();
        // Wait for what is in flight (each ends by its own timeout at the latest), so the next path starts clean.
        if (slots.tryAcquire(concurrency, EXCHANGE_TIMEOUT.toMillis() + 2000, TimeUnit.MILLISECONDS)) {
            slots.release(concurrency);
        }
        if (provider == TlsProvider.OPENSSL) {
            tally.resumed.add(openSslResumptions() - hitsBefore);
        }
        return tally.result(path, window, concurrency);
    }

    /** OpenSSL's count of sessions this context resumed (its cache is off: stays 0); 0 on the JDK. */
    private long openSslResumptions() {
        return tls.sessionContext() instanceof OpenSslSessionContext openSsl ? openSsl.stats().hits() : 0;
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    /** What the counted exchanges did; thread-safe. */
    static final class Tally {
        final LongAdder completed = new LongAdder();
        final LongAdder failed = new LongAdder();
        final LongAdder resumed = new LongAdder();
        final LongAdder connectNanos = new LongAdder();
        final LongAdder tlsNanos = new LongAdder();
        final LongAdder responseNanos = new LongAdder();
        final AtomicReference<String> firstFailure = new AtomicReference<>();

        HandshakeResult result(String path, Duration window, int concurrency) {
            long n = completed.sum();
            return new HandshakeResult(path, concurrency, window.toMillis() / 1000.0, n, failed.sum(), resumed.sum(),
                    n == 0 ? 0 : connectNanos.sum() / 1e6 / n, n == 0 ? 0 : tlsNanos.sum() / 1e6 / n,
                    n == 0 ? 0 : responseNanos.sum() / 1e6 / n, firstFailure.get());
        }
    }

    /** One exchange's clock and fate: it ends exactly once, and counts only when it started and ended in the window. */
    static final class Exchange {
        private final long start;
        private final boolean counted;
        private final long end;
        private final Tally tally;
        private final Semaphore slots;
        private final boolean checkCreationTime;
        private long connected;
        private long handshaken;
        private boolean resumed;
        private boolean done;

        Exchange(long start, boolean counted, long end, Tally tally, Semaphore slots, boolean checkCreationTime) {
            this.checkCreationTime = checkCreationTime;
            this.start = start;
            this.counted = counted;
            this.end = end;
            this.tally = tally;
            this.slots = slots;
        }

        void watch(ChannelFuture connect) {
            Channel ch = connect.channel();
            connect.addListener(f -> {
                if (f.isSuccess()) {
                    ch.eventLoop().schedule(() -> {
                        if (ch.isOpen()) {
                            fail("no answer within " + EXCHANGE_TIMEOUT.toSeconds() + " s");
                            ch.close();
                        }
                    }, EXCHANGE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                } else {
                    fail("connect: " + f.cause().getMessage());
                }
            });
            ch.closeFuture().addListener(f -> fail("closed before the whole response"));
        }

        /**
         * The TCP connection is up: called from the pipeline's channelActive, on the channel's loop,
         * before TLS can start. Not from the connect future's listener: that is added by the
         * thread that called connect, and on a busy machine it can be added (and run) after the
         * whole exchange ended, which left the connect time 0 and the mean connect time negative
         * (one run: -2678.75 ms).
         */
        void connected() {
            if (connected == 0) {
                connected = System.nanoTime();
            }
        }

        void handshaken(SSLSession session) {
            handshaken = System.nanoTime();
            // The JDK's sessions: a resumed one keeps the creation time (in ms) of the handshake that made it, before this
            // connection began. OpenSSL's times are whole seconds: its resumptions are counted by its context instead.
            resumed = checkCreationTime && session.getCreationTime() < (System.currentTimeMillis() - (handshaken - start) / 1_000_000 - 5);
        }

        synchronized void succeed() {
            if (done) {
                return;
            }
            done = true;
            long now = System.nanoTime();
            if (counted && now <= end) {
                tally.completed.increment();
                if (resumed) {
                    tally.resumed.increment();
                }
                tally.connectNanos.add(connected - start);
                tally.tlsNanos.add(handshaken - connected);
                tally.responseNanos.add(now - handshaken);
            }
            slots.release();
        }

        synchronized void fail(String why) {
            if (done) {
                return;
            }
            done = true;
            if (counted && System.nanoTime() <= end) {
                tally.failed.increment();
                tally.firstFailure.compareAndSet(null, why);
            }
            slots.release();
        }
    }

    /** Sends the GET once TLS is up, reads the response to its end, then closes. */
    static final class ExchangeHandler extends ChannelInboundHandlerAdapter {
        private final Exchange exchange;
        private final String host;
        private int status;

        ExchangeHandler(Exchange exchange, String host) {
            this.exchange = exchange;
            this.host = host;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            exchange.connected();
            ctx.fireChannelActive();
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof SslHandshakeCompletionEvent hs) {
                if (!hs.isSuccess()) {
                    exchange.fail("TLS: " + hs.cause().getMessage());
                    ctx.close();
                    return;
                }
                exchange.handshaken(ctx.pipeline().get(SslHandler.class).engine().getSession());
                FullHttpRequest get = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/", Unpooled.EMPTY_BUFFER);
                get.headers().set(HttpHeaderNames.HOST, host).set(HttpHeaderNames.USER_AGENT, "wanlab-handshakes")
                        .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
                ctx.writeAndFlush(get);
            }
            ctx.fireUserEventTriggered(evt);
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                if (msg instanceof HttpResponse r) {
                    status = r.status().code();
                }
                if (msg instanceof LastHttpContent) {
                    if (status == 200) {
                        exchange.succeed();
                    } else {
                        exchange.fail("HTTP status " + status);
                    }
                    ctx.close();
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            exchange.fail(cause.getClass().getSimpleName() + ": " + cause.getMessage());
            ctx.close();
        }
    }
}
