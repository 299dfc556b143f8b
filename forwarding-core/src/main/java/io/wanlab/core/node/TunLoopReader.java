package io.wanlab.core.node;

import static java.util.Objects.requireNonNull;

import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.IoEvent;
import io.netty.channel.IoEventLoop;
import io.netty.channel.IoHandle;
import io.netty.channel.IoRegistration;
import io.netty.channel.epoll.EpollIoEvent;
import io.netty.channel.epoll.EpollIoHandle;
import io.netty.channel.epoll.EpollIoOps;
import io.netty.channel.unix.FileDescriptor;
import io.wanlab.core.tun.TunDevice;
import java.io.IOException;
import java.util.function.Consumer;

/**
 * Reads the TUN on the node's event loop: the device's file descriptor is registered with the
 * loop's epoll (Netty 4.2's {@link EpollIoHandle}), level-triggered for reading, and each wake-up
 * reads one batch (at most {@link TunReader#MAX_BATCH} packets or {@link TunReader#MAX_BATCH_BYTES})
 * and hands it to the consumer right there. Compared with {@link TunReader}'s thread, a packet from
 * the LAN costs one wake-up instead of two (the reader's, then the loop's through its eventfd), and
 * no task or queue between them; a burst longer than one batch is read on the next turn of the loop,
 * after the links' own events, since epoll reports the device again.
 *
 * <p>Pausing removes the read interest (leaving only errors) (the kernel's TUN queue then fills and the LAN's TCP slows
 * down, as with the thread); resuming adds it back. Everything runs on the loop; the registration
 * is cancelled by {@link #stop}. The descriptor belongs to the {@link TunDevice}: cancelling does
 * not close it.
 */
public final class TunLoopReader implements TunIngress {
    /**
     * The interest while paused: only errors (which epoll reports regardless). Not
     * {@link EpollIoOps#NONE}: Netty 4.2.18 removes the descriptor from epoll for NONE but keeps
     * the registration's state, so the next submit (a resume) fails with ENOENT.
     */
    private static final EpollIoOps PAUSED = EpollIoOps.EPOLLERR;
    private final TunDevice tun;
    private final IoEventLoop loop;
    private final ByteBufAllocator alloc;
    private final Consumer<TunReader.Batch> consumer;
    private final Consumer<Throwable> onFailure;
    private final TunReader.Batch batch = new TunReader.Batch();
    private final Handle handle;
    private volatile IoRegistration registration;
    private boolean paused;
    private boolean stopped;
    private long pauses;

    TunLoopReader(TunDevice tun, IoEventLoop loop, ByteBufAllocator alloc, Consumer<TunReader.Batch> consumer,
            Consumer<Throwable> onFailure) {
        this.tun = requireNonNull(tun, "tun");
        this.loop = requireNonNull(loop, "loop");
        this.alloc = requireNonNull(alloc, "alloc");
        this.consumer = requireNonNull(consumer, "consumer");
        this.onFailure = requireNonNull(onFailure, "onFailure");
        this.handle = new Handle(new FileDescriptor(tun.fd()));
    }

    static Class<? extends IoHandle> handleClass() {
        return Handle.class;
    }

    @Override
    public void start() {
        loop.register(handle).addListener(f -> {
            if (!f.isSuccess()) {
                onFailure.accept(f.cause());
                return;
            }
            IoRegistration r = (IoRegistration) f.getNow();
            registration = r;
            if (stopped) {
                r.cancel();
                return;
            }
            r.submit(paused ? PAUSED : EpollIoOps.EPOLLIN);
        });
    }

    @Override
    public void pause() {
        if (!paused) {
            paused = true;
            pauses++;
            IoRegistration r = registration;
            if (r != null && r.isValid()) {
                r.submit(PAUSED);
            }
        }
    }

    @Override
    public void resume() {
        if (paused) {
            paused = false;
            IoRegistration r = registration;
            if (r != null && r.isValid()) {
                r.submit(EpollIoOps.EPOLLIN);
            }
        }
    }

    @Override
    public boolean isPaused() {
        return paused;
    }

    @Override
    public long pauses() {
        return pauses;
    }

    @Override
    public String mode() {
        return "loop";
    }

    @Override
    public void stop() {
        if (loop.inEventLoop()) {
            stopOnLoop();
        } else if (!loop.isShuttingDown()) {
            loop.execute(this::stopOnLoop);
        }
    }

    private void stopOnLoop() {
        stopped = true;
        IoRegistration r = registration;
        if (r != null) {
            r.cancel();
        }
    }

    /** One batch per epoll report: read until the device is empty or the batch is full. */
    private void readBatch() {
        if (paused || stopped) {
            return;
        }
        readAnyway();
    }

    private void readAnyway() {
        if (stopped) {
            return;
        }
        int n;
        try {
            n = batch.fill(tun, alloc);
        } catch (IOException | RuntimeException e) {
            if (batch.size() > 0) {
                hand(); // what was read before the failure still goes on
            }
            stopOnLoop();
            if (tun.isOpen()) {
                onFailure.accept(e);
            }
            return;
        }
        if (n > 0) {
            hand();
        }
    }

    private void hand() {
        try {
            consumer.accept(batch);
        } finally {
            batch.clear();
        }
    }

    /** The epoll side: Netty calls {@link #handle} on the loop when the descriptor is readable. */
    private final class Handle implements EpollIoHandle {
        private final FileDescriptor fd;

        Handle(FileDescriptor fd) {
            this.fd = fd;
        }

        @Override
        public FileDescriptor fd() {
            return fd;
        }

        @Override
        public void handle(IoRegistration registration, IoEvent event) {
            EpollIoOps ops = ((EpollIoEvent) event).ops();
            if (ops.contains(EpollIoOps.EPOLLIN)) {
                readBatch();
            } else if (ops.contains(EpollIoOps.EPOLLERR)) {
                // An error on the device (paused or not): the read surfaces it and stops the reader.
                readAnyway();
            }
        }

        @Override
        public void close() {
            // The TunDevice owns the descriptor; the loop shutting down only cancels.
            stopped = true;
        }
    }
}
