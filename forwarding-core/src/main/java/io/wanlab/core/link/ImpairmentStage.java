package io.wanlab.core.link;

import static java.util.Objects.requireNonNull;

import io.netty.buffer.ByteBuf;
import io.wanlab.core.lab.Impairment;
import io.wanlab.core.packet.DropReason;
import java.util.ArrayDeque;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * One link end's impairment, free of channels and timers so that it runs on a fake clock in
 * tests: each packet offered is dropped (blackhole, flap, loss, a full rate queue), or given a
 * departure time and held until then. Hand-written because tc netem cannot run here; the model
 * is netem's, in this order: the link's state (blackhole, flap), random loss, the rate limit,
 * then delay and jitter.
 *
 * <ul>
 * <li>Rate: a token bucket of {@link #BURST_BYTES} filled at the rate; a packet leaves when the
 * bucket holds its size (frame overhead not counted). The queue in front of it holds at most
 * {@link #maxBacklogNanos} of traffic; a packet that would wait longer is dropped (tail drop).</li>
 * <li>Delay and jitter: each packet's delay is {@code delay} plus a uniform draw in
 * {@code [-jitter, +jitter]}, but never leaves before the packet ahead of it: order is kept,
 * as netem keeps it when it has no reorder setting.</li>
 * <li>Flap: down for {@code flapDown} from the moment the setting is applied, and again every
 * {@code flapEvery} when given.</li>
 * </ul>
 *
 * <p>Times are {@link System#nanoTime()}-style nanoseconds from the caller. Not thread-safe: one
 * event loop owns it. Held packets are owned by the stage until released or discarded.
 */
public final class ImpairmentStage {
    /** The bucket's depth: two full-size Ethernet packets go out back to back, as a line card's queue lets them. */
    static final long BURST_BYTES = 3000;
    /** The rate queue holds at least this long at the rate (or four 1500-byte packets, whichever is longer). */
    static final long MIN_BACKLOG_NANOS = 100_000_000L;

    private record Held(ByteBuf packet, long offload, long dueNanos) {
    }

    /** Receives a packet with its {@link io.wanlab.core.packet.Offload} metadata (0: a plain packet). */
    @FunctionalInterface
    public interface Sink {
        void accept(ByteBuf packet, long offload);
    }

    private final Impairment settings;
    private final long startNanos;
    private final SplittableRandom random;
    private final ArrayDeque<Held> held = new ArrayDeque<>();
    private final long burstNanos;
    private final long maxBacklogNanos;
    /**
     * Token bucket, in time: the bucket is full at {@code bucketNanos + burst}; admitting a packet
     * moves it on by the packet's transmit time, and the packet leaves once the clock passes it.
     */
    private long bucketNanos = Long.MIN_VALUE;
    private long lastDueNanos = Long.MIN_VALUE;

    public ImpairmentStage(Impairment settings, long nowNanos) {
        this.settings = requireNonNull(settings, "settings");
        this.startNanos = nowNanos;
        this.random = new SplittableRandom(settings.seed());
        this.burstNanos = settings.rateBits() > 0 ? transmitNanos(BURST_BYTES) : 0;
        this.maxBacklogNanos = settings.rateBits() > 0 ? Math.max(MIN_BACKLOG_NANOS, transmitNanos(4 * 1500)) : 0;
    }

    public Impairment settings() {
        return settings;
    }

    /** Whether the link drops everything now: blackholed or in a flap's down spell (keepalives too). */
    public boolean dark(long nowNanos) {
        return settings.blackhole() || flapping(nowNanos);
    }

    private boolean flapping(long nowNanos) {
        long down = settings.flapDownMicros() * 1000;
        if (down == 0) {
            return false;
        }
        long since = nowNanos - startNanos;
        long every = settings.flapEveryMicros() * 1000;
        return (every == 0 ? since : since % every) < down;
    }

    /**
     * Takes the packet (always): returns {@link DropReason#NONE} when it is accepted, in which case
     * it went to {@code forward} at once (nothing ahead of it and no wait) or is held for
     * {@link #release}; otherwise the drop reason, the packet released.
     */
    public DropReason offer(ByteBuf packet, long nowNanos, Consumer<ByteBuf> forward) {
        return offerWith(packet, 0L, nowNanos, (p, offload) -> forward.accept(p));
    }

    /**
     * {@link #offer} for a packet with offload metadata, which travels with it. A super-packet is
     * one packet here, as a GSO buffer is one to netem on an interface with TSO: loss takes it
     * whole, the rate charges its whole length.
     */
    public DropReason offerWith(ByteBuf packet, long offload, long nowNanos, Sink forward) {
        DropReason drop = settings.blackhole() ? DropReason.IMPAIR_BLACKHOLE
                : flapping(nowNanos) ? DropReason.IMPAIR_FLAP
                : settings.lossPercent() > 0 && random.nextDouble() * 100 < settings.lossPercent() ? DropReason.IMPAIR_LOSS
                : DropReason.NONE;
        long due = nowNanos;
        if (drop == DropReason.NONE && settings.rateBits() > 0) {
            long admitted = Math.max(bucketNanos, nowNanos - burstNanos) + transmitNanos(packet.readableBytes());
            long leaves = Math.max(nowNanos, admitted);
            if (leaves - nowNanos > maxBacklogNanos) {
                drop = DropReason.IMPAIR_RATE;
            } else {
                bucketNanos = admitted;
                due = leaves;
            }
        }
        if (drop != DropReason.NONE) {
            packet.release();
            return drop;
        }
        due += delayNanos();
        due = Math.max(due, lastDueNanos);
        lastDueNanos = due;
        if (due <= nowNanos && held.isEmpty()) {
            forward.accept(packet, offload);
        } else {
            held.addLast(new Held(packet, offload, due));
        }
        return DropReason.NONE;
    }

    private long delayNanos() {
        long delay = settings.delayMicros() * 1000;
        long jitter = settings.jitterMicros() * 1000;
        if (jitter > 0) {
            delay += (long) ((random.nextDouble() * 2 - 1) * jitter);
        }
        return Math.max(0, delay);
    }

    private long transmitNanos(long bytes) {
        return (long) (bytes * 8 * 1e9 / settings.rateBits());
    }

    /** Hands every held packet due by {@code nowNanos} to {@code forward}, in order; returns how many. */
    public int release(long nowNanos, Consumer<ByteBuf> forward) {
        return releaseTo(nowNanos, (p, offload) -> forward.accept(p));
    }

    /** {@link #release}, each packet with its offload metadata. */
    public int releaseTo(long nowNanos, Sink forward) {
        int n = 0;
        while (!held.isEmpty() && held.peekFirst().dueNanos() <= nowNanos) {
            Held h = held.pollFirst();
            forward.accept(h.packet(), h.offload());
            n++;
        }
        return n;
    }

    /** Hands every held packet to {@code sink} now, whatever its due time (settings replaced, link stopped); returns how many. */
    public int drain(Consumer<ByteBuf> sink) {
        return drainTo((p, offload) -> sink.accept(p));
    }

    /** {@link #drain}, each packet with its offload metadata. */
    public int drainTo(Sink sink) {
        int n = held.size();
        while (!held.isEmpty()) {
            Held h = held.pollFirst();
            sink.accept(h.packet(), h.offload());
        }
        return n;
    }

    /** When the first held packet is due, or {@link Long#MAX_VALUE} when none is held. */
    public long nextDueNanos() {
        return held.isEmpty() ? Long.MAX_VALUE : held.peekFirst().dueNanos();
    }

    public int queued() {
        return held.size();
    }
}
