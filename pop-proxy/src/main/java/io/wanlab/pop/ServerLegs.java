package io.wanlab.pop;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;

/**
 * How the proxy opens a server leg: a new channel on the client leg's event loop, initialized
 * with {@code init}, connected to the connection's server. The real one is transparent
 * ({@link TransparentServerLegs}); tests put an in-memory channel behind it.
 */
interface ServerLegs {
    /** The future's channel is the server leg from the start (so it can be closed); it completes once connected. */
    ChannelFuture open(Channel clientLeg, ProxyConnection conn, ChannelHandler init);
}
