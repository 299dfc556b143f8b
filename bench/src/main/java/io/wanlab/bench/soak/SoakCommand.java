package io.wanlab.bench.soak;

import static java.util.Objects.requireNonNull;

import io.netty.util.ResourceLeakDetector;
import io.wanlab.bench.lab.LabCleaner;
import io.wanlab.bench.lab.LabLauncher;
import io.wanlab.bench.lab.LabSetupException;
import io.wanlab.bench.lab.NamespaceBackend;
import io.wanlab.bench.lab.NodeTuning;
import io.wanlab.bench.lab.Preflight;
import io.wanlab.bench.lab.ProcessCommandExecutor;
import io.wanlab.bench.lab.cli.LabNameConverter;
import io.wanlab.bench.throughput.IperfCommands;
import io.wanlab.bench.throughput.IperfRunner;
import io.wanlab.bench.throughput.LabTeardown;
import io.wanlab.core.topo.LabTopology;
import io.wanlab.core.topo.Node;
import io.wanlab.core.topo.NodeRole;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code wanlab soak}: builds its own lab with Netty's paranoid leak detection in every node, runs
 * steady new TLS connections through every path of the seed's lab for N minutes with scenario
 * reloads, bulk transfers and link flaps on their schedules, prints per minute what was made and
 * failed and each node's memory, then the leaks found, the memory trend and a verdict; removes the
 * lab whatever happens (Ctrl-C included).
 */
@Command(name = "soak", mixinStandardHelpOptions = true,
        description = {"Soak a lab: connections, reloads, bulk, flaps, leak detection.",
                "Builds its own lab (capture off, Netty's paranoid leak detection in every",
                "node), then for --minutes: new TLS connections at --rate per second from",
                "the client through every path of the seed's lab (direct Off-Cloud and",
                "Alt-WAN, the PoP's proxy with TLS inspection, the PoP without it, the",
                "seed's reset), a reload into the next rulebase every --reload-every s, an",
                "iperf3 transfer every --bulk-every s and a flap of one of socket-a's",
                "links every --flap-every s. Per minute: connections made and failed by",
                "path, each node's RSS and heap. At the end: LEAK: lines in the node logs,",
                "memory after the warm-up and at the end, every device's books. Exit 0",
                "only with no leak and no failure that a prediction, a reload or a flap",
                "does not explain. Needs root and iperf3."})
public final class SoakCommand implements Callable<Integer> {
    static final String NAME = "wanlab soak";
    static final double MAX_RATE = 50;
    static final int MAX_MINUTES = 24 * 60;

    @Option(names = "--minutes", paramLabel = "N", description = "How long (default: ${DEFAULT-VALUE}; 1..1440).")
    int minutes = 10;

    @Option(names = "--rate", paramLabel = "R", description = "New TLS connections per second (default: ${DEFAULT-VALUE}; up to 50).")
    double rate = 2;

    @Option(names = "--name", paramLabel = "NAME", converter = LabNameConverter.class,
            description = "The name of the lab it builds and removes (default: ${DEFAULT-VALUE}).")
    String name = "soak";

    @Option(names = "--reload-every", paramLabel = "S", description = "Seconds between scenario reloads (default: ${DEFAULT-VALUE}; 0: none).")
    int reloadEvery = 60;

    @Option(names = "--bulk-every", paramLabel = "S", description = "Seconds between bulk transfers, 2 s of iperf3 each (default: ${DEFAULT-VALUE}; 0: none).")
    int bulkEvery = 60;

    @Option(names = "--flap-every", paramLabel = "S", description = "Seconds between link flaps, 6 s down each (default: ${DEFAULT-VALUE}; 0: none).")
    int flapEvery = 120;

    @Option(names = "--max-rss-growth", paramLabel = "MB", description = "Fail if a node's RSS grows more than MB after the warm-up (default: no bound).")
    long maxRssGrowthMb;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the figures as JSON to FILE.")
    Path json;

    @Option(names = "--out", paramLabel = "DIR", description = "Run folder: node logs, each phase's events (default: runs/soak-<date-time>).")
    Path out;

    private final PrintStream stdout;
    private final PrintStream stderr;

    public SoakCommand() {
        this(System.out, System.err);
    }

    SoakCommand(PrintStream stdout, PrintStream stderr) {
        this.stdout = requireNonNull(stdout, "stdout");
        this.stderr = requireNonNull(stderr, "stderr");
    }

    @Override
    public Integer call() {
        List<String> problems = new ArrayList<>();
        if (minutes < 1 || minutes > MAX_MINUTES) {
            problems.add("--minutes " + minutes + " (expected: 1.." + MAX_MINUTES + ")");
        }
        if (!(rate > 0 && rate <= MAX_RATE)) {
            problems.add("--rate " + rate + " (expected: more than 0, at most " + MAX_RATE + ")");
        }
        for (int every : new int[] {reloadEvery, bulkEvery, flapEvery}) {
            if (every < 0 || (every > 0 && every < 10)) {
                problems.add("--reload-every, --bulk-every, --flap-every: " + every + " (expected: 0 for none, or 10 s or more)");
                break;
            }
        }
        if (maxRssGrowthMb < 0) {
            problems.add("--max-rss-growth " + maxRssGrowthMb + " (expected: 0 or more MB)");
        }
        if (json != null && json.toAbsolutePath().getParent() != null && !Files.isDirectory(json.toAbsolutePath().getParent())) {
            problems.add("--json " + json + ": folder " + json.toAbsolutePath().getParent() + " does not exist");
        }
        if (!problems.isEmpty()) {
            problems.forEach(p -> stderr.println(NAME + ": " + p));
            return 2;
        }
        NamespaceBackend backend = new NamespaceBackend(name);
        problems.addAll(Preflight.check());
        if (bulkEvery > 0 && !Preflight.onPath("iperf3")) {
            problems.add("iperf3 is not installed (apt-get install iperf3), or run with --bulk-every 0");
        }
        if (problems.isEmpty() && !backend.list().isEmpty()) {
            problems.add("lab '" + name + "' is up already: the soak builds its own; give it another --name");
        }
        if (!problems.isEmpty()) {
            stderr.println(NAME + ": cannot run:");
            problems.forEach(p -> stderr.println("  " + p));
            return 1;
        }
        Path run = (out != null ? out : Path.of("runs", "soak-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))))
                .toAbsolutePath();
        LabTeardown teardown = new LabTeardown(new LabCleaner(backend), backend, stdout);
        Thread hook = new Thread(teardown::run, "wanlab-soak-down");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            long growth = maxRssGrowthMb * 1024 * 1024;
            SoakReport report = soak(name, run, teardown, Duration.ofMinutes(minutes), rate, reloadEvery, bulkEvery, flapEvery, stdout);
            boolean clean = teardown.run();
            report.summary(growth).forEach(stdout::println);
            if (json != null) {
                Files.writeString(json, report.toJson(growth));
                stdout.println("JSON written to " + json.toAbsolutePath());
            }
            return report.pass(growth) && clean ? 0 : 1;
        } catch (LabSetupException | IllegalArgumentException | IOException e) {
            stderr.println(NAME + ": " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stderr.println(NAME + ": interrupted");
            return 130;
        } catch (Exception e) {
            stderr.println(NAME + ": " + e);
            return 1;
        } finally {
            teardown.run();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // The JVM is already shutting down (Ctrl-C): the hook is running or has run.
            }
        }
    }

    /** Brings the lab up (first phase, capture off, paranoid leak detection) and soaks it; the caller removes it. */
    static SoakReport soak(String lab, Path run, LabTeardown teardown, Duration length, double rate, int reloadEvery, int bulkEvery,
            int flapEvery, PrintStream out) throws Exception {
        List<SoakPhase> phases = SoakPhase.seed();
        LabLauncher.RunningLab up;
        try {
            up = new LabLauncher(lab, out).up(new LabLauncher.Options(phases.getFirst().spec(), run, false, Duration.ofSeconds(40))
                    .withTuning(NodeTuning.NONE.withLeakDetection(ResourceLeakDetector.Level.PARANOID)));
        } catch (IOException | RuntimeException e) {
            // The launcher removed what it made; a lab of this name someone else started meanwhile is not ours.
            teardown.disarm();
            throw e;
        }
        LabTopology topology = up.topology();
        List<String> nodes = new ArrayList<>(up.processes().keySet());
        List<String> devices = new ArrayList<>();
        for (Node n : topology.nodes()) {
            if ((n.role() == NodeRole.SOCKET || n.role() == NodeRole.POP) && nodes.contains(n.name())) {
                devices.add(n.name());
            }
        }
        AtomicReference<SoakPhase> phase = new AtomicReference<>(phases.getFirst());
        List<SoakStep> steps = new ArrayList<>();
        if (reloadEvery > 0) {
            steps.add(new ReloadStep(lab, nodes, phases, run, Duration.ofSeconds(reloadEvery), phase));
        }
        if (bulkEvery > 0) {
            steps.add(new BulkStep(new IperfRunner(new ProcessCommandExecutor(Duration.ofSeconds(30)), IperfCommands.forLab(topology)), 2,
                    Duration.ofSeconds(bulkEvery)));
        }
        if (flapEvery > 0) {
            String socket = topology.sites().getFirst().socket();
            steps.add(new LinkFlapStep(lab, new NamespaceBackend(lab), new ProcessCommandExecutor(Duration.ofSeconds(10)), socket,
                    topology.linksOf(socket), Duration.ofSeconds(6), Duration.ofSeconds(flapEvery)));
        }
        Duration warmUp = length.compareTo(Duration.ofMinutes(2)) < 0 ? length.dividedBy(4) : Duration.ofMinutes(1);
        SoakRun.Plan plan = new SoakRun.Plan(lab, topology.sites().getFirst().host(), nodes, devices, run, length, rate,
                Duration.ofSeconds(5), Duration.ofMinutes(1), warmUp);
        return new SoakRun(plan, steps, phase, out).run();
    }
}
