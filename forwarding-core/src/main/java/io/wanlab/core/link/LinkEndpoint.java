package io.wanlab.core.link;

import static java.util.Objects.requireNonNull;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.EventLoop;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.AttributeKey;
import io.wanlab.core.lab.Impairment;
import io.wanlab.core.lab.LinkKeepalive;
import io.wanlab.core.packet.DropReason;
import io.wanlab.core.packet.PathCounters;
import io.wanlab.core.topo.LinkEnd;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One of a node's links: listens or dials (with retry) over the underlay as the topology says,
 * authenticates the peer, and sends the packets handed to it in one Data frame per flush.
 * Everything runs on the node's one data-plane event loop; a packet written while the link is
 * down is dropped and counted.
 *
 * <p>Backpressure: past {@link #WATER_MARK}'s high mark the channel turns unwritable and the
 * listener hears {@link LinkListener#writabilityChanged}, so the node pauses what feeds the link
 * (its TUN reader) instead of dropping; packets already on their way still queue, up to
 * {@link #HARD_CAP_BYTES} of unsent bytes, past which they are dropped as LINK_BUSY.
 */
public final class LinkEndpoint {
    static final int MAX_PACKETS_PER_FRAME = 64;
    /** {@link LinkKeepalive#DEFAULT} in seconds (a link's own timing comes from {@link #keepalive(LinkKeepalive)}). */
    static final int KEEPALIVE_SECONDS = 1;
    static final int SILENT_SECONDS = 5;
    static final long RETRY_MIN_MILLIS = 50;
    static final long RETRY_MAX_MILLIS = 1000;
    /** A connection must present a valid Hello this soon, or it is refused (a real peer takes a round trip). */
    static final long HANDSHAKE_MILLIS = 2000;
    /**
     * Accepted connections still in their handshake, at most: beyond it a new connection is closed
     * at accept and counted, so a flood costs an accept and a close each, never a Hello or a timer.
     */
    static final int MAX_PENDING_HANDSHAKES = 64;
    /** Unsent bytes at which the link turns unwritable (reader paused) and writable again. */
    static final WriteBufferWaterMark WATER_MARK = new WriteBufferWaterMark(1024 * 1024, 2 * 1024 * 1024);
    /** Unsent bytes beyond which a packet is dropped as LINK_BUSY, paused reader or not. */
    static final long HARD_CAP_BYTES = 8L * 1024 * 1024;
    /**
     * Link connections read up to 256 KiB at a time into pooled buffers: a frame of a 64 KiB
     * super-packet spans reads, and the decoder's cumulation beyond 64 KiB fell back to unpooled
     * direct buffers (allocated and freed per frame) under Netty's default adaptive allocator.
     */
    static final AdaptiveRecvByteBufAllocator RECV = new AdaptiveRecvByteBufAllocator(512, 64 * 1024, 256 * 1024);

    private final int index;
    private final String node;
    private final LinkEnd end;
    private final LinkAuth auth;
    private final LinkListener listener;
    private final EventLoop loop;
    private final NodeTransport transport;
    private final LinkTransport linkTransport;
    private final FrameBatcher batcher;
    private DatagramLinkHandler datagram;
    private final DatagramDrops datagramDrops = new DatagramDrops();
    private Channel active;
    private Channel server;
    private boolean stopped;
    private long retryMillis = RETRY_MIN_MILLIS;
    /** The sending side's books: handed to {@link #write}, sent in a frame, or dropped by reason. */
    private final PathCounters sending;
    private long receivedPackets;
    /** Accepted connections that have not yet authenticated nor closed; on the event loop. */
    private int pendingHandshakes;
    /** The sending side's impairment (delay, loss, rate, blackhole, flap); inactive on a clean link. */
    private final ImpairedSender impaired;
    private LinkKeepalive keepalive = LinkKeepalive.DEFAULT;

    /** Frames over UDP stay well under a datagram's 64 KiB (the veth fragments what exceeds its MTU). */
    static final int MAX_DATAGRAM_BODY = 16 * 1024;
    /**
     * Room for the largest datagram a link sends, and one byte more: Netty reads datagrams into 2 KiB
     * buffers unless told otherwise and the kernel cuts off the rest of a larger one, so every batch
     * of packets longer than that was lost (a frame that does not fill its datagram does not decode).
     * A datagram that fills the buffer is too long, and counted as undecodable.
     */
    static final FixedRecvByteBufAllocator DATAGRAM_RECV = new FixedRecvByteBufAllocator(FrameFormat.HEADER_LENGTH + MAX_DATAGRAM_BODY + 1);

    public LinkEndpoint(int index, String node, LinkEnd end, LinkAuth auth, LinkListener listener, EventLoop loop,
            NodeTransport transport) {
        this(index, node, end, auth, listener, loop, transport, LinkTransport.TCP);
    }

    public LinkEndpoint(int index, String node, LinkEnd end, LinkAuth auth, LinkListener listener, EventLoop loop,
            NodeTransport transport, LinkTransport linkTransport) {
        this.index = index;
        this.node = requireNonNull(node, "node");
        this.end = requireNonNull(end, "end");
        this.auth = requireNonNull(auth, "auth");
        this.listener = requireNonNull(listener, "listener");
        this.loop = requireNonNull(loop, "loop");
        this.transport = requireNonNull(transport, "transport");
        this.linkTransport = requireNonNull(linkTransport, "linkTransport");
        this.sending = new PathCounters(end.link() + " out");
        this.batcher = new FrameBatcher(MAX_PACKETS_PER_FRAME,
                linkTransport == LinkTransport.UDP ? MAX_DATAGRAM_BODY : FrameFormat.DEFAULT_MAX_BODY_LENGTH, this::send);
        this.impaired = new ImpairedSender(loop, sending, this::forward, this::flush, System::nanoTime);
    }

    /** How fast this end notices a silent peer (the lab file's {@code keepalive}); call before {@link #start}. */
    public LinkEndpoint keepalive(LinkKeepalive timing) {
        this.keepalive = requireNonNull(timing, "timing");
        return this;
    }

    public LinkKeepalive keepalive() {
        return keepalive;
    }

    /** Sets what this end does to the packets it sends from now on ({@link Impairment#NONE}: clean). On the event loop only. */
    public void impair(Impairment settings) {
        impaired.set(requireNonNull(settings, "settings"));
    }

    public Impairment impairment() {
        return impaired.settings();
    }

    /** Keepalives and Hellos this end did not send because its impairment had the link dark. */
    public long controlFramesDropped() {
        return impaired.controlDropped();
    }

    public LinkEnd end() {
        return end;
    }

    /** Binds or starts dialing; returns at once. Call on any thread. */
    public void start() {
        loop.execute(() -> {
            if (linkTransport == LinkTransport.UDP) {
                openDatagram();
            } else if (end.listens()) {
                listen();
            } else {
                dial();
            }
        });
    }

    private ChannelInitializer<SocketChannel> pipeline() {
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                addLinkHandlers(ch);
            }
        };
    }

    /**
     * The idle handler sits above the codec, so it sees frames, not bytes: with a writer idle
     * time it makes a promise (and a listener) for every write it passes, and below the encoder
     * that was every piece of every frame.
     */
    private void addLinkHandlers(SocketChannel ch) {
        ch.pipeline().addLast(new FrameDecoder(), new FrameEncoder(),
                new IdleStateHandler(keepalive.silentMillis(), keepalive.intervalMillis(), 0, TimeUnit.MILLISECONDS), impaired.gate(),
                new LinkHandler(index, node, end.link(), end.peer(), auth, listener, ctx -> adopt(ctx.channel()),
                        end.listens() ? LinkAuth.Role.LISTENER : LinkAuth.Role.DIALER));
    }

    private void listen() {
        // Child channels share the loop (group(loop)), so the handshake count needs no lock.
        ServerBootstrap b = new ServerBootstrap().group(loop).channel(transport.serverChannel())
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK)
                .childOption(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
                .childOption(ChannelOption.RCVBUF_ALLOCATOR, RECV)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (pendingHandshakes >= MAX_PENDING_HANDSHAKES) {
                            listener.refused(index, LinkRefusal.TOO_MANY_PENDING, pendingHandshakes
                                    + " connections already in their handshake, from " + ch.remoteAddress());
                            ch.close();
                            return;
                        }
                        pendingHandshakes++;
                        ch.closeFuture().addListener(c -> handshakeOver(ch));
                        addLinkHandlers(ch);
                    }
                });
        b.bind(end.socketAddress()).addListener((ChannelFuture f) -> {
            if (f.isSuccess()) {
                server = f.channel();
            } else {
                listener.linkDown(index, "cannot listen on " + end.socketAddress() + ": " + f.cause().getMessage());
            }
        });
    }

    private void dial() {
        if (stopped) {
            return;
        }
        Bootstrap b = new Bootstrap().group(loop).channel(transport.channel())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK)
                .option(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
                .option(ChannelOption.RCVBUF_ALLOCATOR, RECV)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 2000)
                .handler(pipeline());
        b.connect(end.socketAddress(), new InetSocketAddress(end.localInet(), 0)).addListener((ChannelFuture f) -> {
            if (!f.isSuccess()) {
                retryLater();
                return;
            }
            retryMillis = RETRY_MIN_MILLIS;
            f.channel().closeFuture().addListener(c -> {
                if (active == f.channel()) {
                    active = null;
                }
                retryLater();
            });
        });
    }

    /** Both ends bind their own underlay address and connect to the peer's; the handshake is the handler's. */
    private void openDatagram() {
        if (stopped) {
            return;
        }
        datagram = new DatagramLinkHandler(index, node, end.link(), end.peer(), auth, listener, ctx -> active = ctx.channel(),
                MAX_DATAGRAM_BODY, keepalive, datagramDrops);
        DatagramLinkHandler handler = datagram;
        Bootstrap b = new Bootstrap().group(loop).channel(transport.datagramChannel())
                .option(ChannelOption.SO_REUSEADDR, true)
                .option(ChannelOption.RCVBUF_ALLOCATOR, DATAGRAM_RECV)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(handler, impaired.gate());
                    }
                });
        InetSocketAddress peer = new InetSocketAddress(end.peerIpText(), end.port());
        b.bind(new InetSocketAddress(end.localInet(), end.port())).addListener((ChannelFuture bound) -> {
            if (!bound.isSuccess()) {
                listener.linkDown(index, "cannot bind udp " + end.localInet().getHostAddress() + ":" + end.port() + ": "
                        + bound.cause().getMessage());
                loop.schedule(this::openDatagram, RETRY_MAX_MILLIS, TimeUnit.MILLISECONDS);
                return;
            }
            bound.channel().connect(peer).addListener((ChannelFuture connected) -> {
                if (!connected.isSuccess()) {
                    bound.channel().close();
                    loop.schedule(this::openDatagram, RETRY_MAX_MILLIS, TimeUnit.MILLISECONDS);
                }
            });
        });
    }

    public LinkTransport linkTransport() {
        return linkTransport;
    }

    private void retryLater() {
        if (stopped) {
            return;
        }
        loop.schedule(this::dial, retryMillis, TimeUnit.MILLISECONDS);
        retryMillis = Math.min(RETRY_MAX_MILLIS, retryMillis * 2);
    }

    /** Frees the connection's handshake slot once: when it authenticates or when it closes. */
    private void handshakeOver(Channel ch) {
        if (ch.attr(HANDSHAKE_OVER).setIfAbsent(Boolean.TRUE) == null) {
            pendingHandshakes--;
        }
    }

    private static final AttributeKey<Boolean> HANDSHAKE_OVER = AttributeKey.valueOf("wanlab.handshakeOver");

    /** The authenticated connection carries data from now on; an older one is closed. */
    private void adopt(Channel ch) {
        if (end.listens()) {
            handshakeOver(ch);
        }
        Channel old = active;
        active = ch;
        ch.pipeline().addFirst(new ChannelInboundHandlerAdapter() {
            @Override
            public void channelWritabilityChanged(ChannelHandlerContext ctx) {
                if (active == ctx.channel()) {
                    listener.writabilityChanged(index, ctx.channel().isWritable());
                }
                ctx.fireChannelWritabilityChanged();
            }
        });
        ch.closeFuture().addListener(c -> {
            if (active == ch) {
                active = null;
                listener.writabilityChanged(index, true);
            }
        });
        if (old != null && old != ch) {
            old.close();
        }
    }

    public boolean isUp() {
        if (datagram != null) {
            return datagram.isAuthenticated() && active != null && active.isActive();
        }
        return active != null && active.isActive();
    }

    /** Queues a packet for the next flush; takes ownership. On the event loop only. */
    public void write(ByteBuf packet) {
        write(packet, 0L);
    }

    /**
     * Queues a packet with its {@link io.wanlab.core.packet.Offload} metadata (a super-packet
     * travels whole, in an offload-flagged frame); takes ownership. On the event loop only.
     */
    public void write(ByteBuf packet, long offload) {
        sending.countIn();
        if (impaired.active()) {
            impaired.offer(packet, offload);
            return;
        }
        forward(packet, offload);
    }

    /** A packet counted in, past the impairment (if any): into the next frame, or dropped by reason. */
    private void forward(ByteBuf packet, long offload) {
        if (!isUp()) {
            sending.drop(DropReason.LINK_DOWN);
            packet.release();
            return;
        }
        if (!active.isWritable() && unsentBytes() > HARD_CAP_BYTES) {
            sending.drop(DropReason.LINK_BUSY);
            packet.release();
            return;
        }
        if (!batcher.add(packet, offload)) {
            sending.drop(DropReason.LINK_TOO_LONG);
        }
    }

    /** True while the link is up and its channel holds more unsent bytes than the high water mark. */
    public boolean isBlocked() {
        return isUp() && !active.isWritable();
    }

    /**
     * Stops (or resumes) reading this link's connection: a node forwarding link to link (the PoP)
     * pauses its inbound links while an outbound one is blocked, so TCP flow control carries the
     * backpressure back to the sender's TUN reader. On the event loop only.
     */
    public void pauseReading(boolean pause) {
        Channel ch = active;
        if (ch != null && datagram == null && ch.config().isAutoRead() == pause) {
            ch.config().setAutoRead(!pause);
        }
    }

    private long unsentBytes() {
        ChannelOutboundBuffer out = active.unsafe().outboundBuffer();
        return (out == null ? 0 : out.totalPendingWriteBytes()) + batcher.pendingBodyBytes();
    }

    /** Sends what was queued since the last flush as one frame. On the event loop only. */
    public void flush() {
        batcher.flush();
        if (active != null) {
            active.flush();
        }
    }

    private void send(Frame.Data data) {
        Channel ch = active;
        if (ch == null) {
            sending.drop(DropReason.LINK_CLOSED, data.count());
            data.release();
            return;
        }
        sending.countOut(data.count());
        ch.write(data, ch.voidPromise());
    }

    public void countReceived(int packets) {
        receivedPackets += packets;
    }

    public long dropped() {
        return sending.dropped();
    }

    /** A UDP link's datagrams that carried nothing on, by reason (empty for a TCP link). On the event loop only. */
    public Map<String, Long> datagramDrops() {
        return datagramDrops.snapshot();
    }

    /** Packets handed to the link's channel in a frame (what the peer should count as received). */
    public long sentPackets() {
        return sending.out();
    }

    /** The sending side's books, for the node's accounting; owned by the event loop. */
    public PathCounters sending() {
        return sending;
    }

    public long receivedPackets() {
        return receivedPackets;
    }

    public void stop() {
        loop.execute(() -> {
            stopped = true;
            impaired.stop();
            sending.drop(DropReason.LINK_CLOSED, batcher.pendingPackets());
            batcher.discard();
            if (active != null) {
                active.close();
            }
            if (server != null) {
                server.close();
            }
        });
    }
}
