package io.wanlab.core.packet;

import static java.util.Objects.requireNonNull;

/**
 * One path through a node (the LAN's TUN to the links, a link to the TUN, a link's sending side,
 * ...): packets that entered it, packets it handed on, and the ones it dropped, by reason. The
 * accounting rule is {@code in == out + dropped + queued} whenever the owner is between two tasks
 * ({@code queued}: packets a link impairment holds, delayed or waiting for its rate limit, 0 on
 * a clean path); what is left over ({@link #unaccounted()}) is a packet lost without a count.
 *
 * <p>Threading: like {@link DropCounters}, one owner thread (the node's event loop) calls every
 * method; counting allocates nothing.
 */
public final class PathCounters {
    private final String name;
    private final DropCounters drops = new DropCounters();
    private long in;
    private long out;
    private long queued;

    public PathCounters(String name) {
        this.name = requireNonNull(name, "name");
    }

    public String name() {
        return name;
    }

    /** One packet entered the path. */
    public void countIn() {
        in++;
    }

    public void countIn(long n) {
        in += n;
    }

    /** One packet left the path where it should. */
    public void countOut() {
        out++;
    }

    public void countOut(long n) {
        out += n;
    }

    /** Packets held on the path (a delay queue); they leave later, counted out or dropped. */
    public void hold(long n) {
        queued += n;
    }

    /** Held packets that left the queue (each is then counted out or dropped). */
    public void unhold(long n) {
        queued -= n;
    }

    public long queued() {
        return queued;
    }

    /** One packet was dropped for {@code reason} (not {@link DropReason#NONE}). */
    public void drop(DropReason reason) {
        drop(reason, 1);
    }

    public void drop(DropReason reason, long n) {
        if (requireNonNull(reason, "reason") == DropReason.NONE) {
            throw new IllegalArgumentException("reason: NONE (expected: a drop reason)");
        }
        drops.add(reason, n);
    }

    public long in() {
        return in;
    }

    public long out() {
        return out;
    }

    public long dropped() {
        return drops.total();
    }

    public long dropped(DropReason reason) {
        return drops.get(reason);
    }

    public DropCounters drops() {
        return drops;
    }

    /** Packets that entered and neither left nor were counted as dropped; 0 when the books balance. */
    public long unaccounted() {
        return in - out - drops.total() - queued;
    }

    @Override
    public String toString() {
        return name + ": in " + in + " = out " + out + " + dropped " + drops.total() + (queued != 0 ? " + queued " + queued : "")
                + " " + drops.snapshot();
    }
}
