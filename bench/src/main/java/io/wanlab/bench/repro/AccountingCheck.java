package io.wanlab.bench.repro;

import static java.util.Objects.requireNonNull;

import io.wanlab.core.json.Json;
import io.wanlab.core.node.StatusServer;
import io.wanlab.core.topo.LabNames;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * After a scenario, each device node's books (DESIGN 4.5): packets in = packets out + drops by
 * reason on every path, and the node's counts against the kernel's own counters of the same
 * devices. One evidence line per node; what does not add up is a {@code MISSING:} line naming the
 * node, the path and the numbers, which fails the scenario.
 */
public final class AccountingCheck {
    private static final String MISSING = "MISSING: accounting: ";

    private AccountingCheck() {
    }

    /** Asks every node of {@code lab} for its status and checks its books. */
    public static List<String> after(String lab, List<String> nodes) {
        requireNonNull(lab, "lab");
        List<String> lines = new ArrayList<>();
        for (String node : nodes) {
            try {
                lines.addAll(lines(node, StatusServer.ask(LabNames.statusSocket(lab, node), "status")));
            } catch (IOException e) {
                lines.add(MISSING + node + " did not answer status (" + e.getMessage() + ")");
            }
        }
        return lines;
    }

    /** Whether no line is a failed check. */
    public static boolean pass(List<String> lines) {
        return lines.stream().noneMatch(l -> l.startsWith("MISSING"));
    }

    /** The lines for one node's status answer; hosts (the server stub) keep no books and get none. */
    public static List<String> lines(String node, String statusJson) {
        JsonNode status;
        try {
            status = Json.strict().readTree(statusJson);
        } catch (JacksonException e) {
            return List.of(MISSING + node + " answered status with something that is not JSON");
        }
        String role = status.path("role").asString("");
        if (!role.equals("socket") && !role.equals("pop")) {
            return List.of();
        }
        JsonNode books = status.path("accounting");
        if (!books.isObject()) {
            return List.of(MISSING + node + " keeps no books: its status has no accounting (in, out, drops by reason per path)");
        }
        List<String> lines = new ArrayList<>();
        lines.add("accounting: " + node + ": in " + books.path("in").asLong() + " = out " + books.path("out").asLong()
                + " + dropped " + books.path("dropped").asLong() + drops(books)
                + (books.path("queued").asLong() > 0 ? " + queued " + books.path("queued").asLong() + " (held by link impairments)" : "")
                + "; kernel: " + kernelDrops(status.path("kernel")));
        for (JsonNode problem : books.path("problems")) {
            lines.add(MISSING + node + " " + problem.asString());
        }
        for (JsonNode path : books.path("paths")) {
            JsonNode k = path.path("kernel");
            if (!k.isObject()) {
                continue;
            }
            String name = path.path("path").asString();
            String dev = k.path("device").asString();
            boolean ingress = path.path("side").asString().equals("ingress");
            // A TUN read is a packet the kernel transmitted to us; a TUN write one it received
            // from us. The node cannot have counted more than the kernel saw.
            if (ingress && k.has("tx_packets") && path.path("in").asLong() > k.path("tx_packets").asLong()) {
                lines.add(MISSING + node + " path " + name + ": counted " + path.path("in").asLong()
                        + " in, but the kernel's " + dev + " tx_packets is " + k.path("tx_packets").asLong());
            }
            if (!ingress && k.has("rx_packets") && dev.startsWith("wl-")
                    && path.path("out").asLong() > k.path("rx_packets").asLong() + k.path("rx_dropped").asLong()) {
                lines.add(MISSING + node + " path " + name + ": wrote " + path.path("out").asLong()
                        + " into the TUN, but the kernel's " + dev + " rx_packets + rx_dropped is "
                        + (k.path("rx_packets").asLong() + k.path("rx_dropped").asLong()));
            }
        }
        return lines;
    }

    private static String drops(JsonNode books) {
        StringBuilder s = new StringBuilder();
        for (JsonNode path : books.path("paths")) {
            for (Map.Entry<String, JsonNode> d : path.path("drops").properties()) {
                s.append(s.isEmpty() ? " (" : ", ").append(path.path("path").asString()).append(' ').append(d.getKey()).append(' ')
                        .append(d.getValue().asLong());
            }
        }
        return s.isEmpty() ? "" : s.append(')').toString();
    }

    private static String kernelDrops(JsonNode kernel) {
        StringBuilder s = new StringBuilder();
        for (Map.Entry<String, JsonNode> dev : kernel.properties()) {
            s.append(s.isEmpty() ? "" : ", ").append(dev.getKey()).append(" tx_dropped ").append(dev.getValue().path("tx_dropped").asLong())
                    .append(" rx_dropped ").append(dev.getValue().path("rx_dropped").asLong());
        }
        return s.isEmpty() ? "no counters (no sysfs of its own)" : s.toString();
    }
}
