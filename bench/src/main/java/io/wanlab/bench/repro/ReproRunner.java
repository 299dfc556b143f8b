package io.wanlab.bench.repro;

import static java.util.Objects.requireNonNull;

import io.wanlab.bench.client.Outcome;
import io.wanlab.bench.lab.LabCleaner;
import io.wanlab.bench.lab.LabLauncher;
import io.wanlab.bench.lab.NamespaceBackend;
import io.wanlab.bench.node.LabSpec;
import io.wanlab.bench.node.NodeReloads;
import io.wanlab.core.link.LinkTransport;
import io.wanlab.core.node.StatusServer;
import io.wanlab.core.topo.LabNames;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs the seed's scenarios on one live lab: up once, then per scenario and client reload
 * every node (rules, TLS inspection, a fresh output folder), run the client, collect the
 * evidence, and judge. The lab is torn down at the end, on Ctrl-C and when a node dies.
 */
public final class ReproRunner {
    static final List<String> NODES = List.of("socket-a", "socket-b", "pop", "server");

    private final PrintStream out;
    private final Path runDir;
    private final List<ReproClient> clients;
    private final List<Scenario> scenarios;
    private final String lab;
    private final List<ScenarioResult> results = new ArrayList<>();
    private final AtomicBoolean cleaned = new AtomicBoolean();
    private final LinkTransport linkTransport;

    /** {@code lab}: the name of the lab it brings up, runs the scenarios on and removes. */
    public ReproRunner(PrintStream out, Path runDir, String clients, List<Scenario> scenarios, String lab) {
        this(out, runDir, clients, scenarios, lab, LinkTransport.TCP);
    }

    public ReproRunner(PrintStream out, Path runDir, String clients, List<Scenario> scenarios, String lab,
            LinkTransport linkTransport) {
        this.linkTransport = requireNonNull(linkTransport, "linkTransport");
        this.out = requireNonNull(out, "out");
        this.runDir = requireNonNull(runDir, "runDir").toAbsolutePath();
        this.lab = LabNames.requireLabName(requireNonNull(lab, "lab"));
        this.clients = ReproClient.named(requireNonNull(clients, "clients"), lab);
        this.scenarios = List.copyOf(scenarios);
    }

    /** Runs everything; returns true if every scenario passed. Reports are written in every case. */
    public boolean run() throws Exception {
        long t0 = System.nanoTime();
        Thread hook = new Thread(() -> {
            if (cleanUp()) {
                System.err.println("wanlab repro: interrupted; the lab was removed. Partial report: " + writeReports(t0, "interrupted"));
            }
        }, "repro-cleanup");
        Runtime.getRuntime().addShutdownHook(hook);
        String abort = null;
        try {
            Files.createDirectories(runDir);
            out.println("wanlab repro: bringing the lab up (run folder " + runDir + ")");
            LabLauncher.RunningLab lab = new LabLauncher(this.lab, out).up(new LabLauncher.Options(
                    Scenario.all().getFirst().spec(), runDir, true, Duration.ofSeconds(30), linkTransport));
            out.printf(Locale.ROOT, "wanlab repro: lab up in %.1f s (links over %s); running %d scenarios x %d clients%n%n",
                    (System.nanoTime() - t0) / 1e9, linkTransport.label(), scenarios.size(), clients.size());
            printHeader();
            for (Scenario s : scenarios) {
                for (ReproClient c : clients) {
                    abort = deadNode(lab.processes());
                    if (abort != null) {
                        results.add(failed(s, c, abort));
                        continue;
                    }
                    ScenarioResult r = runOne(lab, s, c);
                    results.add(r);
                    printRow(r);
                }
            }
        } catch (Exception e) {
            abort = e.getMessage();
            out.println("wanlab repro: " + e.getMessage());
        } finally {
            cleanUp();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // Already shutting down: the hook does the rest.
            }
        }
        boolean pass = abort == null && !results.isEmpty() && results.stream().allMatch(ScenarioResult::pass)
                && results.size() == scenarios.size() * clients.size();
        String where = writeReports(t0, pass ? "pass" : "fail");
        out.println();
        printVerdict(pass, abort, t0);
        out.println("reports: " + where);
        return pass;
    }

    /** One scenario with one client on a running lab (package-private for the live matrix test). */
    ScenarioResult runOne(LabLauncher.RunningLab lab, Scenario s, ReproClient client) throws Exception {
        long start = System.nanoTime();
        Path dir = runDir.resolve(s.name() + "-" + client.name());
        reload(lab.name(), s.spec(), dir);
        ReproClient.Observed seen = client.fetch(lab.runDir().resolve("ca.pem"), s.serverName());
        // Nodes log asynchronously (the PoP may accept the client leg after the client already
        // saw the reset): re-read the evidence a few times, bounded, before judging it missing.
        Evidence e = null;
        for (int attempt = 0; attempt < 10 && (e == null || !e.pass()); attempt++) {
            if (attempt > 0) {
                Thread.sleep(50L * attempt);
            }
            for (String node : NODES) {
                StatusServer.ask(LabNames.statusSocket(lab.name(), node), "status"); // flushes the node's captures and events
            }
            e = Evidence.collect(dir, s);
        }
        boolean outcomeOk = s.expect() == Scenario.Expect.RESET
                ? seen.outcome() == Outcome.RESET_DURING_HANDSHAKE
                : seen.outcome() == Outcome.OK;
        List<String> evidence = new ArrayList<>();
        evidence.add((outcomeOk ? "" : "MISSING: ") + "the client (" + client.name() + ") saw " + seen.text());
        evidence.addAll(e.findings);
        long ms = (System.nanoTime() - start) / 1_000_000;
        return new ScenarioResult(s.name(), client.name(), s.expect().label(), seen.text(), outcomeOk && e.pass(), e.path,
                evidence, ms, Ladder.build(dir, e.ports()));
    }

    /** Reconfigures every node for the scenario; its captures and events go under {@code dir}. */
    private static void reload(String lab, LabSpec spec, Path dir) throws IOException {
        String request = NodeReloads.request(spec, dir);
        for (String node : NODES) {
            String answer = StatusServer.ask(LabNames.statusSocket(lab, node), request);
            if (!answer.contains("\"ok\":true")) {
                throw new IOException("node " + node + " refused the reload: " + answer.trim());
            }
        }
    }

    private String deadNode(Map<String, Process> processes) {
        for (Map.Entry<String, Process> p : processes.entrySet()) {
            if (!p.getValue().isAlive()) {
                return "node " + p.getKey() + " died (exit " + p.getValue().exitValue() + "); see " + runDir.resolve(p.getKey() + ".log");
            }
        }
        return null;
    }

    private static ScenarioResult failed(Scenario s, ReproClient c, String why) {
        return new ScenarioResult(s.name(), c.name(), s.expect().label(), "not run", false, "", List.of("MISSING: " + why), 0, List.of());
    }

    private boolean cleanUp() {
        if (!cleaned.compareAndSet(false, true)) {
            return false;
        }
        new LabCleaner(new NamespaceBackend(lab)).clean();
        return true;
    }

    private String writeReports(long t0, String verdict) {
        try {
            List<ScenarioResult> snapshot = List.copyOf(results);
            boolean pass = verdict.equals("pass");
            ReportWriter.writeJson(runDir.resolve("report.json"), pass, snapshot);
            ReportWriter.writeJunit(runDir.resolve("junit.xml"), snapshot, (System.nanoTime() - t0) / 1_000_000);
            ReportWriter.writeHtml(runDir.resolve("report.html"), pass, snapshot, "wanlab repro: " + verdict);
            return runDir.resolve("report.html") + " (also report.json, junit.xml; pcapng and events.jsonl per scenario folder)";
        } catch (IOException | RuntimeException e) {
            return "could not write the reports: " + e;
        }
    }

    static final String ROW = "%-23s %-8s %-9s %-23s %-5s %8s%n";

    private void printHeader() {
        out.printf(Locale.ROOT, ROW, "scenario", "client", "expected", "observed", "pass", "elapsed");
    }

    private void printRow(ScenarioResult r) {
        int paren = r.observed().indexOf(" (");
        String observed = paren > 0 ? r.observed().substring(0, paren) : r.observed();
        out.printf(Locale.ROOT, ROW, r.name(), r.client(), r.expected(), observed, r.pass() ? "yes" : "NO", r.elapsedMillis() + " ms");
        out.println("      path:     " + r.path());
        out.println("      evidence: " + keyEvidence(r));
    }

    /** The one finding that tells this scenario's story (or the first that is missing). */
    static String keyEvidence(ScenarioResult r) {
        java.util.Optional<String> missing = r.evidence().stream().filter(l -> l.startsWith("MISSING")).findFirst();
        if (missing.isPresent()) {
            return missing.get();
        }
        String keyword = switch (r.name()) {
            case "bug-off-cloud", "bug-alt-wan" -> "with no SYN of that flow";
            case "fix-reorder-off-cloud", "fix-reorder-alt-wan" -> "saw no packet of the flow";
            case "fix-tls-inspection-off" -> "the server got the SYN first";
            case "app-on-cloud" -> "opened the server leg";
            default -> "";
        };
        String line = r.evidence().stream().filter(l -> l.contains(keyword)).findFirst().orElse(r.evidence().isEmpty() ? "" : r.evidence().getFirst());
        if (r.name().startsWith("bug-")) {
            line = line.replaceFirst(" \\(.*\\)$", "") + "; the server answered RST";
        }
        return line;
    }

    private void printVerdict(boolean pass, String abort, long t0) {
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (pass) {
            out.printf(Locale.ROOT, "verdict: PASS: the seed's reset reproduces (bug-off-cloud, bug-alt-wan) and both fixes hold, "
                    + "%d runs, %.1f s%n", results.size(), seconds);
            return;
        }
        out.printf(Locale.ROOT, "verdict: FAIL (%.1f s)%n", seconds);
        if (abort != null) {
            out.println("  aborted: " + abort);
        }
        for (ScenarioResult r : results) {
            if (!r.pass()) {
                out.println("  " + r.name() + " / " + r.client() + ": expected " + r.expected() + ", observed " + r.observed());
                r.evidence().stream().filter(l -> l.startsWith("MISSING")).forEach(l -> out.println("    " + l));
            }
        }
    }
}
