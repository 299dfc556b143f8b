package io.wanlab.bench.flood;

import io.wanlab.bench.client.ClientResult;
import io.wanlab.bench.client.Outcome;
import io.wanlab.bench.lab.NodeSample;
import io.wanlab.bench.repro.AccountingCheck;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a flood did: SYNs sent and how fast, each node before and after, the peak RSS and the most
 * flows seen per node, the real connection's result and the books. {@link #problems} is the verdict:
 * empty when every SYN went out, no Socket's flow table ever held more than its bound, a table the
 * flood overfilled counted evictions, the real connection worked, every device's books balance and
 * no node's peak RSS passed {@code maxRssBytes} (0: no limit).
 */
record FloodReport(long syns, long sent, long sendNanos, String sendError, Map<String, NodeSample> before,
        Map<String, NodeSample> after, Map<String, Long> peakRss, Map<String, Long> maxFlows, ClientResult connection,
        long connectionAtSent, List<String> books) {

    double rate() {
        return sendNanos == 0 ? 0 : sent * 1e9 / sendNanos;
    }

    List<String> problems(long maxRssBytes) {
        List<String> p = new ArrayList<>();
        if (sendError != null) {
            p.add("the sender stopped after " + sent + " of " + syns + " SYNs: " + sendError);
        }
        for (NodeSample a : after.values()) {
            if (!a.answered()) {
                p.add(a.node() + " did not answer at the end: " + a.why());
                continue;
            }
            if (a.hasFlowTable()) {
                long most = maxFlows.getOrDefault(a.node(), a.flows());
                if (most > a.flowCapacity()) {
                    p.add(a.node() + " held " + most + " flows, over its bound of " + a.flowCapacity());
                }
                NodeSample b = before.get(a.node());
                long inserted = a.flowInserts() - (b == null ? 0 : Math.max(0, b.flowInserts()));
                long removed = a.evictions() + a.expirations() - (b == null ? 0 : Math.max(0, b.evictions()) + Math.max(0, b.expirations()));
                if (inserted > a.flowCapacity() && removed <= 0) {
                    p.add(a.node() + " created " + inserted + " flows, more than its bound of " + a.flowCapacity()
                            + ", but counted no eviction or expiry");
                }
            }
            if (maxRssBytes > 0 && peakRss.getOrDefault(a.node(), 0L) > maxRssBytes) {
                p.add(a.node() + "'s peak RSS " + NodeSample.mb(peakRss.get(a.node())) + " is over the bound of " + NodeSample.mb(maxRssBytes));
            }
        }
        if (connection.outcome() != Outcome.OK) {
            p.add("the connection during the flood failed: " + connection.outcome().label() + " (" + connection.detail() + ")");
        }
        for (String line : books) {
            if (line.startsWith("MISSING")) {
                p.add(line);
            }
        }
        return p;
    }

    /** The closing lines: figures per node, the connection, the books. */
    List<String> summary(long maxRssBytes) {
        List<String> lines = new ArrayList<>();
        lines.add(String.format("flood: sent %,d of %,d SYNs in %.1f s (%,.0f/s)", sent, syns, sendNanos / 1e9, rate()));
        for (NodeSample a : after.values()) {
            StringBuilder sb = new StringBuilder("  " + a.node() + ": peak RSS " + NodeSample.mb(peakRss.getOrDefault(a.node(), -1L))
                    + ", heap at the end " + NodeSample.mb(a.heapUsed()));
            if (a.hasFlowTable()) {
                NodeSample b = before.get(a.node());
                sb.append(", most flows ").append(maxFlows.getOrDefault(a.node(), a.flows())).append(" of ").append(a.flowCapacity())
                        .append(", evicted ").append(a.evictions() - (b == null ? 0 : Math.max(0, b.evictions())))
                        .append(", expired ").append(a.expirations() - (b == null ? 0 : Math.max(0, b.expirations())));
            }
            if (a.keepsBooks()) {
                NodeSample b = before.get(a.node());
                sb.append(", read ").append(a.in() - (b == null ? 0 : Math.max(0, b.in())));
                if (a.tunTxDropped() >= 0) {
                    sb.append(", kernel TUN tx_dropped ").append(a.tunTxDropped() - (b == null ? 0 : Math.max(0, b.tunTxDropped())));
                }
                if (!a.drops().isEmpty()) {
                    sb.append(", node drops ").append(a.drops());
                }
            }
            lines.add(sb.toString());
        }
        lines.add("  connection during the flood (after " + connectionAtSent + " SYNs): " + connection.outcome().label() + " ("
                + (connection.outcome() == Outcome.OK ? connection.status() + ", " + connection.bytes() + " B" : connection.detail())
                + ", " + connection.elapsedMillis() + " ms)");
        books.forEach(l -> lines.add("  " + l));
        List<String> problems = problems(maxRssBytes);
        lines.add(problems.isEmpty() ? "verdict: PASS: the flow-table bound held, evictions counted, the books balance, the connection worked"
                + (maxRssBytes > 0 ? ", RSS under " + NodeSample.mb(maxRssBytes) : "")
                : "verdict: FAIL: " + String.join("; ", problems));
        return lines;
    }

    boolean pass(long maxRssBytes) {
        return problems(maxRssBytes).isEmpty() && AccountingCheck.pass(books);
    }
}
