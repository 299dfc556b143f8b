package io.wanlab.core.node;

import static java.util.Objects.requireNonNull;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.EventLoop;
import io.wanlab.core.tun.TunDevice;
import java.io.IOException;
import java.util.function.Consumer;

/**
 * A thread that drains a TUN device in batches and hands each batch to the node's event loop in
 * one task, so the event loop sees packets without a thread hop per packet and can flush its
 * links once per batch. The batch's buffers belong to the consumer.
 */
public final class TunReader implements Runnable {
    public static final int MAX_BATCH = 64;

    /** A batch of packets read in one go; the consumer releases each buffer. */
    public record Batch(ByteBuf[] packets, int size) {
    }

    private final TunDevice tun;
    private final EventLoop loop;
    private final ByteBufAllocator alloc;
    private final Consumer<Batch> consumer;
    private final Consumer<Throwable> onFailure;
    private final Thread thread;
    private volatile boolean running = true;

    public TunReader(TunDevice tun, EventLoop loop, ByteBufAllocator alloc, Consumer<Batch> consumer,
            Consumer<Throwable> onFailure) {
        this.tun = requireNonNull(tun, "tun");
        this.loop = requireNonNull(loop, "loop");
        this.alloc = requireNonNull(alloc, "alloc");
        this.consumer = requireNonNull(consumer, "consumer");
        this.onFailure = requireNonNull(onFailure, "onFailure");
        this.thread = new Thread(this, "tun-reader-" + tun.name());
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    @Override
    public void run() {
        int bufferSize = tun.mtu() + 64;
        try {
            while (running && tun.isOpen()) {
                if (!tun.awaitReadable(200)) {
                    continue;
                }
                ByteBuf[] packets = new ByteBuf[MAX_BATCH];
                int n = 0;
                while (n < MAX_BATCH) {
                    ByteBuf buf = alloc.directBuffer(bufferSize);
                    int len;
                    try {
                        len = tun.read(buf);
                    } catch (IOException | RuntimeException e) {
                        buf.release();
                        throw e;
                    }
                    if (len <= 0) {
                        buf.release();
                        break;
                    }
                    packets[n++] = buf;
                }
                if (n > 0) {
                    Batch batch = new Batch(packets, n);
                    loop.execute(() -> consumer.accept(batch));
                }
            }
        } catch (IOException | RuntimeException e) {
            if (running) {
                onFailure.accept(e);
            }
        }
    }

    public void stop() {
        running = false;
        thread.interrupt();
    }
}
