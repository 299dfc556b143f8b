package io.wanlab.core.node;

import static java.util.Objects.requireNonNull;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.EventLoop;
import io.wanlab.core.packet.Offload;
import io.wanlab.core.tun.TunDevice;
import java.io.IOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * A thread that drains a TUN device in batches and hands each batch to the node's event loop in
 * one task, so the event loop sees packets without a thread hop per packet and can flush its
 * links once per batch. The batch's buffers belong to the consumer.
 *
 * <p>Bounded and back-pressured: at most {@link #IN_FLIGHT} batches are handed over and not yet
 * consumed (the reader waits for one to come back, so the loop's task queue cannot pile up), and
 * the node can {@link #pause} the reader while a link it feeds is full, {@link #resume} when it
 * drains: the kernel's TUN queue then holds the packets (and TCP in the LAN slows down) rather
 * than a link dropping them. Batches, their arrays and their tasks are made once and reused: no
 * allocation per packet or per batch besides the packet buffers.
 */
public final class TunReader implements Runnable, TunIngress {
    public static final int MAX_BATCH = 64;
    /** A batch also ends once it holds this many bytes (with offloads, a read may be 64 KiB). */
    public static final int MAX_BATCH_BYTES = 512 * 1024;
    /** Batches handed to the loop and not yet consumed, at most. */
    public static final int IN_FLIGHT = 4;

    /** A batch of packets read in one go, with each one's {@link Offload} metadata; the consumer releases each buffer. */
    public static final class Batch {
        private final ByteBuf[] packets = new ByteBuf[MAX_BATCH];
        private final long[] offloads = new long[MAX_BATCH];
        private int size;
        private Runnable task;

        /** The packets, in order; only the first {@link #size} are this batch's. */
        public ByteBuf[] packets() {
            return packets;
        }

        public int size() {
            return size;
        }

        /** The {@link Offload} metadata of packet {@code i} ({@link Offload#NONE} for a plain one). */
        public long offload(int i) {
            return offloads[i];
        }

        /**
         * Reads the device until it has no packet waiting or the batch is full ({@link #MAX_BATCH}
         * packets or {@link #MAX_BATCH_BYTES}); returns how many it holds. On a failed read the
         * packets read before stay in the batch (the caller hands them on or {@link #releasePackets}).
         */
        int fill(TunDevice tun, ByteBufAllocator alloc) throws IOException {
            int bufferSize = tun.maxReadLength() + 64;
            int bytes = 0;
            size = 0;
            while (size < MAX_BATCH && bytes < MAX_BATCH_BYTES) {
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
                offloads[size] = tun.lastReadOffload();
                packets[size++] = buf;
                bytes += len;
            }
            return size;
        }

        /** Releases the packets a failed {@link #fill} left, and empties the batch. */
        void releasePackets() {
            for (int i = 0; i < size; i++) {
                packets[i].release();
            }
            clear();
        }

        /** Forgets the packets (the consumer owns them) so the batch can be filled again. */
        void clear() {
            java.util.Arrays.fill(packets, 0, size, null);
            size = 0;
        }
    }

    private final TunDevice tun;
    private final EventLoop loop;
    private final ByteBufAllocator alloc;
    private final Consumer<Batch> consumer;
    private final Consumer<Throwable> onFailure;
    private final Thread thread;
    private final ArrayBlockingQueue<Batch> free = new ArrayBlockingQueue<>(IN_FLIGHT);
    private volatile boolean running = true;
    private volatile boolean paused;
    private long pauses;

    public TunReader(TunDevice tun, EventLoop loop, ByteBufAllocator alloc, Consumer<Batch> consumer,
            Consumer<Throwable> onFailure) {
        this.tun = requireNonNull(tun, "tun");
        this.loop = requireNonNull(loop, "loop");
        this.alloc = requireNonNull(alloc, "alloc");
        this.consumer = requireNonNull(consumer, "consumer");
        this.onFailure = requireNonNull(onFailure, "onFailure");
        // A FastThreadLocalThread gets its own pooled-buffer cache (Netty gives plain threads none).
        this.thread = new io.netty.util.concurrent.FastThreadLocalThread(this, "tun-reader-" + tun.name());
        this.thread.setDaemon(true);
        for (int i = 0; i < IN_FLIGHT; i++) {
            Batch b = new Batch();
            b.task = () -> consume(b);
            free.add(b);
        }
    }

    private void consume(Batch b) {
        try {
            consumer.accept(b);
        } finally {
            java.util.Arrays.fill(b.packets, 0, b.size, null);
            b.size = 0;
            free.offer(b);
        }
    }

    @Override
    public void start() {
        thread.start();
    }

    /** Stops reading until {@link #resume}; any thread (the node's loop, when a link fills). */
    @Override
    public void pause() {
        if (!paused) {
            paused = true;
            pauses++;
        }
    }

    /** Reads again after {@link #pause}; any thread. */
    @Override
    public void resume() {
        if (paused) {
            paused = false;
            LockSupport.unpark(thread);
        }
    }

    @Override
    public String mode() {
        return "thread";
    }

    @Override
    public boolean isPaused() {
        return paused;
    }

    /** How often {@link #pause} stopped a reading reader; on the pausing thread. */
    @Override
    public long pauses() {
        return pauses;
    }

    @Override
    public void run() {
        try {
            while (running && tun.isOpen()) {
                if (paused) {
                    // A resume unparks at once; the timeout re-checks running and the device.
                    LockSupport.parkNanos(this, 50_000_000L);
                    continue;
                }
                if (!tun.awaitReadable(200)) {
                    continue;
                }
                Batch batch = free.poll(200, TimeUnit.MILLISECONDS);
                if (batch == null) {
                    continue;
                }
                int n;
                try {
                    n = batch.fill(tun, alloc);
                } catch (IOException | RuntimeException e) {
                    batch.releasePackets();
                    free.offer(batch);
                    throw e;
                }
                if (n > 0) {
                    loop.execute(batch.task);
                } else {
                    free.offer(batch);
                }
            }
        } catch (IOException | RuntimeException e) {
            if (running) {
                onFailure.accept(e);
            }
        } catch (InterruptedException e) {
            // stop() interrupts: the reader ends.
        }
    }

    @Override
    public void stop() {
        running = false;
        thread.interrupt();
    }
}
