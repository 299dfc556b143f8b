package io.wanlab.bench.handshake;

import static java.util.Objects.requireNonNull;

import io.wanlab.bench.lab.LabLauncher;
import io.wanlab.bench.lab.InNamespace;
import io.wanlab.bench.lab.ProcessCommandExecutor;
import io.wanlab.bench.node.LabSpec;
import io.wanlab.bench.repro.ReproRunner;
import io.wanlab.bench.throughput.BaselineRoutes;
import io.wanlab.bench.throughput.BenchLab;
import io.wanlab.bench.throughput.KernelRoutes;
import io.wanlab.bench.throughput.LinkCounters;
import io.wanlab.core.topo.LabTopology;
import io.wanlab.core.topo.SitePlan;
import io.wanlab.pop.PopNodeConfig;
import io.wanlab.server.ServerStubConfig;
import io.wanlab.server.ca.LabCaFiles;
import io.wanlab.server.ca.PemFiles;
import io.wanlab.server.ca.TlsProvider;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;

/**
 * {@code wanlab bench handshakes}: builds its own lab (rulebase fixed, capture off), measures new TLS connections per
 * second (each a full handshake and one HTTP/1.1 GET without keep-alive) from the client's namespace to the server
 * stub through the lab's direct path, then over kernel routes on the same namespaces, then through the PoP's proxy
 * with TLS inspection and without it, each at a fixed load or at the one of its probes with the highest rate
 * ({@link InFlight}); prints the rates, their ratios and where the inspected path's time goes, and
 * removes the lab whatever happens (also on Ctrl-C).
 */
@Command(name = "handshakes", mixinStandardHelpOptions = true,
        description = {"Compare TLS handshakes/s: lab direct vs kernel, PoP inspected.",
                "New TLS connections per second from the client's namespace to the server stub: through the lab's direct"
                        + " path vs kernel routes on the same namespaces, and through the PoP's proxy with TLS inspection on"
                        + " vs off. Each connection: TCP, a full TLS handshake, GET /, Connection: close. By default each path"
                        + " is counted at the load that gives its highest rate (2 s probes at 4 to 64 in flight). Builds and"
                        + " removes its own lab; needs root."})
public final class HandshakesCommand implements Callable<Integer> {
    static final String NAME = "wanlab bench handshakes";
    static final int MAX_SECONDS = 60;
    /** Uncounted exchanges before each path's window: the nodes' and the client's code paths get compiled first. */
    static final Duration WARM_UP = Duration.ofSeconds(1);
    /** The load generator's name in the CPU figures: this JVM, which also runs the command (idle while it measures). */
    static final String CLIENT = "client";
    /** One round of the lab's warm-up before the first path ({@link HandshakeRun#warmUp}). */
    static final Duration WARM_UP_ROUND = Duration.ofSeconds(2);
    /** A probe of {@code --concurrency auto}: uncounted exchanges while the new load fills the path, then its window. */
    static final Duration PROBE_WARM_UP = Duration.ofMillis(500);
    static final Duration PROBE_WINDOW = Duration.ofSeconds(2);

    @Option(names = "--seconds", paramLabel = "N", description = "Counted seconds per path (default: ${DEFAULT-VALUE}; 1..60), after 1 s of warm-up; before the first path, the direct path runs uncounted until its rate settles.")
    int seconds = 5;

    @Option(names = "--concurrency", paramLabel = "auto|C", defaultValue = "auto", converter = InFlight.Converter.class,
            description = "Exchanges in flight at once, 1..64, or auto (default): each path counted at the load that gives its"
                    + " highest rate, found by a 2 s probe at each of 4, 8, 16, 32, 64 in flight.")
    InFlight concurrency = InFlight.AUTO;

    @Option(names = "--tls-provider", paramLabel = "jdk|openssl", converter = TlsProviderConverter.class,
            description = "TLS under the server stub and the PoP (default: openssl when it loads, else jdk). The load generator always uses openssl when it loads.")
    TlsProvider tlsProvider;

    @Option(names = "--no-pass-through", description = "Skip the PoP path with TLS inspection off.")
    boolean noPassThrough;

    @Mixin
    BenchLab.Options labOptions = new BenchLab.Options();

    private final PrintStream stdout;
    private final PrintStream stderr;

    public HandshakesCommand() {
        this(System.out, System.err);
    }

    HandshakesCommand(PrintStream stdout, PrintStream stderr) {
        this.stdout = requireNonNull(stdout, "stdout");
        this.stderr = requireNonNull(stderr, "stderr");
    }

    /** picocli: {@code jdk} or {@code openssl}. */
    public static final class TlsProviderConverter implements picocli.CommandLine.ITypeConverter<TlsProvider> {
        @Override
        public TlsProvider convert(String value) {
            try {
                return TlsProvider.fromLabel(value);
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    /** The first problem with the options, or null. */
    String optionProblem() {
        if (seconds < 1 || seconds > MAX_SECONDS) {
            return "--seconds: " + seconds + " (expected: 1.." + MAX_SECONDS + ")";
        }
        return labOptions.jsonProblem();
    }

    @Override
    public Integer call() {
        String problem = optionProblem();
        if (problem != null) {
            stderr.println(NAME + ": " + problem);
            return 2;
        }
        if (tlsProvider != null) {
            // The nodes get it from LabLauncher (-D), this JVM's own contexts from the property.
            System.setProperty(TlsProvider.PROPERTY, tlsProvider.label());
        }
        try {
            TlsProvider.current();
        } catch (IllegalStateException | IllegalArgumentException e) {
            stderr.println(NAME + ": " + e.getMessage());
            return 2;
        }
        return BenchLab.run(NAME, "handshakes", labOptions, stdout, stderr, this::measure,
                new BenchLab.Output<>(HandshakeReport::lines, HandshakeReport::warnings, (report, shape) -> report.toJson(shape)));
    }

    /**
     * The warm-up's load: the fixed one, or with auto the heaviest probe's. The JIT compiles for the load it has seen:
     * warmed at 4 in flight, the lab direct path's probes dipped at 16 and 32 while the Sockets' code was recompiled
     * for fuller batches (four runs: 1,109, 707, 714 and 994/s at 16 after 954, 891, 908 and 977/s at 8; ratio at 16
     * 0.44-0.68), and at 16 in a 10 s window warmed at 16 it did 1,368/s (0.81). Warmed at 64 the curve climbs
     * smoothly (818, 1,015, 1,289, 1,482, 1,587/s) and the lower loads measure as before.
     */
    int warmUpConcurrency() {
        return concurrency.auto() ? InFlight.STEPS.getLast() : concurrency.fixed();
    }

    private HandshakeReport measure(LabLauncher.RunningLab lab) throws Exception {
        LabTopology topology = lab.topology();
        SitePlan client = topology.sites().get(0);
        SitePlan server = topology.sites().get(1);
        InetSocketAddress target = new InetSocketAddress(java.net.InetAddress.getByName(server.hostAddress().ipText()), ServerStubConfig.LAB_PORT);
        String link = BaselineRoutes.offCloudLink(topology, client.socket(), server.socket()).name();
        String labTls = BenchLab.status(lab.name(), server.host()).map(s -> s.path("tls-provider").asString("?")).orElse("?");
        List<java.security.cert.X509Certificate> trusted = PemFiles.readCertificates(lab.runDir().resolve(LabCaFiles.TRUST_FILE));
        Map<String, ProcessHandle> processes = new LinkedHashMap<>();
        processes.put(CLIENT, ProcessHandle.current());
        lab.processes().forEach((node, process) -> processes.put(node, process.toHandle()));
        CpuWindow cpu = new CpuWindow(processes);
        try (HandshakeLoad load = new HandshakeLoad(trusted)) {
            HandshakeRun.Load measure = new HandshakeRun.Load() {
                @Override
                public HandshakeResult measure(String path, String host, int inFlight) throws Exception {
                    return InNamespace.call(lab.name(), client.host(),
                            () -> load.run(path, target, host, inFlight, WARM_UP, Duration.ofSeconds(seconds), cpu));
                }

                @Override
                public HandshakeResult probe(String host, int inFlight) throws Exception {
                    return InNamespace.call(lab.name(), client.host(),
                            () -> load.run("probe", target, host, inFlight, PROBE_WARM_UP, PROBE_WINDOW));
                }

                @Override
                public Map<String, Double> windowCpuSeconds() {
                    return cpu.spent();
                }

                @Override
                public HandshakeResult warmUpRound(String host) throws Exception {
                    return InNamespace.call(lab.name(), client.host(),
                            () -> load.run("warm-up", target, host, warmUpConcurrency(), Duration.ZERO, WARM_UP_ROUND));
                }
            };
            List<String> nodes = List.copyOf(lab.processes().keySet());
            HandshakeRun.Lab nodesOfLab = new HandshakeRun.Lab() {
                @Override
                public void reload(LabSpec spec) throws IOException {
                    ReproRunner.reload(lab.name(), nodes, spec, lab.runDir().resolve("handshakes-" + spec.rules() + "-" + spec.tlsInspection()));
                }

                @Override
                public Optional<LinkCounters> directLink() {
                    return BenchLab.status(lab.name(), client.socket()).flatMap(s -> {
                        try {
                            return Optional.of(LinkCounters.fromStatus(s.toString(), link));
                        } catch (IllegalArgumentException e) {
                            return Optional.empty();
                        }
                    });
                }

                @Override
                public Optional<JsonNode> popStatus() {
                    return BenchLab.status(lab.name(), PopNodeConfig.NODE);
                }
            };
            KernelRoutes routes = new KernelRoutes(new ProcessCommandExecutor(Duration.ofSeconds(30)), BaselineRoutes.plan(topology), stdout);
            List<HandshakeRun.PathFigures> paths = new HandshakeRun(measure, concurrency, routes, nodesOfLab, stdout).run(!noPassThrough);
            String popTls = BenchLab.status(lab.name(), PopNodeConfig.NODE).map(s -> s.path("inspection").path("tls-provider").asString("?")).orElse("?");
            return new HandshakeReport(seconds, concurrency, load.provider().label(),
                    labTls.equals(popTls) ? labTls : "stub " + labTls + ", PoP " + popTls, paths);
        }
    }
}
