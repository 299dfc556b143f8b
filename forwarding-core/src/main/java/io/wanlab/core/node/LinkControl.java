package io.wanlab.core.node;

import static java.util.Objects.requireNonNull;

import io.wanlab.core.event.Event;
import io.wanlab.core.event.EventLog;
import io.wanlab.core.json.Json;
import io.wanlab.core.lab.Impairment;
import io.wanlab.core.lab.LabFile;
import io.wanlab.core.lab.LinkSpec;
import io.wanlab.core.link.LinkEndpoint;
import io.wanlab.core.link.LinkTransport;
import io.wanlab.core.packet.PathCounters;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import tools.jackson.core.JsonGenerator;

/**
 * A device node's link impairments and keepalive timing, shared by the Socket and the PoP: set
 * from the lab file when the node starts (each link's {@code impair} for this node's end, its
 * {@code keepalive}), changed at run time over the control socket ({@code link show},
 * {@code link set LINK WORDS...}, see {@link Impairment}), shown in status, and logged as a
 * {@code link-impaired} event at each change. Owned by the node's event loop, like the links.
 */
public final class LinkControl {
    public static final String FROM_LAB_FILE = "lab file";
    public static final String FROM_CONTROL = "control";

    private final String node;
    private final LinkEndpoint[] endpoints;
    private final Supplier<EventLog> events;

    public LinkControl(String node, LinkEndpoint[] endpoints, Supplier<EventLog> events) {
        this.node = requireNonNull(node, "node");
        // A node may leave a slot empty (a PoP link the topology does not place): skipped.
        this.endpoints = java.util.Arrays.stream(requireNonNull(endpoints, "endpoints")).filter(java.util.Objects::nonNull)
                .toArray(LinkEndpoint[]::new);
        this.events = requireNonNull(events, "events");
    }

    /** Before the links start: each link's keepalive timing from the lab file. */
    public void configure(LabFile lab) {
        for (LinkEndpoint e : endpoints) {
            spec(lab, e).ifPresent(s -> e.keepalive(s.keepalive()));
        }
    }

    /** On the event loop, once the node is up: each end's impairment from the lab file (one event per impaired link). */
    public void applyLabFile(LabFile lab) {
        for (LinkEndpoint e : endpoints) {
            spec(lab, e).map(s -> s.impairmentFrom(node)).filter(i -> !i.isNone()).ifPresent(i -> set(e, i, FROM_LAB_FILE));
        }
    }

    private static java.util.Optional<LinkSpec> spec(LabFile lab, LinkEndpoint e) {
        return lab.links().stream().filter(l -> l.name().equals(e.end().link())).findFirst();
    }

    private void set(LinkEndpoint e, Impairment settings, String source) {
        e.impair(settings);
        events.get().emit(new Event.LinkImpaired(System.currentTimeMillis(), node, e.end().link(), settings.toString(), source));
    }

    /**
     * The words after {@code link} on the control socket, on the event loop: {@code show}, or
     * {@code set LINK WORDS...} (changes only what the words name; {@code none} first clears).
     */
    public String answer(List<String> words) {
        if (words.isEmpty()) {
            return ControlRequests.error("link: nothing asked (expected: link show, or link set LINK delay=30ms ...)");
        }
        switch (words.getFirst()) {
            case "show" -> {
                return json(List.of(endpoints));
            }
            case "set" -> {
                if (words.size() < 3) {
                    return ControlRequests.error("link set: expected LINK and at least one setting (delay=30ms, none, ...)");
                }
                LinkEndpoint e = find(words.get(1));
                if (e == null) {
                    return ControlRequests.error("link set: node " + node + " has no link '" + words.get(1) + "' (it has: "
                            + String.join(", ", names()) + ")");
                }
                List<String> settings = words.subList(2, words.size());
                Impairment base = e.impairment();
                if (settings.getFirst().equals("none")) {
                    base = Impairment.NONE;
                    settings = settings.subList(1, settings.size());
                }
                Impairment next;
                try {
                    next = base.with(settings);
                } catch (IllegalArgumentException ex) {
                    return ControlRequests.error("link set " + e.end().link() + ": " + ex.getMessage());
                }
                set(e, next, FROM_CONTROL);
                return json(List.of(e));
            }
            default -> {
                return ControlRequests.error("link: unknown request '" + words.getFirst() + "' (expected: show or set)");
            }
        }
    }

    private LinkEndpoint find(String link) {
        for (LinkEndpoint e : endpoints) {
            if (e.end().link().equals(link)) {
                return e;
            }
        }
        return null;
    }

    private List<String> names() {
        List<String> names = new ArrayList<>();
        for (LinkEndpoint e : endpoints) {
            names.add(e.end().link());
        }
        return names;
    }

    private String json(List<LinkEndpoint> which) {
        return Json.write(g -> {
            g.writeStartObject().writeBooleanProperty("ok", true).writeStringProperty("node", node);
            g.writeArrayPropertyStart("links");
            for (LinkEndpoint e : which) {
                g.writeStartObject().writeStringProperty("name", e.end().link()).writeStringProperty("peer", e.end().peer())
                        .writeBooleanProperty("up", e.isUp());
                write(g, e);
                g.writeEndObject();
            }
            g.writeEndArray().writeEndObject();
        });
    }

    /**
     * A link's impairment fields, for {@code link show} and each link of the node's status: the
     * setting, the keepalive timing, what its sending side holds and what it dropped by reason, and
     * for a link over UDP the datagrams that carried nothing on, by reason.
     */
    public static void write(JsonGenerator g, LinkEndpoint e) {
        PathCounters sending = e.sending();
        g.writeStringProperty("impairment", e.impairment().toString())
                .writeStringProperty("keepalive", e.keepalive().toString())
                .writeNumberProperty("queued", sending.queued())
                .writeNumberProperty("control-frames-dropped", e.controlFramesDropped());
        g.writeObjectPropertyStart("send-drops");
        sending.drops().snapshot().forEach((reason, count) -> g.writeNumberProperty(reason.label(), count));
        g.writeEndObject();
        if (e.linkTransport() == LinkTransport.UDP) {
            g.writeObjectPropertyStart("datagram-drops");
            e.datagramDrops().forEach(g::writeNumberProperty);
            g.writeEndObject();
        }
    }
}
