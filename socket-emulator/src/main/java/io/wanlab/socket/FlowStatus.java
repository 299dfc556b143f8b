package io.wanlab.socket;

import io.wanlab.core.flow.FlowKind;
import io.wanlab.core.flow.FlowKindCounts;
import io.wanlab.core.flow.FlowTable;
import io.wanlab.core.flow.FlowTableStats;
import io.wanlab.core.lab.Transport;
import io.wanlab.core.net.Ipv4;
import tools.jackson.core.JsonGenerator;

/** Writes a Socket's live flows into a status document (on the event loop; allocates). */
final class FlowStatus {
    private FlowStatus() {
    }

    /**
     * {@code "flow-table": {size, capacity, inserts, removes, evictions, expirations, memory-bytes}}:
     * the table's bound and what it cost. Evictions and expirations are totals, then per kind of
     * flow at the time ({@code evicted-by-kind}); a flood past the capacity shows as evictions.
     */
    static void writeTable(FlowTableStats stats, JsonGenerator g) {
        g.writeObjectPropertyStart("flow-table")
                .writeNumberProperty("size", stats.size())
                .writeNumberProperty("capacity", stats.capacity())
                .writeNumberProperty("inserts", stats.inserts())
                .writeNumberProperty("removes", stats.removes())
                .writeNumberProperty("evictions", stats.evictions().total())
                .writeNumberProperty("expirations", stats.expirations().total())
                .writeNumberProperty("memory-bytes", stats.memoryBytes());
        kinds(g, "evicted-by-kind", stats.evictions());
        kinds(g, "expired-by-kind", stats.expirations());
        g.writeEndObject();
    }

    private static void kinds(JsonGenerator g, String name, FlowKindCounts counts) {
        g.writeObjectPropertyStart(name);
        for (FlowKind kind : FlowKind.values()) {
            g.writeNumberProperty(kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'), counts.get(kind));
        }
        g.writeEndObject();
    }

    static void write(FlowSteering steering, JsonGenerator g, int limit) {
        int[] written = {0};
        FlowTable flows = steering.flows();
        flows.forEach((table, slot) -> {
            if (written[0]++ >= limit) {
                return;
            }
            Transport t = table.transport(slot);
            g.writeStartObject()
                    .writeNumberProperty("id", table.flowId(slot))
                    .writeNumberProperty("protocol", table.protocol(slot))
                    .writeStringProperty("initiator", Ipv4.format(table.initiatorIp(slot)) + ":" + table.initiatorPort(slot))
                    .writeStringProperty("responder", Ipv4.format(table.responderIp(slot)) + ":" + table.responderPort(slot))
                    .writeStringProperty("state", table.state(slot).name().toLowerCase())
                    .writeStringProperty("transport", t == null ? "none" : t.label())
                    .writeNumberProperty("rule", table.ruleIndex(slot) + 1)
                    .writeStringProperty("kind", table.kind(slot).name().toLowerCase())
                    .writeNumberProperty("packets-forward", table.forwardPackets(slot))
                    .writeNumberProperty("packets-reverse", table.reversePackets(slot))
                    .writeEndObject();
        });
    }
}
