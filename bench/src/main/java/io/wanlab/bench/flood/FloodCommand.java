package io.wanlab.bench.flood;

import static java.util.Objects.requireNonNull;

import io.wanlab.bench.lab.BackendKind;
import io.wanlab.bench.lab.LabLauncher;
import io.wanlab.bench.lab.LabRuns;
import io.wanlab.bench.lab.LabState;
import io.wanlab.bench.lab.cli.LabNameConverter;
import io.wanlab.bench.node.LabSpec;
import io.wanlab.core.lab.LabFile;
import io.wanlab.core.topo.LabNames;
import io.wanlab.core.topo.LabTopology;
import io.wanlab.core.topo.Node;
import io.wanlab.core.topo.NodeRole;
import io.wanlab.core.topo.SitePlan;
import io.wanlab.core.topo.TopologyPlanner;
import io.wanlab.server.ca.LabCaFiles;
import java.io.PrintStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code wanlab flood}: a bounded SYN flood from the client's namespace of a running lab, through
 * its Socket, with the nodes' flow tables, drops and memory printed every second and a real TLS
 * connection made in the middle of it. Lab addresses only (see {@link FloodTargets}).
 */
@Command(name = "flood", mixinStandardHelpOptions = true,
        description = {"SYN flood through a running lab's client Socket, watched.",
                "Sends --syns TCP SYNs at --rate per second from the client's namespace",
                "(a raw socket), each from a random address of the client site's subnet",
                "and a random port, to a host of another site (default: the second",
                "site's host, port 443). Every second: each node's flow table against its",
                "bound, evictions, drops by reason, the kernel's TUN drops, RSS and heap.",
                "Half-way, a real TLS connection from the client. At the end: peak RSS,",
                "the books of every device, a verdict (exit 0 only on PASS).",
                "Lab addresses only: a destination outside 198.18.0.0/15 is refused.",
                "Bring the lab up first, e.g. 'wanlab up --name f1 --rules fixed",
                "--no-capture --flow-capacity 16384'. Needs root."})
public final class FloodCommand implements Callable<Integer> {
    static final String NAME = "wanlab flood";
    static final long MAX_SYNS = 10_000_000;
    static final int MAX_RATE = 1_000_000;

    @Option(names = "--name", paramLabel = "NAME", converter = LabNameConverter.class,
            description = "The running lab to flood (default: ${DEFAULT-VALUE}).")
    String name = LabNames.DEFAULT_LAB;

    @Option(names = "--syns", paramLabel = "N", description = "How many SYNs (default: ${DEFAULT-VALUE}; 1..10000000).")
    long syns = 1_000_000;

    @Option(names = "--rate", paramLabel = "R", description = "SYNs per second (default: ${DEFAULT-VALUE}; 1..1000000).")
    int rate = 50_000;

    @Option(names = "--to", paramLabel = "ADDRESS:PORT", description = "Destination: a host of another site (default: the second site's host:443).")
    String to;

    @Option(names = "--max-rss", paramLabel = "MB", description = "Fail if a node's peak RSS passes MB (default: no bound).")
    long maxRssMb;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of the random addresses and ports (default: ${DEFAULT-VALUE}).")
    long seed = 1;

    private final PrintStream stdout;
    private final PrintStream stderr;

    public FloodCommand() {
        this(System.out, System.err);
    }

    FloodCommand(PrintStream stdout, PrintStream stderr) {
        this.stdout = requireNonNull(stdout, "stdout");
        this.stderr = requireNonNull(stderr, "stderr");
    }

    @Override
    public Integer call() throws Exception {
        FloodRun.Plan plan;
        try {
            if (maxRssMb < 0) {
                throw new IllegalArgumentException("--max-rss " + maxRssMb + " (expected: 0 or more MB)");
            }
            if (syns < 1 || syns > MAX_SYNS) {
                throw new IllegalArgumentException("--syns " + syns + " (expected: 1.." + MAX_SYNS + ")");
            }
            if (rate < 1 || rate > MAX_RATE) {
                throw new IllegalArgumentException("--rate " + rate + " (expected: 1.." + MAX_RATE + " per second)");
            }
            Optional<LabState> state = LabState.read(LabNames.stateFile(name));
            if (state.isEmpty()) {
                stderr.println(NAME + ": lab '" + name + "' is not up: bring it up first, e.g. '" + LabRuns.command(name, "up")
                        + " --rules fixed --no-capture'");
                return 2;
            }
            if (state.get().backend() != BackendKind.NAMESPACES) {
                stderr.println(NAME + ": lab '" + name + "' runs in " + state.get().backend() + "; the flood needs a lab in namespaces");
                return 2;
            }
            plan = plan(name, state.get(), to, syns, rate, seed);
        } catch (IllegalArgumentException e) {
            stderr.println(NAME + ": " + e.getMessage());
            return 2;
        }
        FloodReport report;
        try {
            report = new FloodRun(plan, stdout).run();
        } catch (java.io.IOException e) {
            // Not root (no raw socket), the client's namespace gone, a status socket refusing: one line, no trace.
            stderr.println(NAME + ": " + e.getMessage());
            return 1;
        }
        report.summary(maxRssMb * 1024 * 1024).forEach(stdout::println);
        return report.pass(maxRssMb * 1024 * 1024) ? 0 : 1;
    }

    /** The flood for a lab that is up: its topology from its lab file, its trust bundle, its nodes that answer status. */
    static FloodRun.Plan plan(String lab, LabState state, String to, long syns, int rate, long seed) {
        LabFile file = new LabSpec(state.labFile().toString(), null, null).load();
        LabTopology topology = TopologyPlanner.plan(lab, file);
        FloodTargets targets = FloodTargets.of(topology, to);
        return plan(lab, topology, file, state.runFolder(), targets, syns, rate, seed);
    }

    static FloodRun.Plan plan(String lab, LabTopology topology, LabFile file, java.nio.file.Path runFolder, FloodTargets targets,
            long syns, int rate, long seed) {
        List<String> nodes = new ArrayList<>();
        for (Node n : topology.nodes()) {
            if (n.role() != NodeRole.HOST || Files.exists(LabNames.statusSocket(lab, n.name()))) {
                nodes.add(n.name());
            }
        }
        SitePlan client = topology.sites().getFirst();
        SitePlan server = topology.sites().get(1);
        List<String> names = LabLauncher.Stub.everySite(file, topology).getFirst().names();
        String host = names.isEmpty() ? server.hostAddress().ipText() : names.getFirst();
        return new FloodRun.Plan(lab, client.host(), targets, syns, rate, nodes, runFolder.resolve(LabCaFiles.TRUST_FILE),
                "https://" + host + "/", host + ":443:" + server.hostAddress().ipText(), seed);
    }
}
