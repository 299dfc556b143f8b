package io.wanlab.socket;

import io.wanlab.core.event.JsonWriter;
import io.wanlab.core.flow.FlowTable;
import io.wanlab.core.lab.Transport;
import io.wanlab.core.net.Ipv4;

/** Writes a Socket's live flows into a status document (on the event loop; allocates). */
final class FlowStatus {
    private FlowStatus() {
    }

    static void write(FlowSteering steering, JsonWriter w, int limit) {
        int[] written = {0};
        FlowTable flows = steering.flows();
        flows.forEach((table, slot) -> {
            if (written[0]++ >= limit) {
                return;
            }
            Transport t = table.transport(slot);
            w.beginObject()
                    .field("id", table.flowId(slot))
                    .field("protocol", table.protocol(slot))
                    .field("initiator", Ipv4.format(table.initiatorIp(slot)) + ":" + table.initiatorPort(slot))
                    .field("responder", Ipv4.format(table.responderIp(slot)) + ":" + table.responderPort(slot))
                    .field("state", table.state(slot).name().toLowerCase())
                    .field("transport", t == null ? "none" : t.label())
                    .field("rule", table.ruleIndex(slot) + 1)
                    .field("kind", table.kind(slot).name().toLowerCase())
                    .field("packets-forward", table.forwardPackets(slot))
                    .field("packets-reverse", table.reversePackets(slot))
                    .endObject();
        });
    }
}
