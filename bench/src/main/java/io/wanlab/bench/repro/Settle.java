package io.wanlab.bench.repro;

import io.wanlab.core.json.Json;
import io.wanlab.core.node.StatusServer;
import io.wanlab.core.topo.LabNames;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Scenarios must not leak into each other (DESIGN 5): before the next one reloads the nodes, the
 * PoP aborts what the last one left open (a client leg whose ClientHello went direct stays
 * established otherwise) and this waits, bounded, until its status shows no proxied connection,
 * in the proxy or in its kernel. So the closing packets are captured in the scenario they belong to.
 */
final class Settle {
    static final Duration MAX = Duration.ofSeconds(5);
    private static final long POLL_MILLIS = 10;
    /** Longer than a packet takes across the lab (TUN, tunnel, Socket), so two equal polls this far apart mean quiet. */
    private static final long QUIET_MILLIS = 40;

    private Settle() {
    }

    /** Null once the lab is quiet; otherwise what is still open after {@link #MAX}. */
    static String await(String lab, List<String> nodes) throws IOException, InterruptedException {
        if (!nodes.contains(LabNames.POP)) {
            return null;
        }
        String socket = LabNames.statusSocket(lab, LabNames.POP).toString();
        String answer = StatusServer.ask(LabNames.statusSocket(lab, LabNames.POP), "settle");
        if (!answer.contains("\"ok\":true")) {
            return "the PoP refused to settle: " + answer.trim();
        }
        long deadline = System.nanoTime() + MAX.toNanos();
        String left;
        do {
            left = open(StatusServer.ask(LabNames.statusSocket(lab, LabNames.POP), "status"));
            if (left == null) {
                break;
            }
            Thread.sleep(POLL_MILLIS);
        } while (System.nanoTime() < deadline);
        if (left != null) {
            return "the PoP (" + socket + ") still has " + left + " after " + MAX.toSeconds() + " s";
        }
        // The last RSTs may still be on their way (the PoP's TUN, a tunnel, a Socket): quiet means
        // no link of any node moved a packet between two polls.
        String before = traffic(lab, nodes);
        do {
            Thread.sleep(QUIET_MILLIS);
            String now = traffic(lab, nodes);
            if (now.equals(before)) {
                return null;
            }
            before = now;
        } while (System.nanoTime() < deadline);
        return "the links kept moving packets for " + MAX.toSeconds() + " s after the PoP closed its connections";
    }

    /** Every node's link counters (sent, received) in one string; nodes without links add nothing. */
    static String traffic(String lab, List<String> nodes) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (String node : nodes) {
            JsonNode links = Json.strict().readTree(StatusServer.ask(LabNames.statusSocket(lab, node), "status")).path("links");
            for (JsonNode l : links) {
                sb.append(node).append(':').append(l.path("name").asString("")).append('=')
                        .append(l.path("sent").asLong(0)).append('/').append(l.path("received").asLong(0)).append(' ');
            }
        }
        return sb.toString();
    }

    /** What a PoP status answer says is still open, or null when nothing is. */
    static String open(String status) {
        JsonNode n = Json.strict().readTree(status);
        int proxy = n.path("proxy-connections").asInt(0);
        int kernel = n.path("kernel-connections").asInt(0);
        if (proxy <= 0 && kernel <= 0) {
            return null;
        }
        return proxy + " proxy connection(s) and " + kernel + " kernel socket(s) on proxied ports";
    }
}
