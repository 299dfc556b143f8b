package io.wanlab.core.link;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;

/** Netty's native epoll transport when it loads, NIO otherwise: the channel classes and a loop group to match. */
public record NodeTransport(String name, IoHandlerFactory ioHandler, Class<? extends SocketChannel> channel,
        Class<? extends ServerSocketChannel> serverChannel, Class<? extends DatagramChannel> datagramChannel) {

    public static NodeTransport best() {
        if (Epoll.isAvailable()) {
            return new NodeTransport("epoll", EpollIoHandler.newFactory(), EpollSocketChannel.class, EpollServerSocketChannel.class,
                    EpollDatagramChannel.class);
        }
        return new NodeTransport("nio", NioIoHandler.newFactory(), NioSocketChannel.class, NioServerSocketChannel.class,
                NioDatagramChannel.class);
    }

    public EventLoopGroup newGroup(int threads) {
        return new MultiThreadIoEventLoopGroup(threads, ioHandler);
    }
}
