package io.wanlab.bench.soak;

import static java.util.Objects.requireNonNull;

import io.wanlab.bench.lab.CommandExecutor;
import io.wanlab.bench.lab.LabBackend;
import io.wanlab.core.json.Json;
import io.wanlab.core.node.StatusServer;
import io.wanlab.core.topo.LabNames;
import io.wanlab.core.topo.LinkEnd;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * A link flap, one of the client Socket's links in turn, two kinds alternately. Odd flaps: the
 * underlay veth is set down for {@code downFor}, then up, with ip(8) inside the Socket's own
 * namespace; longer than the links' silence limit (5 s), so both ends see the link go down and
 * redial it, as a real underlay outage does at the kernel's level. Even flaps: the nodes' own
 * impairment ({@code wanlab link set LINK --blackhole} on both ends, over their control sockets)
 * for {@code downFor}, then cleared; the links stay connected while frames, keepalives included,
 * vanish, so the ends declare the link down by silence and take it back when frames flow again.
 */
final class LinkFlapStep implements SoakStep {
    private final String lab;
    private final LabBackend backend;
    private final CommandExecutor executor;
    private final String socket;
    private final List<LinkEnd> links;
    private final Duration downFor;
    private final Duration period;
    private int flaps;

    LinkFlapStep(String lab, LabBackend backend, CommandExecutor executor, String socket, List<LinkEnd> links, Duration downFor, Duration period) {
        this.lab = requireNonNull(lab, "lab");
        this.backend = requireNonNull(backend, "backend");
        this.executor = requireNonNull(executor, "executor");
        this.socket = requireNonNull(socket, "socket");
        this.links = List.copyOf(links);
        this.downFor = requireNonNull(downFor, "downFor");
        this.period = requireNonNull(period, "period");
        if (links.isEmpty()) {
            throw new IllegalArgumentException(socket + " has no link to flap");
        }
    }

    @Override
    public String name() {
        return "flap";
    }

    @Override
    public Duration period() {
        return period;
    }

    /** Three quarters into its period: not on top of a reload (every minute), whose effect it would blur. */
    @Override
    public Duration offset() {
        return period.multipliedBy(3).dividedBy(4);
    }

    @Override
    public boolean disturbs() {
        return true;
    }

    @Override
    public String run() throws Exception {
        int n = flaps++;
        LinkEnd link = links.get(n % links.size());
        if (n % 2 == 1) {
            return blackhole(link);
        }
        executor.run(backend.exec(socket, new ArrayList<>(List.of("ip", "link", "set", link.device(), "down"))));
        try {
            Thread.sleep(downFor);
        } finally {
            executor.run(backend.exec(socket, new ArrayList<>(List.of("ip", "link", "set", link.device(), "up"))));
        }
        return "link " + link.link() + " (" + socket + " " + link.device() + ") down for " + downFor.toSeconds() + " s, then up";
    }

    private String blackhole(LinkEnd link) throws IOException, InterruptedException {
        List<String> ends = List.of(socket, link.peer());
        for (String end : ends) {
            ask(end, "link set " + link.link() + " blackhole=true");
        }
        try {
            Thread.sleep(downFor);
        } finally {
            for (String end : ends) {
                ask(end, "link set " + link.link() + " none");
            }
        }
        return "link " + link.link() + " blackholed at both ends (" + String.join(", ", ends) + ") for " + downFor.toSeconds()
                + " s, then cleared";
    }

    private void ask(String node, String request) throws IOException {
        JsonNode answer = Json.strict().readTree(StatusServer.ask(LabNames.statusSocket(lab, node), request));
        if (!answer.path("ok").asBoolean(false)) {
            throw new IOException(node + ": " + request + ": " + answer.path("error").asString("no answer"));
        }
    }
}
