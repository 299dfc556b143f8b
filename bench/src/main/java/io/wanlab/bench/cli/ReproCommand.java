package io.wanlab.bench.cli;

import io.wanlab.bench.model.InMemoryScenario;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import io.wanlab.bench.lab.Preflight;
import io.wanlab.bench.repro.ReproRunner;
import io.wanlab.bench.repro.Scenario;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code wanlab repro}: the seed's scenarios on the live lab (root), judged by captures and
 * events; {@code --in-memory} runs only Socket A's decisions, without kernels, and says so.
 */
@Command(name = "repro", mixinStandardHelpOptions = true,
        description = {"Reproduce the TLS reset on the live lab and verify both fixes.",
                "Six scenarios, each with the built-in TLS client and curl, judged by the captures and events.",
                "Exit 0 only if all pass.",
                "Needs root (namespaces, TUN). --in-memory shows Socket A's decisions only, without kernels."})
public final class ReproCommand implements Callable<Integer> {
    @Option(names = "--backend", paramLabel = "namespaces|docker", converter = io.wanlab.bench.lab.cli.BackendKindConverter.class,
            description = "Where the nodes run: network namespaces, or containers of the wanlab:latest image (default: namespaces).")
    io.wanlab.bench.lab.BackendKind backend = io.wanlab.bench.lab.BackendKind.NAMESPACES;

    @Option(names = "--name", paramLabel = "NAME", converter = io.wanlab.bench.lab.cli.LabNameConverter.class,
            description = "The name of the lab repro brings up and removes (default: ${DEFAULT-VALUE}).")
    String name = io.wanlab.core.topo.LabNames.DEFAULT_LAB;

    @Option(names = "--out", paramLabel = "DIR", description = "Run folder (default: runs/repro-<date-time>).")
    Path out;

    @Option(names = "--client", paramLabel = "builtin|curl|all", description = "Which clients (default: ${DEFAULT-VALUE}).")
    String client = "all";

    @Option(names = "--scenario", paramLabel = "NAME", description = "Run only these scenarios (repeatable; default: all).")
    List<String> only;

    @Option(names = "--link-transport", paramLabel = "tcp|udp", description = "What carries the links (default: ${DEFAULT-VALUE}).")
    String linkTransport = "tcp";

    @Option(names = "--no-offload", description = "Open the nodes' TUNs without offloads (the plain path: one packet per read and write).")
    boolean noOffload;

    @Option(names = "--in-memory", description = "Run the in-memory model of Socket A's decisions instead (no root needed).")
    boolean inMemory;

    @Override
    public Integer call() throws Exception {
        if (inMemory) {
            return inMemory();
        }
        List<Scenario> scenarios;
        try {
            scenarios = Scenario.seed(only == null ? List.of() : only);
        } catch (IllegalArgumentException e) {
            System.err.println("wanlab repro: " + e.getMessage());
            return 2;
        }
        String problem = Preflight.liveProblem("repro", client, "./wanlab repro --in-memory");
        if (problem != null) {
            System.err.println(problem);
            return 3;
        }
        io.wanlab.core.link.LinkTransport transport;
        try {
            io.wanlab.bench.repro.ReproClient.named(client, name);
            transport = io.wanlab.core.link.LinkTransport.fromLabel(linkTransport);
        } catch (IllegalArgumentException e) {
            System.err.println("wanlab repro: " + e.getMessage());
            return 2;
        }
        Path run = out != null ? out : Path.of("runs", "repro-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        boolean pass = new ReproRunner(System.out, run, client, scenarios, name, transport).on(backend).offload(!noOffload).run();
        return pass ? 0 : 1;
    }

    private Integer inMemory() {
        PrintStream out = System.out;
        out.println("wanlab repro: IN-MEMORY MODEL (no namespaces, no kernels, no PoP proxy, no server).");
        out.println("  It shows which link Socket A sends each packet on; the server's RST is for the live lab to show.");
        out.println();
        List<InMemoryScenario.Observation> results = new ArrayList<>();
        String fmt = "%-22s %-10s %-10s %-10s %-10s %-30s %s%n";
        out.printf(Locale.ROOT, fmt, "scenario", "SYN", "expected", "Hello", "expected", "switch", "result");
        for (InMemoryScenario s : InMemoryScenario.seed()) {
            long t0 = System.nanoTime();
            InMemoryScenario.Observation o = s.run();
            long ms = (System.nanoTime() - t0) / 1_000_000;
            results.add(o);
            out.printf(Locale.ROOT, fmt, s.name(), label(o.syn()), s.expectSyn().label(), label(o.hello()),
                    s.expectHello().label(), o.switched() ? o.switchEvent() : "none", (o.pass() ? "pass" : "FAIL") + " (" + ms + " ms)");
        }
        out.println();
        for (InMemoryScenario s : InMemoryScenario.seed()) {
            out.println("  " + s.name() + ": " + s.meaning());
        }
        out.println("  (fix-tls-inspection-off changes the PoP's behaviour, not Socket A's: in memory it looks like the bug.)");
        long failed = results.stream().filter(o -> !o.pass()).count();
        out.println();
        out.println(failed == 0
                ? "verdict: pass (in-memory model: Socket A decides as the seed describes in all " + results.size() + " scenarios)"
                : "verdict: FAIL (" + failed + " of " + results.size() + " scenarios differ from the seed)");
        return failed == 0 ? 0 : 1;
    }

    private static String label(io.wanlab.core.lab.Transport t) {
        return t == null ? "dropped" : t.label();
    }
}
