package io.wanlab.core.node;

import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.EventLoop;
import io.netty.channel.IoEventLoop;
import io.wanlab.core.tun.TunDevice;
import java.util.function.Consumer;

/**
 * Where a node's TUN packets come from: batches of up to {@link TunReader#MAX_BATCH} packets handed
 * to a consumer on the node's event loop, with a pause while a link the packets feed is full.
 * Two ways, chosen by {@link #open}: {@link TunLoopReader} reads the TUN on the event loop itself
 * (its fd registered with the loop's epoll, no thread hop), {@link TunReader} on a thread of its own
 * that hands batches over (for a loop without epoll, or a device without a file descriptor).
 */
public interface TunIngress {

    /** The system property that forces the way ({@code loop} or {@code thread}), for measuring one against the other. */
    String MODE_PROPERTY = "wanlab.tun.reader";

    void start();

    /** Stops reading until {@link #resume}; on the event loop. */
    void pause();

    /** Reads again after {@link #pause}; on the event loop. */
    void resume();

    boolean isPaused();

    /** How often {@link #pause} stopped a reading reader. */
    long pauses();

    void stop();

    /** The mode this reader runs in ("loop" or "thread"), for the ready event and status. */
    String mode();

    /**
     * The reader for this device and loop: on the loop when the loop is an epoll loop and the device
     * has a file descriptor (and the property does not ask for a thread), else a thread.
     */
    static TunIngress open(TunDevice tun, EventLoop loop, ByteBufAllocator alloc, Consumer<TunReader.Batch> consumer,
            Consumer<Throwable> onFailure) {
        String forced = System.getProperty(MODE_PROPERTY, "");
        boolean loopCapable = tun.fd() >= 0 && loop instanceof IoEventLoop io && io.isCompatible(TunLoopReader.handleClass());
        if (!forced.equalsIgnoreCase("thread") && loopCapable) {
            return new TunLoopReader(tun, (IoEventLoop) loop, alloc, consumer, onFailure);
        }
        return new TunReader(tun, loop, alloc, consumer, onFailure);
    }
}
