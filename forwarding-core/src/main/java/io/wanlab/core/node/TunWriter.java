package io.wanlab.core.node;

import static java.util.Objects.requireNonNull;

import io.netty.buffer.ByteBuf;
import io.netty.util.concurrent.FastThreadLocalThread;
import io.wanlab.core.tun.TunDevice;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A thread that writes packets into a TUN device for the node's event loop. Writing into a TUN is
 * where the kernel delivers the packet into the namespace (GSO segmenting, the receiving TCP's
 * work) in the writing thread's system call; on the event loop that work shared one core with
 * reading the links, here it runs on the other core.
 *
 * <p>Hand-written single-producer/single-consumer ring of {@link #SLOTS} reusable batches, no
 * lock and no allocation per packet or batch: the loop fills the slot at {@code produced},
 * publishes it ({@link #flush}: one release store per batch, an unpark only when the writer
 * sleeps), the writer writes its packets in order and releases them, records how many the kernel
 * took, refused or failed, and publishes {@code consumed}; the loop then {@link #reap}s the slot's
 * results into its books (so they are counted on the loop, like every other count). JCTools'
 * queues would hand over single objects and know nothing of the results coming back.
 *
 * <p>Bounded: {@link #backlogged()} says when at least {@link #PAUSE_AT} batches wait, so the
 * node stops reading its links (TCP flow control then slows the peer); the writer calls the
 * resume hook on the loop once the backlog is at {@link #RESUME_AT} or less. Should the ring still
 * fill (frames already read when the links paused), {@link #add} waits on the loop for the writer
 * to free a slot: the writer never blocks (a full kernel queue is a refused write), so the wait is
 * at most one batch's writes; it is counted ({@link #waits}).
 *
 * <p>Threading: {@link #add}, {@link #flush}, {@link #reap}, {@link #backlogged} and the counts
 * are called on the node's event loop only; the writer thread owns the device's write side.
 */
public final class TunWriter implements Runnable {
    /** Batches in the ring. */
    public static final int SLOTS = 16;
    /** Packets per batch at most (a batch is flushed when full). */
    public static final int MAX_BATCH = 64;
    /** Batches waiting at which the node should stop reading what feeds the TUN. */
    public static final int PAUSE_AT = SLOTS / 2;
    /** Batches waiting at or below which a paused node reads again. */
    public static final int RESUME_AT = SLOTS / 4;

    /** What became of the packets of reaped batches; called on the loop. */
    public interface Results {
        void written(int packets);

        void refused(int packets);

        void failed(int packets);
    }

    private static final class Slot {
        final ByteBuf[] packets = new ByteBuf[MAX_BATCH];
        final long[] offloads = new long[MAX_BATCH];
        int size;
        // Set by the writer before it publishes consumed; read by the loop after it sees it.
        int written;
        int refused;
        int failed;
    }

    private final TunDevice tun;
    private final Results results;
    private final Runnable onDrained;
    private final Slot[] slots = new Slot[SLOTS];
    private final Thread thread;
    /** Slots published by the loop; written by the loop only. */
    private final AtomicLong produced = new AtomicLong();
    /** Slots written by the writer; written by the writer only. */
    private final AtomicLong consumed = new AtomicLong();
    /** Slots whose results the loop counted; the loop's. */
    private long reaped;
    private volatile boolean sleeping;
    private volatile boolean running = true;
    /** Set by the loop when it paused for the backlog; the writer clears it and calls onDrained. */
    private final AtomicBoolean drainWanted = new AtomicBoolean();
    private long waits;
    private long queuedPackets;

    /**
     * @param onDrained run by the writer thread (it should hop to the loop) once the backlog is
     *                  down to {@link #RESUME_AT} after the loop {@link #markPaused paused}
     */
    public TunWriter(TunDevice tun, Results results, Runnable onDrained) {
        this.tun = requireNonNull(tun, "tun");
        this.results = requireNonNull(results, "results");
        this.onDrained = requireNonNull(onDrained, "onDrained");
        for (int i = 0; i < SLOTS; i++) {
            slots[i] = new Slot();
        }
        // A FastThreadLocalThread has its own pooled-buffer cache, so releasing here is cheap.
        this.thread = new FastThreadLocalThread(this, "tun-writer-" + tun.name());
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    /** Queues a packet for the TUN; takes over the caller's reference. On the loop. */
    public void add(ByteBuf packet, long offload) {
        long p = produced.get();
        if (p - reaped >= SLOTS) {
            awaitSlot(p);
        }
        Slot s = slots[(int) (p % SLOTS)];
        s.packets[s.size] = packet;
        s.offloads[s.size] = offload;
        s.size++;
        queuedPackets++;
        if (s.size == MAX_BATCH) {
            flush();
        }
    }

    private void awaitSlot(long p) {
        waits++;
        LockSupport.unpark(thread);
        while (true) {
            reap();
            if (p - reaped < SLOTS) {
                return;
            }
            if (!running) {
                throw new IllegalStateException("TUN writer " + tun.name() + " stopped");
            }
            // Not a spin: on two cores the writer needs the CPU this thread would burn.
            LockSupport.parkNanos(20_000L);
        }
    }

    /** Hands the batch being filled to the writer (if it holds any packet). On the loop. */
    public void flush() {
        long p = produced.get();
        if (p - reaped >= SLOTS || slots[(int) (p % SLOTS)].size == 0) {
            return;
        }
        // A volatile store (not lazySet): it must not pass the read of sleeping below, or a writer
        // going to sleep could miss this batch (it re-reads produced after setting sleeping).
        produced.set(p + 1);
        if (sleeping) {
            LockSupport.unpark(thread);
        }
        reap();
    }

    /** Counts the results of the batches the writer finished. On the loop. */
    public void reap() {
        long c = consumed.get();
        while (reaped < c) {
            Slot s = slots[(int) (reaped % SLOTS)];
            queuedPackets -= s.size;
            if (s.written > 0) {
                results.written(s.written);
            }
            if (s.refused > 0) {
                results.refused(s.refused);
            }
            if (s.failed > 0) {
                results.failed(s.failed);
            }
            s.size = 0;
            reaped++;
        }
    }

    /** True while {@link #PAUSE_AT} or more batches wait for the writer. On the loop. */
    public boolean backlogged() {
        return produced.get() - consumed.get() >= PAUSE_AT;
    }

    /** The loop paused its input for the backlog: the writer calls onDrained once it is down to {@link #RESUME_AT}. */
    public void markPaused() {
        drainWanted.set(true);
        LockSupport.unpark(thread);
    }

    /** Packets handed to the writer whose results are not yet reaped. On the loop. */
    public long queued() {
        return queuedPackets;
    }

    /** How often the loop had to wait for a free batch. On the loop. */
    public long waits() {
        return waits;
    }

    @Override
    public void run() {
        long c = consumed.get();
        while (running) {
            if (c == produced.get()) {
                sleeping = true;
                if (c == produced.get() && running) {
                    LockSupport.parkNanos(this, 100_000_000L);
                }
                sleeping = false;
                checkDrained(c);
                continue;
            }
            write(slots[(int) (c % SLOTS)]);
            c++;
            consumed.lazySet(c);
            checkDrained(c);
        }
    }

    private void checkDrained(long c) {
        if (drainWanted.get() && produced.get() - c <= RESUME_AT && drainWanted.compareAndSet(true, false)) {
            onDrained.run();
        }
    }

    private void write(Slot s) {
        int written = 0;
        int refused = 0;
        int failed = 0;
        for (int i = 0; i < s.size; i++) {
            ByteBuf packet = s.packets[i];
            s.packets[i] = null;
            try {
                if (tun.write(packet, s.offloads[i])) {
                    written++;
                } else {
                    refused++;
                }
            } catch (IOException | RuntimeException e) {
                failed++;
            } finally {
                packet.release();
            }
        }
        s.written = written;
        s.refused = refused;
        s.failed = failed;
    }

    /**
     * Stops the writer and waits for it; the packets it had not written yet are released
     * (the node is closing: its books are not read again). Call on the loop, or after it ended.
     */
    public void stop() {
        running = false;
        LockSupport.unpark(thread);
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            return;
        }
        for (Slot s : slots) {
            for (int k = 0; k < MAX_BATCH; k++) {
                if (s.packets[k] != null) {
                    s.packets[k].release();
                    s.packets[k] = null;
                }
            }
        }
    }
}
