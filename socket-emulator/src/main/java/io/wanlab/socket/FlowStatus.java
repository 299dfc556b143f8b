package io.wanlab.socket;

import io.wanlab.core.flow.FlowTable;
import io.wanlab.core.lab.Transport;
import io.wanlab.core.net.Ipv4;
import tools.jackson.core.JsonGenerator;

/** Writes a Socket's live flows into a status document (on the event loop; allocates). */
final class FlowStatus {
    private FlowStatus() {
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
