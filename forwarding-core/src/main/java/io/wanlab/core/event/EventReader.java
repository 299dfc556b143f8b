package io.wanlab.core.event;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/**
 * Builds an {@link Event} from its JSON object (see {@link EventJson}): the {@code type} member
 * picks the record, each field is read by the name and kind it was written with, and the
 * record's own constructor checks the values. Errors name the type and the member.
 */
final class EventReader {
    /** By JSON type name; the round-trip test proves every permitted subtype is here. */
    private static final Map<String, Function<Fields, Event>> READERS = new LinkedHashMap<>();

    static {
        READERS.put("flow-created", f -> new Event.FlowCreated(f.time(), f.node(), f.int64("flowId"), f.string("protocol"),
                f.string("srcAddr"), f.int32("srcPort"), f.string("dstAddr"), f.int32("dstPort")));
        READERS.put("flow-decided", f -> new Event.FlowDecided(f.time(), f.node(), f.int64("flowId"), f.int32("ruleIndex"),
                f.string("ruleName"), f.string("transport"), f.string("reason")));
        READERS.put("flow-undecided", f -> new Event.FlowUndecided(f.time(), f.node(), f.int64("flowId"),
                f.int32("blockingRuleIndex"), f.string("ruleName"), f.string("explanation")));
        READERS.put("app-identified", f -> new Event.AppIdentified(f.time(), f.node(), f.int64("flowId"), f.string("kind"),
                f.string("serverName"), f.stringOrNull("application"), f.stringOrNull("category")));
        READERS.put("app-gave-up", f -> new Event.AppGaveUp(f.time(), f.node(), f.int64("flowId"), f.string("reason")));
        READERS.put("flow-switched", f -> new Event.FlowSwitched(f.time(), f.node(), f.int64("flowId"),
                f.string("fromTransport"), f.string("toTransport"), f.int32("ruleIndex"), f.string("ruleName"),
                f.string("explanation")));
        READERS.put("packet-dropped", f -> new Event.PacketDropped(f.time(), f.node(), f.string("reason"), f.string("detail")));
        READERS.put("flow-expired", f -> new Event.FlowExpired(f.time(), f.node(), f.int64("flowId"), f.string("kind")));
        READERS.put("flow-evicted", f -> new Event.FlowEvicted(f.time(), f.node(), f.int64("flowId")));
        READERS.put("flow-replaced", f -> new Event.FlowReplaced(f.time(), f.node(), f.int64("flowId"), f.int64("newFlowId"),
                f.string("reason")));
        READERS.put("link-up", f -> new Event.LinkUp(f.time(), f.node(), f.string("link"), f.string("peer")));
        READERS.put("link-down", f -> new Event.LinkDown(f.time(), f.node(), f.string("link"), f.string("reason")));
        READERS.put("link-impaired", f -> new Event.LinkImpaired(f.time(), f.node(), f.string("link"), f.string("impairment"),
                f.string("source")));
        READERS.put("proxy-leg", f -> new Event.ProxyLeg(f.time(), f.node(), f.string("clientAddr"), f.int32("clientPort"),
                f.string("serverAddr"), f.int32("serverPort"), f.string("leg"), f.string("state"), f.string("detail"),
                f.flag("tcpAcceleration"), f.flag("tlsInspection")));
        READERS.put("reset-seen", f -> new Event.ResetSeen(f.time(), f.node(), f.int64("flowId"), f.string("direction"),
                f.string("where")));
        READERS.put("node-ready", f -> new Event.NodeReady(f.time(), f.node(), f.string("role"), f.string("detail")));
        READERS.put("server-tls", f -> new Event.ServerTls(f.time(), f.node(), f.string("peer"), f.string("what"),
                f.string("detail")));
    }

    private EventReader() {
    }

    static Event read(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("event: " + kind(node) + " (expected: a JSON object)");
        }
        JsonNode type = node.get("type");
        if (type == null || !type.isString()) {
            throw new IllegalArgumentException("event: type " + kind(type) + " (expected: a string such as \"flow-created\")");
        }
        Function<Fields, Event> reader = READERS.get(type.stringValue());
        if (reader == null) {
            throw new IllegalArgumentException("event: unknown type '" + type.stringValue() + "' (expected: one of "
                    + String.join(", ", READERS.keySet()) + ")");
        }
        try {
            return reader.apply(new Fields(node));
        } catch (IllegalArgumentException e) {
            // A member missing or of the wrong kind, or a record's own check (a port out of range): say which event.
            throw new IllegalArgumentException(type.stringValue() + ": " + e.getMessage(), e);
        }
    }

    private static String kind(JsonNode v) {
        if (v == null || v.isMissingNode()) {
            return "missing";
        }
        return switch (v.getNodeType()) {
            case OBJECT -> "an object";
            case ARRAY -> "an array";
            case STRING -> "a string";
            case NUMBER -> "the number " + v;
            case BOOLEAN -> v.toString();
            case NULL -> "null";
            default -> v.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
        };
    }

    /** Typed access to one event object's members; every miss is an error naming the member. */
    private record Fields(JsonNode object) {
        long time() {
            return int64("time");
        }

        String node() {
            return string("node");
        }

        long int64(String name) {
            JsonNode v = object.get(name);
            if (v == null || !v.isIntegralNumber() || !v.canConvertToLong()) {
                throw wrong(name, v, "an integer");
            }
            return v.longValue();
        }

        int int32(String name) {
            JsonNode v = object.get(name);
            if (v == null || !v.isIntegralNumber() || !v.canConvertToInt()) {
                throw wrong(name, v, "an integer of 32 bits");
            }
            return v.intValue();
        }

        String string(String name) {
            JsonNode v = object.get(name);
            if (v == null || !v.isString()) {
                throw wrong(name, v, "a string");
            }
            return v.stringValue();
        }

        String stringOrNull(String name) {
            JsonNode v = object.get(name);
            return v != null && v.isNull() ? null : string(name);
        }

        /** The 1/0 the writer uses for booleans. */
        boolean flag(String name) {
            JsonNode v = object.get(name);
            if (v == null || !v.isIntegralNumber() || !v.canConvertToLong() || (v.longValue() != 0 && v.longValue() != 1)) {
                throw wrong(name, v, "1 or 0");
            }
            return v.longValue() == 1;
        }

        private IllegalArgumentException wrong(String name, JsonNode v, String expected) {
            return new IllegalArgumentException(name + " " + kind(v) + " (expected: " + expected + ")");
        }
    }
}
