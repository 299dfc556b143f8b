package io.wanlab.bench.throughput;

import static java.util.Objects.requireNonNull;

import io.wanlab.bench.lab.CommandExecutor;
import io.wanlab.bench.lab.LabCleaner;
import io.wanlab.bench.lab.LabLauncher;
import io.wanlab.bench.lab.LabSetupException;
import io.wanlab.bench.lab.NamespaceBackend;
import io.wanlab.bench.lab.Preflight;
import io.wanlab.bench.lab.ProcessCommandExecutor;
import io.wanlab.bench.lab.cli.LabNameConverter;
import io.wanlab.bench.node.LabSpec;
import io.wanlab.core.node.StatusServer;
import io.wanlab.core.topo.LabNames;
import io.wanlab.core.topo.LabTopology;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code wanlab bench throughput}: builds the lab with the fixed rulebase and capture off,
 * measures iperf3 TCP client to server through the Socket emulators' off-cloud path, then through
 * kernel routes over the same veths, prints both and their ratio, and removes the lab whatever
 * happens (also on Ctrl-C, through a shutdown hook).
 */
@Command(name = "throughput", mixinStandardHelpOptions = true,
        description = {"Compare iperf3 throughput: lab direct path vs kernel routes.",
                "Client -> server twice in one run: through the",
                "lab's direct path (rulebase 'fixed': client > socket-a > off-cloud link >",
                "socket-b > server), then through kernel routes over the same namespaces and",
                "veths. Prints both and their ratio. Builds and removes its own lab; needs",
                "root and iperf3."})
public final class ThroughputCommand implements Callable<Integer> {
    static final String NAME = "wanlab bench throughput";

    @Option(names = "--seconds", paramLabel = "N", description = "Length of each iperf3 run (default: ${DEFAULT-VALUE}; 1..60).")
    int seconds = 5;

    @Option(names = "--parallel", paramLabel = "P", description = "Parallel TCP streams (default: ${DEFAULT-VALUE}; 1..16).")
    int parallel = 1;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the results as JSON to FILE.")
    Path json;

    @Option(names = "--out", paramLabel = "DIR", description = "Run folder for the nodes' logs (default: runs/throughput-<date-time>).")
    Path out;

    @Option(names = "--no-offload", description = "Open the nodes' TUNs without offloads (the plain path: one packet per read and write).")
    boolean noOffload;

    @Option(names = "--name", paramLabel = "NAME", converter = LabNameConverter.class,
            description = "The name of the lab it builds and removes (default: ${DEFAULT-VALUE}).")
    String name = LabNames.DEFAULT_LAB;

    private final PrintStream stdout;
    private final PrintStream stderr;

    public ThroughputCommand() {
        this(System.out, System.err);
    }

    ThroughputCommand(PrintStream stdout, PrintStream stderr) {
        this.stdout = requireNonNull(stdout, "stdout");
        this.stderr = requireNonNull(stderr, "stderr");
    }

    @Override
    public Integer call() {
        try {
            IperfCommands.requireSeconds(seconds);
            IperfCommands.requireParallel(parallel);
        } catch (IllegalArgumentException e) {
            stderr.println(NAME + ": " + e.getMessage());
            return 2;
        }
        if (json != null) {
            Path parent = json.toAbsolutePath().getParent();
            if (parent != null && !Files.isDirectory(parent)) {
                stderr.println(NAME + ": --json " + json + ": folder " + parent + " does not exist");
                return 2;
            }
        }
        NamespaceBackend backend = new NamespaceBackend(name);
        List<String> hostProblems = Preflight.check();
        List<String> problems = ThroughputPreflight.problems(name, hostProblems, Preflight.onPath("iperf3"),
                hostProblems.isEmpty() ? backend.list() : List.of());
        if (!problems.isEmpty()) {
            stderr.println(NAME + ": cannot run:");
            problems.forEach(p -> stderr.println("  " + p));
            return 1;
        }
        Path run = out != null ? out
                : Path.of("runs", "throughput-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        LabTeardown teardown = new LabTeardown(new LabCleaner(backend), backend, stdout);
        Thread hook = new Thread(teardown::run, "wanlab-throughput-down");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            ThroughputReport report = measure(run, teardown);
            boolean clean = teardown.run();
            stdout.println();
            ThroughputTable.lines(report).forEach(stdout::println);
            warnings(report).forEach(w -> stdout.println("warning: " + w));
            if (json != null) {
                Files.writeString(json, report.toJson());
                stdout.println("JSON written to " + json.toAbsolutePath());
            }
            return clean ? 0 : 1;
        } catch (ThroughputException | LabSetupException | IllegalArgumentException | IOException e) {
            stderr.println(NAME + ": " + e.getMessage());
            for (Throwable s : e.getSuppressed()) {
                stderr.println("  also: " + s.getMessage());
            }
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stderr.println(NAME + ": interrupted");
            return 130;
        } finally {
            teardown.run();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // The JVM is already shutting down (Ctrl-C): the hook is running or has run.
            }
        }
    }

    private ThroughputReport measure(Path run, LabTeardown teardown) throws IOException, InterruptedException {
        LabLauncher.RunningLab lab;
        try {
            lab = new LabLauncher(name, stdout)
                    .up(new LabLauncher.Options(new LabSpec("fixed", null, null), run, false, Duration.ofSeconds(40)).withOffload(!noOffload));
        } catch (IOException | RuntimeException e) {
            // The launcher has removed what it made; a lab of this name that another process started meanwhile is not ours to remove.
            teardown.disarm();
            throw e;
        }
        stdout.println("lab up (rulebase fixed, capture off, TUN offloads " + (noOffload ? "off" : "asked for") + "; node logs in " + lab.runDir() + ")");
        LabTopology topology = lab.topology();
        // Each command may run for the whole test plus iperf3's setup and teardown.
        CommandExecutor executor = new ProcessCommandExecutor(Duration.ofSeconds(seconds + 30L));
        String socketA = topology.sites().get(0).socket();
        String link = BaselineRoutes.offCloudLink(topology, socketA, topology.sites().get(1).socket()).name();
        ThroughputRun measurement = new ThroughputRun(executor, new IperfRunner(executor, IperfCommands.forLab(topology)),
                BaselineRoutes.plan(topology), () -> counters(lab.name(), socketA, link), stdout);
        return measurement.run(seconds, parallel);
    }

    private static Optional<LinkCounters> counters(String lab, String socket, String link) {
        try {
            return Optional.of(LinkCounters.fromStatus(StatusServer.ask(LabNames.statusSocket(lab, socket), "status"), link));
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Checks that each path went where it should: the lab through the emulator's direct link, the baseline around it. */
    static List<String> warnings(ThroughputReport report) {
        List<String> out = new ArrayList<>();
        report.lab().emulator().ifPresent(c -> {
            if (c.sent() == 0) {
                out.add("socket-a sent no packet over its off-cloud link during the lab run: the lab figure is not the emulator's direct path");
            }
        });
        report.baseline().emulator().ifPresent(c -> {
            if (c.sent() > 0) {
                out.add("socket-a's emulator carried " + c.sent() + " packets during the baseline: the kernel routes did not take all of it");
            }
        });
        return out;
    }
}
