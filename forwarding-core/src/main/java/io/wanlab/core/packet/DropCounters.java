package io.wanlab.core.packet;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * Counts rejected packets per {@link DropReason} in a plain {@code long[]}, so counting costs no allocation.
 *
 * <p>Threading: not thread-safe. One owner thread (the event loop that reads the packets) calls every
 * method, {@link #snapshot()} included; another thread that wants the numbers asks the owner, for
 * example by submitting a task to its event loop. Give each event loop its own instance.
 */
public final class DropCounters {
    private static final DropReason[] REASONS = DropReason.values();

    private final long[] counts = new long[REASONS.length];

    /** Counts one drop for {@code reason}; {@link DropReason#NONE} is not a drop and is ignored. */
    public void increment(DropReason reason) {
        requireNonNull(reason, "reason");
        if (reason != DropReason.NONE) {
            counts[reason.ordinal()]++;
        }
    }

    /** Counts {@code n} drops for {@code reason} (a frame's worth of packets at once). */
    public void add(DropReason reason, long n) {
        requireNonNull(reason, "reason");
        if (reason != DropReason.NONE) {
            counts[reason.ordinal()] += n;
        }
    }

    /**
     * Counts {@code reason} and says whether the packet may go on, so a caller can write
     * {@code if (!counters.accept(view.wrap(buf))) return;}.
     */
    public boolean accept(DropReason reason) {
        increment(reason);
        return reason == DropReason.NONE;
    }

    public long get(DropReason reason) {
        requireNonNull(reason, "reason");
        return counts[reason.ordinal()];
    }

    /** Drops over all reasons. */
    public long total() {
        long sum = 0;
        for (long c : counts) {
            sum += c;
        }
        return sum;
    }

    /** Adds this instance's counts to {@code target}, for summing per-event-loop counters on one thread. */
    public void addTo(DropCounters target) {
        requireNonNull(target, "target");
        for (int i = 0; i < counts.length; i++) {
            target.counts[i] += counts[i];
        }
    }

    public void reset() {
        Arrays.fill(counts, 0);
    }

    /** Non-zero counts in declaration order, as an immutable copy for status output (allocates). */
    public Map<DropReason, Long> snapshot() {
        EnumMap<DropReason, Long> copy = new EnumMap<>(DropReason.class);
        for (DropReason reason : REASONS) {
            long c = counts[reason.ordinal()];
            if (c != 0) {
                copy.put(reason, c);
            }
        }
        return Collections.unmodifiableMap(copy);
    }

    @Override
    public String toString() {
        return "DropCounters" + snapshot();
    }
}
