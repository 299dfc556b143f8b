package io.wanlab.bench.lab;

import io.wanlab.core.json.Json;
import io.wanlab.core.node.StatusServer;
import io.wanlab.core.topo.LabNames;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * What a flood or a soak watches in one node's status answer: its memory (resident set, heap,
 * Netty's pools), and for a device its books (packets in, out, dropped by reason, whether every
 * path balances) and the kernel's drops in front of its TUN; for a Socket its flow table (live
 * flows against the bound, evictions); the level of Netty's leak detection it runs at. Numbers a
 * node does not report are -1, text "".
 */
public record NodeSample(String node, String role, boolean answered, long rss, long rssPeak, long heapUsed, long nettyDirect,
        long flows, long flowCapacity, long flowInserts, long evictions, long expirations,
        long in, long out, long dropped, Map<String, Long> drops, long tunTxDropped, boolean balanced, String leakDetection, String why) {
    private static final long MB = 1024 * 1024;

    public NodeSample {
        drops = Map.copyOf(drops);
    }

    /** Asks the node of lab {@code lab} now; a node that does not answer is a sample that says why. */
    public static NodeSample ask(String lab, String node) {
        try {
            return parse(node, StatusServer.ask(LabNames.statusSocket(lab, node), "status"));
        } catch (IOException e) {
            return missing(node, "no status: " + e.getMessage());
        }
    }

    static NodeSample missing(String node, String why) {
        return new NodeSample(node, "?", false, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, Map.of(), -1, false, "", why);
    }

    /** One status document (see {@code wanlab status --name LAB}). */
    public static NodeSample parse(String node, String statusJson) {
        JsonNode s;
        try {
            s = Json.strict().readTree(statusJson);
        } catch (JacksonException e) {
            return missing(node, "status is not JSON");
        }
        if (s.has("error")) {
            return missing(node, s.path("error").asString());
        }
        JsonNode m = s.path("memory");
        JsonNode ft = s.path("flow-table");
        JsonNode books = s.path("accounting");
        Map<String, Long> drops = new TreeMap<>();
        long tunTxDropped = -1;
        for (JsonNode path : books.path("paths")) {
            for (Map.Entry<String, JsonNode> d : path.path("drops").properties()) {
                if (d.getValue().asLong() > 0) {
                    drops.merge(d.getKey(), d.getValue().asLong(), Long::sum);
                }
            }
            JsonNode k = path.path("kernel");
            if (path.path("side").asString().equals("ingress") && k.has("tx_dropped")) {
                tunTxDropped = Math.max(tunTxDropped, 0) + k.path("tx_dropped").asLong();
            }
        }
        return new NodeSample(node, s.path("role").asString("?"), true, m.path("rss").asLong(-1), m.path("rss-peak").asLong(-1),
                m.path("heap-used").asLong(-1), m.path("netty-direct").asLong(-1),
                ft.path("size").asLong(-1), ft.path("capacity").asLong(-1), ft.path("inserts").asLong(-1),
                ft.path("evictions").asLong(-1), ft.path("expirations").asLong(-1),
                books.path("in").asLong(-1), books.path("out").asLong(-1), books.path("dropped").asLong(-1), drops, tunTxDropped,
                !books.isObject() || books.path("balanced").asBoolean(false), m.path("leak-detection").asString(""), "");
    }

    public boolean hasFlowTable() {
        return flowCapacity > 0;
    }

    public boolean keepsBooks() {
        return in >= 0;
    }

    /** {@code 180 MB}, or {@code ?} when unknown. */
    public static String mb(long bytes) {
        return bytes < 0 ? "?" : (bytes + MB / 2) / MB + " MB";
    }

    /** One line: memory, then what the node has. */
    public String line() {
        if (!answered) {
            return node + ": " + why;
        }
        StringBuilder sb = new StringBuilder(node).append(": rss ").append(mb(rss)).append(" heap ").append(mb(heapUsed));
        if (hasFlowTable()) {
            sb.append(" | flows ").append(flows).append('/').append(flowCapacity).append(" evicted ").append(evictions)
                    .append(" expired ").append(expirations);
        }
        if (keepsBooks()) {
            sb.append(" | in ").append(in).append(" out ").append(out).append(" dropped ").append(dropped);
            if (!drops.isEmpty()) {
                sb.append(' ').append(drops);
            }
            if (tunTxDropped > 0) {
                sb.append(" | kernel TUN tx_dropped ").append(tunTxDropped);
            }
            if (!balanced) {
                sb.append(" | BOOKS DO NOT BALANCE");
            }
        }
        return sb.toString();
    }
}
