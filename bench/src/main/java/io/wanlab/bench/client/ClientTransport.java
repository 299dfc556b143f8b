package io.wanlab.bench.client;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;

/** The socket transport under the client: Linux epoll where its native library loads, Java NIO anywhere. */
public enum ClientTransport {
    NIO,
    EPOLL;

    /** epoll when available, else NIO. */
    public static ClientTransport best() {
        return EPOLL.available() ? EPOLL : NIO;
    }

    /** "nio" or "epoll", any case. */
    public static ClientTransport parse(String text) {
        java.util.Objects.requireNonNull(text, "text");
        return switch (text.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "nio" -> NIO;
            case "epoll" -> EPOLL;
            default -> throw new IllegalArgumentException("transport: '" + text + "' (expected: nio or epoll)");
        };
    }

    public boolean available() {
        if (this == NIO) {
            return true;
        }
        try {
            return Epoll.isAvailable();
        } catch (LinkageError e) {
            // netty-transport-classes-epoll missing from the class path: same as unavailable.
            return false;
        }
    }

    public IoHandlerFactory ioHandlerFactory() {
        return this == EPOLL ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
    }

    public Class<? extends SocketChannel> channelClass() {
        return this == EPOLL ? EpollSocketChannel.class : NioSocketChannel.class;
    }
}
