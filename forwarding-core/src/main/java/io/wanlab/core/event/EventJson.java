package io.wanlab.core.event;

import static java.util.Objects.requireNonNull;

import io.wanlab.core.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;

/**
 * The JSON form of an {@link Event}, both ways.
 *
 * <p>Writing: one JSON object on one line (no newline): {@code time}, {@code node} and
 * {@code type} first, then the record's own fields in declaration order under their component
 * names. Booleans of {@link Event.ProxyLeg} are written as 1/0. The order is part of the format:
 * tests pin it, and old tools searched the text.
 *
 * <p>Reading, for tools that look at what a node saw (repro's evidence, tests):
 * <ul>
 * <li>{@link #parse(String)} turns one line back into the record its {@code type} names, equal to
 *     the one that was written. Members a record does not have are ignored (a newer node may add
 *     some); a missing member, a wrong kind of value, an unknown type or a value the record refuses
 *     is an {@link IllegalArgumentException} that says which.
 * <li>{@link #readAll(Path)} reads a whole events.jsonl: no file is no events; an unterminated
 *     last line that does not parse is skipped, because a running node may be halfway through
 *     writing it; any other bad line is an {@link IllegalArgumentException} naming
 *     {@code file:line}.
 * </ul>
 * For example, the PoP's client legs of port 40000:
 * <pre>{@code
 * EventJson.readAll(runDir.resolve("pop/events.jsonl")).stream()
 *         .filter(e -> e instanceof Event.ProxyLeg leg && leg.clientPort() == 40000 && leg.leg().equals("client"))
 *         .toList();
 * }</pre>
 * Stateless; safe from any thread.
 */
public final class EventJson {
    private EventJson() {
    }

    public static String toJson(Event event) {
        requireNonNull(event, "event");
        return Json.write(g -> write(event, g));
    }

    /** Writes {@code event} as one object value to {@code g} (usable inside an array of a report). */
    public static void write(Event event, JsonGenerator g) {
        requireNonNull(event, "event");
        requireNonNull(g, "g");
        g.writeStartObject();
        g.writeNumberProperty("time", event.timeMillis());
        g.writeStringProperty("node", event.node());
        g.writeStringProperty("type", event.type());
        switch (event) {
            case Event.FlowCreated e -> {
                g.writeNumberProperty("flowId", e.flowId());
                g.writeStringProperty("protocol", e.protocol());
                g.writeStringProperty("srcAddr", e.srcAddr());
                g.writeNumberProperty("srcPort", e.srcPort());
                g.writeStringProperty("dstAddr", e.dstAddr());
                g.writeNumberProperty("dstPort", e.dstPort());
            }
            case Event.FlowDecided e -> {
                g.writeNumberProperty("flowId", e.flowId());
                g.writeNumberProperty("ruleIndex", e.ruleIndex());
                g.writeStringProperty("ruleName", e.ruleName());
                g.writeStringProperty("transport", e.transport());
                g.writeStringProperty("reason", e.reason());
            }
            case Event.FlowUndecided e -> {
                g.writeNumberProperty("flowId", e.flowId());
                g.writeNumberProperty("blockingRuleIndex", e.blockingRuleIndex());
                g.writeStringProperty("ruleName", e.ruleName());
                g.writeStringProperty("explanation", e.explanation());
            }
            case Event.AppIdentified e -> {
                g.writeNumberProperty("flowId", e.flowId());
                g.writeStringProperty("kind", e.kind());
                g.writeStringProperty("serverName", e.serverName());
                g.writeStringProperty("application", e.application());
                g.writeStringProperty("category", e.category());
            }
            case Event.AppGaveUp e -> {
                g.writeNumberProperty("flowId", e.flowId());
                g.writeStringProperty("reason", e.reason());
            }
            case Event.FlowSwitched e -> {
                g.writeNumberProperty("flowId", e.flowId());
                g.writeStringProperty("fromTransport", e.fromTransport());
                g.writeStringProperty("toTransport", e.toTransport());
                g.writeNumberProperty("ruleIndex", e.ruleIndex());
                g.writeStringProperty("ruleName", e.ruleName());
                g.writeStringProperty("explanation", e.explanation());
            }
            case Event.PacketDropped e -> {
                g.writeStringProperty("reason", e.reason());
                g.writeStringProperty("detail", e.detail());
            }
            case Event.FlowExpired e -> {
                g.writeNumberProperty("flowId", e.flowId());
                g.writeStringProperty("kind", e.kind());
            }
            case Event.FlowEvicted e -> g.writeNumberProperty("flowId", e.flowId());
            case Event.FlowReplaced e -> {
                g.writeNumberProperty("flowId", e.flowId());
                g.writeNumberProperty("newFlowId", e.newFlowId());
                g.writeStringProperty("reason", e.reason());
            }
            case Event.LinkUp e -> {
                g.writeStringProperty("link", e.link());
                g.writeStringProperty("peer", e.peer());
            }
            case Event.LinkDown e -> {
                g.writeStringProperty("link", e.link());
                g.writeStringProperty("reason", e.reason());
            }
            case Event.LinkImpaired e -> {
                g.writeStringProperty("link", e.link());
                g.writeStringProperty("impairment", e.impairment());
                g.writeStringProperty("source", e.source());
            }
            case Event.ProxyLeg e -> {
                g.writeStringProperty("clientAddr", e.clientAddr());
                g.writeNumberProperty("clientPort", e.clientPort());
                g.writeStringProperty("serverAddr", e.serverAddr());
                g.writeNumberProperty("serverPort", e.serverPort());
                g.writeStringProperty("leg", e.leg());
                g.writeStringProperty("state", e.state());
                g.writeStringProperty("detail", e.detail());
                g.writeNumberProperty("tcpAcceleration", e.tcpAcceleration() ? 1 : 0);
                g.writeNumberProperty("tlsInspection", e.tlsInspection() ? 1 : 0);
            }
            case Event.ResetSeen e -> {
                g.writeNumberProperty("flowId", e.flowId());
                g.writeStringProperty("direction", e.direction());
                g.writeStringProperty("where", e.where());
            }
            case Event.NodeReady e -> {
                g.writeStringProperty("role", e.role());
                g.writeStringProperty("detail", e.detail());
            }
            case Event.ServerTls e -> {
                g.writeStringProperty("peer", e.peer());
                g.writeStringProperty("what", e.what());
                g.writeStringProperty("detail", e.detail());
            }
        }
        g.writeEndObject();
    }

    /**
     * One events.jsonl line back as its record. Throws {@link IllegalArgumentException} when the
     * line is not JSON, not an event of a known type, or misses a field of that type.
     */
    public static Event parse(String line) {
        requireNonNull(line, "line");
        JsonNode node;
        try {
            node = Json.strict().readTree(line);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
        }
        return EventReader.read(node);
    }

    /**
     * Every event in an events.jsonl file, in file order; empty when there is no file. An
     * unterminated last line that does not parse is skipped (the node may be writing it); any
     * other bad line throws {@link IllegalArgumentException} with {@code file:line: why}.
     */
    public static List<Event> readAll(Path eventsJsonl) throws IOException {
        requireNonNull(eventsJsonl, "eventsJsonl");
        byte[] raw;
        try {
            raw = Files.readAllBytes(eventsJsonl);
        } catch (NoSuchFileException e) {
            return List.of();
        }
        List<Event> events = new ArrayList<>();
        int lineNo = 0;
        for (int start = 0; start < raw.length; ) {
            lineNo++;
            int end = indexOf(raw, (byte) '\n', start);
            boolean terminated = end >= 0;
            int stop = terminated ? end : raw.length;
            try {
                events.add(parse(raw, start, stop - start));
            } catch (IllegalArgumentException e) {
                if (terminated) {
                    throw new IllegalArgumentException(eventsJsonl + ":" + lineNo + ": " + e.getMessage(), e);
                }
                // An unterminated last line that does not parse: a node mid-write, not a broken file.
            }
            start = stop + 1;
        }
        return events;
    }

    private static Event parse(byte[] raw, int offset, int length) {
        JsonNode node;
        try {
            // Jackson decodes the UTF-8 itself, so a character cut in half by a writer is a parse error like any other.
            node = Json.strict().readTree(raw, offset, length);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
        }
        return EventReader.read(node);
    }

    private static int indexOf(byte[] raw, byte b, int from) {
        for (int i = from; i < raw.length; i++) {
            if (raw[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
