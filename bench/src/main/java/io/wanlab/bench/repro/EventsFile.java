package io.wanlab.bench.repro;

import io.wanlab.core.event.Event;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/** A node's events.jsonl as typed events (the evidence reads records, not text). */
final class EventsFile {
    private static final ObjectMapper MAPPER = JsonMapper.builder().build();

    private EventsFile() {
    }

    /** Every event of the file that evidence uses; a missing file is none, a half-written last line is skipped. */
    static List<Event> read(Path file) throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        List<Event> out = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            JsonNode n;
            try {
                n = MAPPER.readTree(line);
            } catch (RuntimeException e) {
                continue;
            }
            long t = n.path("time").asLong();
            String node = n.path("node").asString();
            Event ev = switch (n.path("type").asString()) {
                case "flow-created" -> new Event.FlowCreated(t, node, n.path("flowId").asLong(), n.path("protocol").asString(),
                        n.path("srcAddr").asString(), n.path("srcPort").asInt(), n.path("dstAddr").asString(), n.path("dstPort").asInt());
                case "flow-decided" -> new Event.FlowDecided(t, node, n.path("flowId").asLong(), n.path("ruleIndex").asInt(),
                        n.path("ruleName").asString(), n.path("transport").asString(), n.path("reason").asString());
                case "flow-undecided" -> new Event.FlowUndecided(t, node, n.path("flowId").asLong(), n.path("blockingRuleIndex").asInt(),
                        n.path("ruleName").asString(), n.path("explanation").asString());
                case "app-identified" -> new Event.AppIdentified(t, node, n.path("flowId").asLong(), n.path("kind").asString(),
                        n.path("serverName").asString(), n.path("application").isNull() ? null : n.path("application").asString(),
                        n.path("category").isNull() ? null : n.path("category").asString());
                case "flow-switched" -> new Event.FlowSwitched(t, node, n.path("flowId").asLong(), n.path("fromTransport").asString(),
                        n.path("toTransport").asString(), n.path("ruleIndex").asInt(), n.path("ruleName").asString(),
                        n.path("explanation").asString());
                case "proxy-leg" -> new Event.ProxyLeg(t, node, n.path("clientAddr").asString(), n.path("clientPort").asInt(),
                        n.path("serverAddr").asString(), n.path("serverPort").asInt(), n.path("leg").asString(), n.path("state").asString(),
                        n.path("detail").asString(), n.path("tcpAcceleration").asInt() == 1, n.path("tlsInspection").asInt() == 1);
                default -> null;
            };
            if (ev != null) {
                out.add(ev);
            }
        }
        return out;
    }
}
