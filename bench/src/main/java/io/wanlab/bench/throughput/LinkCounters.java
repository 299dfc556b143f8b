package io.wanlab.bench.throughput;

import static java.util.Objects.requireNonNull;

import io.wanlab.core.json.Json;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * A Socket's counters for one of its links, read from its status document: inner packets it sent
 * over the link and packets it dropped because the link could not take them. Taken before and
 * after a measurement, the difference shows whether the traffic went through the emulator.
 */
public record LinkCounters(long sent, long dropped) {
    public LinkCounters {
        if (sent < 0 || dropped < 0) {
            throw new IllegalArgumentException("counters: sent " + sent + ", dropped " + dropped + " (expected: 0 or more)");
        }
    }

    /** What changed since {@code before}; a counter that went down (a restarted node) counts from 0. */
    public LinkCounters since(LinkCounters before) {
        requireNonNull(before, "before");
        return new LinkCounters(Math.max(0, sent - before.sent), Math.max(0, dropped - before.dropped));
    }

    /** The counters of link {@code link} in a Socket's status document ({@code links[].name/sent/dropped}). */
    public static LinkCounters fromStatus(String statusJson, String link) {
        requireNonNull(statusJson, "statusJson");
        requireNonNull(link, "link");
        JsonNode status;
        try {
            // The status document is ours: read strictly.
            status = Json.strict().readTree(statusJson);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("status document: not JSON (" + e.getOriginalMessage() + ")", e);
        }
        JsonNode links = status == null ? null : status.get("links");
        if (links == null || !links.isArray()) {
            throw new IllegalArgumentException("status document: no links array (expected: a Socket's status)");
        }
        for (JsonNode m : links) {
            JsonNode name = m.get("name");
            if (name != null && name.isString() && link.equals(name.stringValue())) {
                return new LinkCounters(count(m, "sent", link), count(m, "dropped", link));
            }
        }
        throw new IllegalArgumentException("status document: no link '" + link + "' (expected: one of the Socket's links)");
    }

    private static long count(JsonNode m, String key, String link) {
        JsonNode v = m.get(key);
        if (v != null && v.isIntegralNumber() && v.canConvertToLong() && v.longValue() >= 0) {
            return v.longValue();
        }
        throw new IllegalArgumentException("status document: link '" + link + "' " + key + " is " + v
                + " (expected: a whole number, 0 or more)");
    }
}
