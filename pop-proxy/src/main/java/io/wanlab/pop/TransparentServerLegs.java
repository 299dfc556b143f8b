package io.wanlab.pop;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPromise;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollSocketChannel;
import io.wanlab.core.net.Ipv4;
import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * The PoP's server legs (DESIGN 4.2): an epoll socket with IP_TRANSPARENT, bound to the client's
 * address, registered with the steering (so the server's replies reach the PoP's kernel) before
 * it connects. Runs on the PoP's event loop.
 */
final class TransparentServerLegs implements ServerLegs {
    private final TcpProxy proxy;

    TransparentServerLegs(TcpProxy proxy) {
        this.proxy = proxy;
    }

    @Override
    public ChannelFuture open(Channel clientLeg, ProxyConnection conn, ChannelHandler init) {
        Bootstrap b = new Bootstrap().group(clientLeg.eventLoop()).channel(EpollSocketChannel.class)
                .option(EpollChannelOption.IP_TRANSPARENT, true)
                .option(ChannelOption.AUTO_READ, false)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 5000)
                .handler(init);
        ChannelFuture reg = b.register();
        Channel leg = reg.channel();
        ChannelPromise connected = leg.newPromise();
        reg.addListener(r -> {
            if (!r.isSuccess()) {
                connected.setFailure(new IOException("server leg: " + r.cause(), r.cause()));
                return;
            }
            leg.bind(new InetSocketAddress(conn.client.getAddress(), 0)).addListener((ChannelFuture bound) -> {
                if (!bound.isSuccess()) {
                    connected.setFailure(new IOException("server leg bind to the client's address: " + bound.cause(), bound.cause()));
                    return;
                }
                InetSocketAddress local = (InetSocketAddress) leg.localAddress();
                proxy.steering().registerServerLeg(Ipv4.parse(local.getAddress().getHostAddress()), local.getPort(),
                        Ipv4.parse(conn.server.getAddress().getHostAddress()), conn.server.getPort());
                leg.connect(conn.server).addListener((ChannelFuture c) -> {
                    if (c.isSuccess()) {
                        connected.setSuccess();
                    } else {
                        connected.setFailure(new IOException("server leg connect: " + c.cause(), c.cause()));
                    }
                });
            });
        });
        return connected;
    }
}
