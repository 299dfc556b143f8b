package io.wanlab.bench.soak;

import io.wanlab.bench.lab.NodeSample;
import io.wanlab.bench.repro.AccountingCheck;
import io.wanlab.core.json.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A soak's figures and verdict. Memory per node: {@code [ms, rss, heap]} samples; its trend is the
 * first sample at or after the warm-up against the last. {@link #problems} is empty only with no
 * leak report in any node log, every node running Netty's leak detection at PARANOID, no unexplained failed connection, no failed step, every device's
 * books balanced, every node answering at the end, and (when asked) no node's RSS grown past
 * {@code maxRssGrowthBytes} since the warm-up.
 */
record SoakReport(Duration length, double rate, SoakTally total, List<String> stretches, Map<String, List<long[]>> memory,
        long warmUpMillis, LeakScan.Result leaks, List<String> books, Map<String, NodeSample> last, String connectionFailure) {

    /** {start rss, end rss, start heap, end heap, peak rss seen} of a node; -1 where unknown. */
    long[] trend(String node) {
        List<long[]> m = memory.getOrDefault(node, List.of());
        long[] start = null;
        long peak = -1;
        for (long[] s : m) {
            if (start == null && s[0] >= warmUpMillis && s[1] > 0) {
                start = s;
            }
            peak = Math.max(peak, s[1]);
        }
        long[] end = m.isEmpty() ? null : m.getLast();
        if (start == null) {
            start = end;
        }
        return start == null ? new long[] {-1, -1, -1, -1, -1}
                : new long[] {start[1], end[1], start[2], end[2], peak};
    }

    List<String> problems(long maxRssGrowthBytes) {
        List<String> p = new ArrayList<>();
        if (leaks.leaks() > 0) {
            p.add(leaks.leaks() + " LEAK: line(s) in the node logs, first: " + leaks.first());
        }
        if (!leaks.unreadable().isEmpty()) {
            p.add("node logs not read: " + leaks.unreadable());
        }
        if (total.unexplained > 0) {
            p.add(total.unexplained + " connection(s) failed with no reload or flap to explain it: " + total.unexplainedDetails);
        }
        if (total.connections == 0) {
            p.add("no connection was made");
        }
        if (!total.failedSteps.isEmpty()) {
            p.add("failed steps: " + total.failedSteps);
        }
        if (connectionFailure != null) {
            p.add(connectionFailure);
        }
        for (String line : books) {
            if (line.startsWith("MISSING")) {
                p.add(line);
            }
        }
        for (NodeSample s : last.values()) {
            if (!s.answered()) {
                p.add(s.node() + " did not answer at the end: " + s.why());
            } else if (!s.leakDetection().equals("PARANOID")) {
                p.add(s.node() + " runs Netty's leak detection at '" + s.leakDetection() + "', not PARANOID: its leaks could go unseen");
            }
            long[] t = trend(s.node());
            if (maxRssGrowthBytes > 0 && t[0] > 0 && t[1] - t[0] > maxRssGrowthBytes) {
                p.add(s.node() + "'s RSS grew " + NodeSample.mb(t[1] - t[0]) + " after the warm-up (" + NodeSample.mb(t[0]) + " > "
                        + NodeSample.mb(t[1]) + "), over the bound of " + NodeSample.mb(maxRssGrowthBytes));
            }
        }
        return p;
    }

    boolean pass(long maxRssGrowthBytes) {
        return problems(maxRssGrowthBytes).isEmpty() && AccountingCheck.pass(books);
    }

    List<String> summary(long maxRssGrowthBytes) {
        List<String> lines = new ArrayList<>();
        lines.add("soak: " + length.toSeconds() + " s: " + total.line());
        java.util.Set<String> levels = new java.util.TreeSet<>();
        last.values().forEach(n -> levels.add(n.leakDetection().isEmpty() ? "?" : n.leakDetection()));
        lines.add("leaks: " + leaks.leaks() + " LEAK: line(s) in " + last.size() + " node logs (the nodes' Netty leak detection: "
                + String.join(", ", levels) + ")");
        leaks.first().forEach(l -> lines.add("  " + l));
        lines.add("memory (after " + warmUpMillis / 1000 + " s of warm-up > end; peak RSS sampled):");
        for (String node : last.keySet()) {
            long[] t = trend(node);
            lines.add(String.format("  %-9s rss %s > %s (%+d MB), heap %s > %s, peak rss %s", node, NodeSample.mb(t[0]), NodeSample.mb(t[1]),
                    t[0] < 0 || t[1] < 0 ? 0 : Math.round((t[1] - t[0]) / 1048576.0), NodeSample.mb(t[2]), NodeSample.mb(t[3]),
                    NodeSample.mb(t[4])));
        }
        books.forEach(l -> lines.add("  " + l));
        List<String> problems = problems(maxRssGrowthBytes);
        lines.add(problems.isEmpty() ? "verdict: PASS: 0 leaks, 0 unexplained failures, the books balance" : "verdict: FAIL: "
                + String.join("; ", problems));
        return lines;
    }

    String toJson(long maxRssGrowthBytes) {
        return Json.writeIndented(g -> {
            g.writeStartObject().writeNumberProperty("seconds", length.toSeconds()).writeNumberProperty("rate", rate);
            g.writeObjectPropertyStart("connections").writeNumberProperty("total", total.connections).writeNumberProperty("made", total.made)
                    .writeNumberProperty("failed-as-predicted", total.predicted).writeNumberProperty("failed-during-reload-or-flap", total.explained)
                    .writeNumberProperty("failed-unexplained", total.unexplained);
            g.writeObjectPropertyStart("by-path");
            total.byPath.forEach((path, n) -> g.writeObjectPropertyStart(path).writeNumberProperty("total", n[0])
                    .writeNumberProperty("as-predicted", n[1]).writeEndObject());
            g.writeEndObject().writeEndObject();
            g.writeObjectPropertyStart("steps");
            total.steps.forEach(g::writeNumberProperty);
            g.writeEndObject();
            g.writeArrayPropertyStart("failed-steps");
            total.failedSteps.forEach(g::writeString);
            g.writeEndArray();
            g.writeNumberProperty("leaks", leaks.leaks());
            g.writeObjectPropertyStart("memory");
            for (String node : last.keySet()) {
                long[] t = trend(node);
                g.writeObjectPropertyStart(node).writeNumberProperty("rss-start", t[0]).writeNumberProperty("rss-end", t[1])
                        .writeNumberProperty("heap-start", t[2]).writeNumberProperty("heap-end", t[3]).writeNumberProperty("rss-peak", t[4])
                        .writeEndObject();
            }
            g.writeEndObject();
            g.writeArrayPropertyStart("stretches");
            stretches.forEach(g::writeString);
            g.writeEndArray();
            g.writeArrayPropertyStart("problems");
            problems(maxRssGrowthBytes).forEach(g::writeString);
            g.writeEndArray();
            g.writeBooleanProperty("pass", pass(maxRssGrowthBytes));
            g.writeEndObject();
        });
    }
}
