package io.wanlab.pop;

import static java.util.Objects.requireNonNull;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SniHandler;
import io.wanlab.core.event.EventLog;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The PoP's full TCP proxy: transparent listeners (IP_TRANSPARENT, so they accept connections
 * to any address and answer as the server) on the proxied ports, in the PoP's own kernel.
 * Runs on the PoP's event loop, like the steering it registers server legs with.
 */
public final class TcpProxy implements AutoCloseable {
    private final EventLoop loop;
    private final Duration halfOpenIdle;
    private final ChannelGroup connections;
    private final TlsInspector inspector;
    private final List<Channel> listeners = new ArrayList<>();
    private PopSteering steering;
    private EventLog events;
    private ServerLegs serverLegs = new TransparentServerLegs(this);

    /** @param inspector terminates and re-originates TLS on proxied flows; null relays bytes as they are */
    public TcpProxy(EventLoop loop, Duration halfOpenIdle, TlsInspector inspector) {
        this.loop = requireNonNull(loop, "loop");
        this.inspector = inspector;
        this.halfOpenIdle = requireNonNull(halfOpenIdle, "halfOpenIdle");
        this.connections = new DefaultChannelGroup("proxy", loop);
    }

    /** The steering and event log new connections report to (they change when the PoP is reconfigured). */
    public void use(PopSteering newSteering, EventLog newEvents) {
        this.steering = requireNonNull(newSteering, "steering");
        this.events = requireNonNull(newEvents, "events");
    }

    public void listen(int port) throws IOException, InterruptedException {
        if (!Epoll.isAvailable()) {
            throw new IOException("the TCP proxy needs Netty's epoll transport (IP_TRANSPARENT): " + Epoll.unavailabilityCause());
        }
        ServerBootstrap b = new ServerBootstrap().group(loop).channel(EpollServerSocketChannel.class)
                .option(EpollChannelOption.IP_TRANSPARENT, true)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.AUTO_READ, false)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (inspector != null) {
                            ch.pipeline().addLast(new SniHandler(inspector.minter()));
                        }
                        ch.pipeline().addLast(new ProxyFrontendHandler(TcpProxy.this));
                    }
                });
        ChannelFuture f = b.bind(new InetSocketAddress("0.0.0.0", port)).sync();
        listeners.add(f.channel());
    }

    void track(Channel ch) {
        connections.add(ch);
    }

    /** Tests put in-memory server legs here. */
    TcpProxy withServerLegs(ServerLegs legs) {
        this.serverLegs = requireNonNull(legs, "legs");
        return this;
    }

    ServerLegs serverLegs() {
        return serverLegs;
    }

    PopSteering steering() {
        return steering;
    }

    EventLog events() {
        return events;
    }

    boolean tlsInspection() {
        return steering.tlsInspection();
    }

    TlsInspector inspector() {
        return inspector;
    }

    Duration halfOpenIdle() {
        return halfOpenIdle;
    }

    public int openConnections() {
        return connections.size();
    }

    /**
     * Aborts every proxied connection with a RST (SO_LINGER 0), keeping the listeners. A graceful
     * FIN to a client whose connection was switched away (the seed's reset) would never be
     * answered at the PoP: its kernel would retransmit it into whatever runs next.
     */
    public int abortConnections() {
        int n = connections.size();
        for (Channel ch : connections) {
            ch.config().setOption(ChannelOption.SO_LINGER, 0);
        }
        connections.close();
        return n;
    }

    /** Closes every proxied connection (between scenarios), keeping the listeners. */
    public void closeConnections() {
        connections.close();
    }

    @Override
    public void close() {
        connections.close();
        for (Channel l : listeners) {
            l.close();
        }
    }
}
