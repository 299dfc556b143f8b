package io.wanlab.core.node;

import static java.util.Objects.requireNonNull;

import io.wanlab.core.event.Event;
import io.wanlab.core.event.EventLog;
import io.wanlab.core.packet.DropReason;
import io.wanlab.core.packet.PathCounters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JsonGenerator;

/**
 * A node's books: its ingress paths (where packets enter it: a TUN read, a link's frames) and
 * its egress paths (where they leave: a TUN write, a link's send). Each path balances on its own
 * ({@code in == out + dropped}), and what the ingress paths hand on is what the egress paths
 * take in, so for the node {@code in == out + dropped}. Each path may name the kernel device it
 * sits on; status shows that device's counters next to the node's own, named as the kernel's.
 *
 * <p>Threading: owned by the node's one event loop, like the {@link PathCounters} it holds;
 * counters live as long as the node (a reload keeps them), as the kernel's do.
 */
public final class NodeAccounting {
    private static final DropReason[] REASONS = DropReason.values();

    private record Entry(PathCounters path, boolean ingress, String device, boolean tx, long[] reported) {
    }

    private final List<Entry> entries = new ArrayList<>();
    private final Map<String, Long> kernelReported = new HashMap<>();

    /** A path where packets enter the node; {@code device} and {@code tx}: the kernel counter that feeds it, or null. */
    public PathCounters ingress(String name, String device, boolean tx) {
        return add(name, true, device, tx);
    }

    /** A path where packets leave the node; {@code device} and {@code tx}: the kernel counter it feeds, or null. */
    public PathCounters egress(String name, String device, boolean tx) {
        return add(name, false, device, tx);
    }

    /** An egress path whose counters someone else keeps (a link's sending side). */
    public PathCounters egress(PathCounters kept, String device, boolean tx) {
        entries.add(new Entry(requireNonNull(kept, "kept"), false, device, tx, new long[REASONS.length]));
        return kept;
    }

    private PathCounters add(String name, boolean ingress, String device, boolean tx) {
        PathCounters p = new PathCounters(name);
        entries.add(new Entry(p, ingress, device, tx, new long[REASONS.length]));
        return p;
    }

    public List<PathCounters> paths() {
        return entries.stream().map(Entry::path).toList();
    }

    public long in() {
        return entries.stream().filter(Entry::ingress).mapToLong(e -> e.path().in()).sum();
    }

    public long out() {
        return entries.stream().filter(e -> !e.ingress()).mapToLong(e -> e.path().out()).sum();
    }

    public long dropped() {
        return entries.stream().mapToLong(e -> e.path().dropped()).sum();
    }

    /** Packets held in the paths' impairment queues right now (delayed, or waiting for a rate limit). */
    public long queued() {
        return entries.stream().mapToLong(e -> e.path().queued()).sum();
    }

    /** What the ingress paths handed on, and what the egress paths took in: equal when nothing is lost in between. */
    public long handedOn() {
        return entries.stream().filter(Entry::ingress).mapToLong(e -> e.path().out()).sum();
    }

    public long takenIn() {
        return entries.stream().filter(e -> !e.ingress()).mapToLong(e -> e.path().in()).sum();
    }

    /** What does not add up, one sentence each naming the path and the numbers; empty when the books balance. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        for (Entry e : entries) {
            PathCounters p = e.path();
            if (p.unaccounted() != 0) {
                problems.add("path " + p.name() + ": in " + p.in() + " != out " + p.out() + " + dropped " + p.dropped()
                        + (p.queued() != 0 ? " + queued " + p.queued() : "") + " (" + p.unaccounted() + " unaccounted)");
            }
        }
        if (handedOn() != takenIn()) {
            problems.add("between paths: ingress handed on " + handedOn() + ", egress took in " + takenIn());
        }
        return problems;
    }

    /** The {@code accounting} object of a node's status, with the kernel counters of each path's device. */
    public void write(JsonGenerator g, Map<String, KernelCounters.Device> kernel) {
        g.writeObjectPropertyStart("accounting");
        g.writeNumberProperty("in", in()).writeNumberProperty("out", out()).writeNumberProperty("dropped", dropped())
                .writeNumberProperty("queued", queued()).writeNumberProperty("handed-on", handedOn()).writeNumberProperty("taken-in", takenIn());
        List<String> problems = problems();
        g.writeBooleanProperty("balanced", problems.isEmpty());
        g.writeArrayPropertyStart("problems");
        problems.forEach(g::writeString);
        g.writeEndArray();
        g.writeArrayPropertyStart("paths");
        for (Entry e : entries) {
            PathCounters p = e.path();
            g.writeStartObject().writeStringProperty("path", p.name()).writeStringProperty("side", e.ingress() ? "ingress" : "egress")
                    .writeNumberProperty("in", p.in()).writeNumberProperty("out", p.out()).writeNumberProperty("dropped", p.dropped())
                    .writeNumberProperty("queued", p.queued());
            g.writeObjectPropertyStart("drops");
            p.drops().snapshot().forEach((reason, count) -> g.writeNumberProperty(reason.label(), count));
            g.writeEndObject();
            KernelCounters.Device d = e.device() == null ? null : kernel.get(e.device());
            if (d != null) {
                String dir = e.tx() ? "tx" : "rx";
                g.writeObjectPropertyStart("kernel").writeStringProperty("device", e.device())
                        .writeNumberProperty(dir + "_packets", d.packets(e.tx())).writeNumberProperty(dir + "_dropped", d.dropped(e.tx()))
                        .writeEndObject();
            }
            g.writeEndObject();
        }
        g.writeEndArray().writeEndObject();
        g.writeObjectPropertyStart("kernel");
        kernel.forEach((name, d) -> g.writeObjectPropertyStart(name).writeNumberProperty("rx_packets", d.rxPackets())
                .writeNumberProperty("rx_dropped", d.rxDropped()).writeNumberProperty("tx_packets", d.txPackets())
                .writeNumberProperty("tx_dropped", d.txDropped()).writeEndObject());
        g.writeEndObject();
    }

    /**
     * Emits one {@code packet-dropped} event per path and reason whose count grew since the last
     * call, and one per kernel drop counter that grew: drops show in the events, batched, not
     * one line per packet.
     */
    public void reportDrops(EventLog events, String node, Map<String, KernelCounters.Device> kernel) {
        requireNonNull(events, "events");
        long now = System.currentTimeMillis();
        for (Entry e : entries) {
            PathCounters p = e.path();
            for (DropReason r : REASONS) {
                long grew = p.dropped(r) - e.reported()[r.ordinal()];
                if (grew > 0) {
                    e.reported()[r.ordinal()] = p.dropped(r);
                    events.emit(new Event.PacketDropped(now, node, r.label(), grew + " packets on path " + p.name()
                            + " (since start: in " + p.in() + " = out " + p.out() + " + dropped " + p.dropped() + ")"));
                }
            }
        }
        kernel.forEach((dev, d) -> {
            kernelDrop(events, now, node, dev + " tx_dropped", d.txDropped());
            kernelDrop(events, now, node, dev + " rx_dropped", d.rxDropped());
        });
    }

    private void kernelDrop(EventLog events, long now, String node, String counter, long value) {
        if (value < 0) {
            return; // unread this time (-1): the next reading is compared with the last real one, not with -1
        }
        Long before = kernelReported.put(counter, value);
        if (before != null && value > before) {
            events.emit(new Event.PacketDropped(now, node, "kernel " + counter, (value - before) + " packets dropped by the kernel ("
                    + counter + " " + value + ")"));
        }
    }
}
