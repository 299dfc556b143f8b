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
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code wanlab bench throughput}: builds the lab with the fixed rulebase and capture off,
 * measures iperf3 TCP client to server through the Socket emulators' off-cloud path, then through
 * kernel routes over the same veths, prints both and their ratio, and removes the lab whatever
 * happens (also on Ctrl-C, through a shutdown hook).
 */
@Command(name = "throughput", mixinStandardHelpOptions = true,
        description = {"Compare iperf3 throughput: lab direct path vs kernel routes.",
                "Client -> server (or back, --reverse; TCP, or UDP with --udp) twice in one run: through the",
                "lab's direct path (rulebase 'fixed': client > socket-a > off-cloud link >",
                "socket-b > server), then through kernel routes over the same namespaces and",
                "veths. Prints both, their ratio and CPU seconds per GB carried (the Sockets' and",
                "iperf3's). Builds and removes its own lab; needs",
                "root and iperf3."})
public final class ThroughputCommand implements Callable<Integer> {
    static final String NAME = "wanlab bench throughput";

    @Option(names = "--seconds", paramLabel = "N", description = "Length of each iperf3 run (default: ${DEFAULT-VALUE}; 1..60).")
    int seconds = 5;

    @Option(names = "--parallel", paramLabel = "P", description = "Parallel TCP streams (default: ${DEFAULT-VALUE}; 1..16).")
    int parallel = 1;

    @Option(names = "--warmup", paramLabel = "N", description = "Seconds of traffic through the lab path before it is measured,"
            + " while the nodes' JIT compiles the forwarding code (default: ${DEFAULT-VALUE}; 0..60, 0 for none).")
    int warmup = 5;

    @Option(names = "--reverse", description = "Server to client (iperf3 -R) instead of client to server.")
    boolean reverse;

    @Option(names = "--udp", paramLabel = "RATE", description = "UDP at RATE bits/s per stream (iperf3 -u -b RATE, e.g. 200M) instead of TCP;"
            + " reports the receiver's loss and jitter.")
    String udpRate;

    @Mixin
    BenchLab.Options labOptions = new BenchLab.Options();

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
        IperfCommands.Mode mode;
        try {
            IperfCommands.requireSeconds(seconds);
            IperfCommands.requireParallel(parallel);
            if (warmup < 0 || warmup > IperfCommands.MAX_SECONDS) {
                throw new IllegalArgumentException("--warmup: " + warmup + " (expected: 0.." + IperfCommands.MAX_SECONDS + ")");
            }
            mode = new IperfCommands.Mode(reverse, udpRate);
        } catch (IllegalArgumentException e) {
            stderr.println(NAME + ": " + e.getMessage());
            return 2;
        }
        String jsonProblem = labOptions.jsonProblem();
        if (jsonProblem != null) {
            stderr.println(NAME + ": " + jsonProblem);
            return 2;
        }
        List<String> hostProblems = Preflight.check();
        List<String> problems = ThroughputPreflight.problems(labOptions.name, hostProblems, Preflight.onPath("iperf3"),
                hostProblems.isEmpty() ? new NamespaceBackend(labOptions.name).list() : List.of());
        if (!problems.isEmpty()) {
            stderr.println(NAME + ": cannot run:");
            problems.forEach(p -> stderr.println("  " + p));
            return 1;
        }
        return BenchLab.run(NAME, "throughput", labOptions, stdout, stderr, running -> measure(running, mode),
                new BenchLab.Output<>(ThroughputTable::lines, ThroughputCommand::warnings, (report, shape) -> report.toJson(shape)));
    }

    private ThroughputReport measure(LabLauncher.RunningLab lab, IperfCommands.Mode mode) throws InterruptedException {
        LabTopology topology = lab.topology();
        // Each command may run for the whole test plus iperf3's setup and teardown.
        CommandExecutor executor = new ProcessCommandExecutor(Duration.ofSeconds(seconds + 30L));
        String socketA = topology.sites().get(0).socket();
        String link = BaselineRoutes.offCloudLink(topology, socketA, topology.sites().get(1).socket()).name();
        ThroughputRun measurement = new ThroughputRun(executor, new IperfRunner(executor, IperfCommands.forLab(topology)),
                BaselineRoutes.plan(topology), () -> counters(lab.name(), socketA, link), stdout);
        // The Sockets on the direct path: socket-a and socket-b (the PoP and the server stub are not on it).
        List<ProcessHandle> sockets = topology.sites().stream().limit(2).map(s -> lab.processes().get(s.socket()))
                .filter(java.util.Objects::nonNull).map(Process::toHandle).toList();
        return measurement.withCpu(() -> NodeCpu.seconds(sockets)).withWarmup(warmup).run(seconds, parallel, mode);
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
