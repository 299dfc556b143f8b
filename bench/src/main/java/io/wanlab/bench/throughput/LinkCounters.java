package io.wanlab.bench.throughput;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;

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
        Object root = SmallJson.parse(statusJson);
        if (!(root instanceof Map<?, ?> status) || !(status.get("links") instanceof List<?> links)) {
            throw new IllegalArgumentException("status document: no links array (expected: a Socket's status)");
        }
        for (Object o : links) {
            if (o instanceof Map<?, ?> m && link.equals(m.get("name"))) {
                return new LinkCounters(count(m, "sent", link), count(m, "dropped", link));
            }
        }
        throw new IllegalArgumentException("status document: no link '" + link + "' (expected: one of the Socket's links)");
    }

    private static long count(Map<?, ?> m, String key, String link) {
        if (m.get(key) instanceof Double d && d >= 0 && d == Math.rint(d)) {
            return d.longValue();
        }
        throw new IllegalArgumentException("status document: link '" + link + "' " + key + " is " + m.get(key)
                + " (expected: a whole number, 0 or more)");
    }
}
