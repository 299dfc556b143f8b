package io.wanlab.bench.lab.cli;

import io.wanlab.bench.lab.LabRuns;
import io.wanlab.bench.lab.LabState;
import io.wanlab.core.json.Json;
import io.wanlab.core.lab.Impairment;
import io.wanlab.core.node.StatusServer;
import io.wanlab.core.topo.LabNames;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * {@code wanlab link show} and {@code wanlab link set LINK ...}: a running lab's link impairments,
 * per link end (each end impairs what it sends), over each device node's control socket. The
 * nodes apply the change on their event loop and log a {@code link-impaired} event.
 */
@Command(name = "link", mixinStandardHelpOptions = true,
        description = {"Show or change a running lab's link impairments.",
                "Delay, jitter, loss, rate limit, blackhole and flap, per link end (see README, Impair links).",
                "Each end of a link impairs what it sends: without --from, 'set' changes both ends (both directions)."},
        subcommands = {LinkCommand.Show.class, LinkCommand.Set.class})
public final class LinkCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** One device node's answer to {@code link ...}. */
    record NodeLinks(String node, JsonNode answer) {
        List<String> names() {
            List<String> names = new ArrayList<>();
            answer.path("links").forEach(l -> names.add(l.path("name").asString()));
            return names;
        }
    }

    /** Every device node of the lab that answers {@code link show}, in the state file's order. */
    static List<NodeLinks> devices(String lab, PrintWriter err) {
        Optional<LabState> state;
        try {
            state = LabState.read(LabNames.stateFile(lab));
        } catch (IOException | IllegalArgumentException e) {
            err.println("lab '" + lab + "': state file unreadable (" + e.getMessage() + ")");
            return null;
        }
        if (state.isEmpty()) {
            err.println("lab '" + lab + "' is not up (no " + LabNames.stateFile(lab) + "); run '" + LabRuns.command(lab, "up") + "'");
            return null;
        }
        List<NodeLinks> nodes = new ArrayList<>();
        for (String node : state.get().pids().keySet()) {
            ask(lab, node, "link show").filter(a -> a.path("ok").asBoolean(false)).ifPresent(a -> nodes.add(new NodeLinks(node, a)));
        }
        return nodes;
    }

    static Optional<JsonNode> ask(String lab, String node, String request) {
        try {
            return Optional.of(Json.strict().readTree(StatusServer.ask(LabNames.statusSocket(lab, node), request)));
        } catch (IOException | JacksonException e) {
            return Optional.empty();
        }
    }

    /** One line per link end: link, the end and its peer, up, the impairment, what it holds and drops. */
    static void print(PrintWriter out, String node, JsonNode links) {
        for (JsonNode l : links) {
            StringBuilder drops = new StringBuilder();
            for (Map.Entry<String, JsonNode> d : l.path("send-drops").properties()) {
                drops.append(drops.isEmpty() ? "" : ", ").append(d.getKey()).append(' ').append(d.getValue().asLong());
            }
            for (Map.Entry<String, JsonNode> d : l.path("datagram-drops").properties()) {
                drops.append(drops.isEmpty() ? "" : ", ").append("datagram ").append(d.getKey()).append(' ').append(d.getValue().asLong());
            }
            out.printf("%-12s %-10s -> %-10s %-4s %-40s queued %-5d keepalive %s; drops: %s%n", l.path("name").asString(), node,
                    l.path("peer").asString(), l.path("up").asBoolean() ? "up" : "down", l.path("impairment").asString(),
                    l.path("queued").asLong(), l.path("keepalive").asString(), drops.isEmpty() ? "none" : drops);
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Every link end of a running lab: its impairment, queue and drops.")
    static final class Show implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--name", paramLabel = "NAME", converter = LabNameConverter.class, description = "The lab (default: ${DEFAULT-VALUE}).")
        String name = LabNames.DEFAULT_LAB;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            List<NodeLinks> nodes = devices(name, spec.commandLine().getErr());
            if (nodes == null) {
                return 3;
            }
            nodes.forEach(n -> print(out, n.node(), n.answer().path("links")));
            return 0;
        }
    }

    @Command(name = "set", mixinStandardHelpOptions = true,
            description = {"Change a link's impairment at run time.",
                    "What is not named is kept; --clear first removes all.",
                    "E.g. 'wanlab link set off-cloud --delay 30ms --loss 1%', 'wanlab link set off-cloud --blackhole',",
                    "'wanlab link set off-cloud --clear'."})
    static final class Set implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--name", paramLabel = "NAME", converter = LabNameConverter.class, description = "The lab (default: ${DEFAULT-VALUE}).")
        String name = LabNames.DEFAULT_LAB;

        @Parameters(index = "0", paramLabel = "LINK", description = "The link, as the lab file names it (off-cloud, cato-a, ...).")
        String link;

        @Option(names = "--from", paramLabel = "NODE", description = "Only this end's sending side (one direction); default: both ends.")
        String from;

        @Option(names = "--delay", paramLabel = "DURATION", description = "One-way delay added by each end, e.g. 30ms.")
        String delay;

        @Option(names = "--jitter", paramLabel = "DURATION", description = "Uniform +- variation of the delay, order kept, e.g. 5ms.")
        String jitter;

        @Option(names = "--loss", paramLabel = "PERCENT", description = "Random loss, e.g. 1%%.")
        String loss;

        @Option(names = "--rate", paramLabel = "RATE", description = "Rate limit (token bucket, tail drop), e.g. 10mbit; 'off' removes it.")
        String rate;

        @Option(names = "--blackhole", negatable = true, description = "Drop everything, keepalives too, so the peer declares the link down.")
        Boolean blackhole;

        @Option(names = "--flap", paramLabel = "DOWN[/EVERY]", description = "Down for DOWN now (and every EVERY), e.g. 500ms or 500ms/5s; 'off' stops it.")
        String flap;

        @Option(names = "--seed", paramLabel = "N", description = "Seed of the loss and jitter draws.")
        Long seed;

        @Option(names = "--clear", description = "Remove every impairment first (alone: a clean link).")
        boolean clear;

        /** The words of the control request after the link name. */
        List<String> words() {
            List<String> w = new ArrayList<>();
            if (clear) {
                w.add("none");
            }
            add(w, "delay", delay);
            add(w, "jitter", jitter);
            add(w, "loss", loss);
            add(w, "rate", rate);
            if (blackhole != null) {
                w.add("blackhole=" + blackhole);
            }
            add(w, "flap", flap);
            if (seed != null) {
                w.add("seed=" + seed);
            }
            return w;
        }

        private static void add(List<String> w, String key, String value) {
            if (value != null) {
                w.add(key + "=" + value.strip());
            }
        }

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            List<String> words = words();
            if (words.isEmpty()) {
                err.println("link set: nothing to set (expected: --delay, --jitter, --loss, --rate, --blackhole, --flap, --seed or --clear)");
                return 2;
            }
            try {
                // Each value as the nodes read it, before anything changes: a typo changes no end. What depends
                // on the end's current setting (jitter within its delay) the nodes check, and say so.
                for (String word : words) {
                    if (!word.equals("none")) {
                        int eq = word.indexOf('=');
                        Impairment.checkValue(word.substring(0, eq), word.substring(eq + 1));
                    }
                }
            } catch (IllegalArgumentException e) {
                err.println("link set: " + e.getMessage());
                return 2;
            }
            List<NodeLinks> nodes = devices(name, err);
            if (nodes == null) {
                return 3;
            }
            List<NodeLinks> ends = nodes.stream().filter(n -> n.names().contains(link)).toList();
            if (ends.isEmpty()) {
                List<String> all = nodes.stream().flatMap(n -> n.names().stream()).distinct().toList();
                err.println("link set: lab '" + name + "' has no link '" + link + "' (its links: " + String.join(", ", all) + ")");
                return 2;
            }
            if (from != null) {
                ends = ends.stream().filter(n -> n.node().equals(from)).toList();
                if (ends.isEmpty()) {
                    err.println("link set: '" + from + "' is not an end of link '" + link + "' (its ends: "
                            + String.join(", ", nodes.stream().filter(n -> n.names().contains(link)).map(NodeLinks::node).toList()) + ")");
                    return 2;
                }
            }
            String request = "link set " + link + " " + String.join(" ", words);
            int exit = 0;
            for (NodeLinks end : ends) {
                Optional<JsonNode> answer = ask(name, end.node(), request);
                if (answer.isEmpty() || !answer.get().path("ok").asBoolean(false)) {
                    err.println("link set: " + end.node() + ": " + answer.map(a -> a.path("error").asString()).orElse("no answer"));
                    exit = 1;
                    continue;
                }
                print(out, end.node(), answer.get().path("links"));
            }
            return exit;
        }
    }
}
