package io.wanlab.bench.soak;

import static java.util.Objects.requireNonNull;

import io.wanlab.bench.lab.CommandExecutor;
import io.wanlab.bench.lab.LabBackend;
import io.wanlab.core.topo.LinkEnd;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A link flap: one of the client Socket's underlay veths (in turn: each of its links) is set down
 * for {@code downFor}, then up again, with ip(8) inside the Socket's own namespace. Longer than
 * the links' silence limit (5 s), so both ends see the link go down and redial it: what a real
 * underlay outage does, at the kernel's level. (A flap inside the nodes, {@code wanlab link set
 * --flap}, is another step of this kind when it is there.)
 */
final class LinkFlapStep implements SoakStep {
    private final LabBackend backend;
    private final CommandExecutor executor;
    private final String socket;
    private final List<LinkEnd> links;
    private final Duration downFor;
    private final Duration period;
    private int flaps;

    LinkFlapStep(LabBackend backend, CommandExecutor executor, String socket, List<LinkEnd> links, Duration downFor, Duration period) {
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
        LinkEnd link = links.get(flaps++ % links.size());
        executor.run(backend.exec(socket, new ArrayList<>(List.of("ip", "link", "set", link.device(), "down"))));
        try {
            Thread.sleep(downFor);
        } finally {
            executor.run(backend.exec(socket, new ArrayList<>(List.of("ip", "link", "set", link.device(), "up"))));
        }
        return "link " + link.link() + " (" + socket + " " + link.device() + ") down for " + downFor.toSeconds() + " s, then up";
    }
}
