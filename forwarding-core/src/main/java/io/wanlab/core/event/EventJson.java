package io.wanlab.core.event;

import static java.util.Objects.requireNonNull;

/**
 * Writes an {@link Event} as one JSON line (no newline): {@code time}, {@code node} and
 * {@code type} first, then the record's own fields in declaration order under their component
 * names. Booleans of {@link Event.ProxyLeg} are written as 1/0. The order is part of the format:
 * tests pin it, readers may rely on it.
 */
public final class EventJson {
    private EventJson() {
    }

    public static String toJson(Event event) {
        requireNonNull(event, "event");
        StringBuilder sb = new StringBuilder(192);
        write(event, new JsonWriter(sb));
        return sb.toString();
    }

    /** Writes {@code event} as one object value to {@code w} (usable inside an array of a report). */
    public static void write(Event event, JsonWriter w) {
        requireNonNull(event, "event");
        requireNonNull(w, "w");
        w.beginObject().field("time", event.timeMillis()).field("node", event.node()).field("type", event.type());
        switch (event) {
            case Event.FlowCreated e -> w.field("flowId", e.flowId()).field("protocol", e.protocol())
                    .field("srcAddr", e.srcAddr()).field("srcPort", e.srcPort())
                    .field("dstAddr", e.dstAddr()).field("dstPort", e.dstPort());
            case Event.FlowDecided e -> w.field("flowId", e.flowId()).field("ruleIndex", e.ruleIndex())
                    .field("ruleName", e.ruleName()).field("transport", e.transport()).field("reason", e.reason());
            case Event.FlowUndecided e -> w.field("flowId", e.flowId()).field("blockingRuleIndex", e.blockingRuleIndex())
                    .field("ruleName", e.ruleName()).field("explanation", e.explanation());
            case Event.AppIdentified e -> w.field("flowId", e.flowId()).field("kind", e.kind())
                    .field("serverName", e.serverName()).field("application", e.application()).field("category", e.category());
            case Event.AppGaveUp e -> w.field("flowId", e.flowId()).field("reason", e.reason());
            case Event.FlowSwitched e -> w.field("flowId", e.flowId()).field("fromTransport", e.fromTransport())
                    .field("toTransport", e.toTransport()).field("ruleIndex", e.ruleIndex())
                    .field("ruleName", e.ruleName()).field("explanation", e.explanation());
            case Event.PacketDropped e -> w.field("reason", e.reason()).field("detail", e.detail());
            case Event.FlowExpired e -> w.field("flowId", e.flowId()).field("kind", e.kind());
            case Event.FlowEvicted e -> w.field("flowId", e.flowId());
            case Event.LinkUp e -> w.field("link", e.link()).field("peer", e.peer());
            case Event.LinkDown e -> w.field("link", e.link()).field("reason", e.reason());
            case Event.ProxyLeg e -> w.field("clientAddr", e.clientAddr()).field("clientPort", e.clientPort())
                    .field("serverAddr", e.serverAddr()).field("serverPort", e.serverPort())
                    .field("leg", e.leg()).field("state", e.state()).field("detail", e.detail())
                    .field("tcpAcceleration", e.tcpAcceleration() ? 1 : 0).field("tlsInspection", e.tlsInspection() ? 1 : 0);
            case Event.ResetSeen e -> w.field("flowId", e.flowId()).field("direction", e.direction()).field("where", e.where());
            case Event.NodeReady e -> w.field("role", e.role()).field("detail", e.detail());
            case Event.ServerTls e -> w.field("peer", e.peer()).field("what", e.what()).field("detail", e.detail());
        }
        w.endObject();
    }
}
