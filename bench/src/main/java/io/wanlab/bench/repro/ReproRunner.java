package io.wanlab.bench.repro;

import static java.util.Objects.requireNonNull;

import io.wanlab.bench.client.Outcome;
import io.wanlab.bench.lab.LabCleaner;
import io.wanlab.bench.lab.LabLauncher;
import io.wanlab.bench.lab.BackendKind;
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
 * Runs scenarios on one live lab, for {@code repro} (the seed's six) and {@code verify} (probes
 * derived from a user's rulebase, before and after the fix): up once, then per scenario and
 * client reload every node (rules, TLS inspection, a fresh output folder), run the client on the
 * scenario's client host, collect the evidence from the scenario's route, and judge. The lab is
 * torn down at the end, on Ctrl-C and when a node dies.
 */
public final class ReproRunner {
    private final PrintStream out;
    private String command = "repro";
    private LabSpec upSpec;
    private List<LabLauncher.Stub> stubs = List.of(LabLauncher.Stub.SEED);
    private Verdict verdict = Verdict.SEED;
    private final Path runDir;
    private List<ReproClient> clients;
    private final String clientWords;
    private BackendKind backend = BackendKind.NAMESPACES;
    private boolean offload = true;
    private final List<Scenario> scenarios;
    private final String lab;
    private final List<ScenarioResult> results = new ArrayList<>();
    private final AtomicBoolean cleaned = new AtomicBoolean();
    /** Counted down when the lab's removal, by whichever thread did it, has finished. */
    private final java.util.concurrent.CountDownLatch cleanupDone = new java.util.concurrent.CountDownLatch(1);
    static final Duration CLEANUP_WAIT = Duration.ofSeconds(60);
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
        this.clientWords = requireNonNull(clients, "clients");
        this.clients = ReproClient.named(clients, lab, backend);
        this.scenarios = List.copyOf(scenarios);
        this.upSpec = this.scenarios.isEmpty() ? new LabSpec(null, null, null) : this.scenarios.getFirst().spec();
    }

    /**
     * Runs a user's lab instead of the seed's: {@code command} names it in messages and reports,
     * {@code up} is the lab to bring up, {@code stubs} its server stubs, {@code verdict} what passes.
     */
    public ReproRunner forLab(String command, LabSpec up, List<LabLauncher.Stub> stubs, Verdict verdict) {
        this.command = requireNonNull(command, "command");
        this.upSpec = requireNonNull(up, "up");
        this.stubs = List.copyOf(stubs);
        this.verdict = requireNonNull(verdict, "verdict");
        return this;
    }

    /** Runs the lab's nodes (and clients) on that backend ({@code --backend}); namespaces by default. */
    /** TUN offloads on the device nodes (default) or off ({@code --no-offload}). */
    public ReproRunner offload(boolean on) {
        this.offload = on;
        return this;
    }

    public ReproRunner on(BackendKind kind) {
        this.backend = requireNonNull(kind, "kind");
        this.clients = ReproClient.named(clientWords, lab, kind);
        return this;
    }

    /** The results so far (all of them once {@link #run} returned). */
    public List<ScenarioResult> results() {
        return List.copyOf(results);
    }

    /**
     * What makes a run pass beyond every scenario passing, and the verdict line that says what ran.
     * Returns the reasons it fails; empty when it passes.
     */
    public interface Verdict {
        List<String> failures(List<ScenarioResult> results);

        String passLine(List<ScenarioResult> results);

        /** The seed's: every scenario passed; the line names what reproduced and what held. */
        Verdict SEED = new Verdict() {
            @Override
            public List<String> failures(List<ScenarioResult> results) {
                return List.of();
            }

            @Override
            public String passLine(List<ScenarioResult> results) {
                return ReproRunner.seedLine(results);
            }
        };
    }
    /** Runs everything; returns true if every scenario passed. Reports are written in every case. */
    public boolean run() throws Exception {
        long t0 = System.nanoTime();
        Thread hook = new Thread(() -> {
            if (cleanUp()) {
                System.err.println("wanlab " + command + ": interrupted; the lab was removed. Partial report: " + writeReports(t0, "interrupted"));
            } else {
                // Interrupted while the run itself removes the lab: the JVM must not exit half-way
                // (containers gone, networks left), so wait for that removal to finish.
                awaitCleanup();
            }
        }, command + "-cleanup");
        Runtime.getRuntime().addShutdownHook(hook);
        String abort = null;
        try {
            Files.createDirectories(runDir);
            out.println("wanlab " + command + ": bringing the lab up (run folder " + runDir + ")");
            LabLauncher.RunningLab lab = new LabLauncher(this.lab, out, backend).up(new LabLauncher.Options(
                    upSpec, runDir, true, Duration.ofSeconds(backend == BackendKind.DOCKER ? 90 : 30), linkTransport, stubs,
                    labFiles(scenarios)).withOffload(offload));
            out.printf(Locale.ROOT, "wanlab %s: lab up in %.1f s (links over %s); running %d scenarios x %d clients%n%n",
                    command, (System.nanoTime() - t0) / 1e9, linkTransport.label(), scenarios.size(), clients.size());
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
            out.println("wanlab " + command + ": " + e.getMessage());
        } finally {
            cleanUp();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // Already shutting down: the hook does the rest.
            }
        }
        List<String> more = verdict.failures(List.copyOf(results));
        boolean pass = abort == null && !results.isEmpty() && results.stream().allMatch(ScenarioResult::pass)
                && results.size() == scenarios.size() * clients.size() && more.isEmpty();
        String where = writeReports(t0, pass ? "pass" : "fail");
        out.println();
        printVerdict(pass, abort, more, t0);
        out.println("reports: " + where);
        return pass;
    }

    /** One scenario with one client on a running lab (package-private for the live matrix test). */
    ScenarioResult runOne(LabLauncher.RunningLab lab, Scenario s, ReproClient client) throws Exception {
        long start = System.nanoTime();
        Path dir = runDir.resolve(s.folder(client.name()));
        List<String> nodes = List.copyOf(lab.processes().keySet());
        reload(lab.name(), nodes, s.spec(), dir);
        ReproClient.Observed seen = client.fetch(lab.runDir().resolve(s.path().clientTrustsInspection()
                ? io.wanlab.server.ca.LabCaFiles.TRUST_FILE : io.wanlab.server.ca.LabCaFiles.CERTIFICATE_FILE), s.route());
        // Nodes log asynchronously (the PoP may accept the client leg after the client already
        // saw the reset): re-read the evidence a few times, bounded, before judging it missing.
        Evidence e = null;
        for (int attempt = 0; attempt < 10 && (e == null || !e.pass()); attempt++) {
            if (attempt > 0) {
                Thread.sleep(50L * attempt);
            }
            for (String node : nodes) {
                StatusServer.ask(LabNames.statusSocket(lab.name(), node), "status"); // flushes the node's captures and events
            }
            e = Evidence.collect(dir, s);
        }
        boolean outcomeOk = seen.outcome() == switch (s.expect()) {
            case RESET -> Outcome.RESET_DURING_HANDSHAKE;
            case OK -> Outcome.OK;
            case TLS_ERROR -> Outcome.TLS_ERROR;
        };
        List<String> evidence = new ArrayList<>();
        evidence.add((outcomeOk ? "" : "MISSING: ") + "the client (" + client.name() + ") saw " + seen.text());
        evidence.add(ISSUER + (seen.issuer().isEmpty() ? "(none shown)" : seen.issuer()));
        evidence.addAll(e.findings);
        // The next scenario starts only when this one's connections are gone (their closing is captured here).
        String left = Settle.await(lab.name(), nodes);
        if (left != null) {
            evidence.add("MISSING: the lab settled before the next scenario: " + left);
        }
        // Settled, the nodes' books are still: every packet forwarded or dropped with a reason.
        List<String> books = AccountingCheck.after(lab.name(), nodes);
        evidence.addAll(books);
        long ms = (System.nanoTime() - start) / 1_000_000;
        return new ScenarioResult(s.name(), client.name(), s.expect().label(), seen.text(),
                outcomeOk && e.pass() && left == null && AccountingCheck.pass(books), e.path,
                evidence, ms, Ladder.build(dir, s.route(), e.ports()), s.phase(), s.rules(), s.path().label(), Ladder.lanes(s.route()));
    }

    /** The lab files the scenarios reload with (verify's fix among them), which nodes in containers must see. */
    static List<Path> labFiles(List<Scenario> scenarios) {
        return scenarios.stream().map(Scenario::spec).filter(LabSpec::isFile).map(s -> Path.of(s.rules()).toAbsolutePath())
                .distinct().toList();
    }

    /** Reconfigures every node for the scenario; its captures and events go under {@code dir}. */
    public static void reload(String lab, List<String> nodes, LabSpec spec, Path dir) throws IOException {
        String request = NodeReloads.request(spec, dir);
        for (String node : nodes) {
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
        return new ScenarioResult(s.name(), c.name(), s.expect().label(), "not run", false, "", List.of("MISSING: " + why), 0, List.of(),
                s.phase(), s.rules(), s.path().label(), Ladder.lanes(s.route()));
    }

    private boolean cleanUp() {
        if (!cleaned.compareAndSet(false, true)) {
            return false;
        }
        try {
            new LabCleaner(backend.of(lab)).clean();
        } finally {
            cleanupDone.countDown();
        }
        return true;
    }

    /** Waits, bounded, for the removal another thread started. */
    void awaitCleanup() {
        try {
            if (!cleanupDone.await(CLEANUP_WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS)) {
                System.err.println("wanlab " + command + ": the lab's removal did not finish within " + CLEANUP_WAIT.toSeconds()
                        + " s; run '" + io.wanlab.bench.lab.LabRuns.command(lab, "down") + "'");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String writeReports(long t0, String verdict) {
        try {
            List<ScenarioResult> snapshot = List.copyOf(results);
            boolean pass = verdict.equals("pass");
            ReportWriter.writeJson(runDir.resolve("report.json"), pass, snapshot);
            ReportWriter.writeJunit(runDir.resolve("junit.xml"), snapshot, (System.nanoTime() - t0) / 1_000_000);
            ReportWriter.writeHtml(runDir.resolve("report.html"), pass, snapshot, "wanlab " + command + ": " + verdict);
            return runDir.resolve("report.html") + " (also report.json, junit.xml; pcapng and events.jsonl per scenario folder)";
        } catch (IOException | RuntimeException e) {
            return "could not write the reports: " + e;
        }
    }

    /** The evidence line naming who issued the certificate the client was shown (inspection shows by it). */
    static final String ISSUER = "the client was shown a certificate issued by ";

    static final String ROW = "%-23s %-8s %-9s %-23s %-5s %8s%n";

    private void printHeader() {
        out.printf(Locale.ROOT, ROW, "scenario", "client", "expected", "observed", "pass", "elapsed");
    }

    private void printRow(ScenarioResult r) {
        int paren = r.observed().indexOf(" (");
        String observed = paren > 0 ? r.observed().substring(0, paren) : r.observed();
        out.printf(Locale.ROOT, ROW, r.id(), r.client(), r.expected(), observed, r.pass() ? "yes" : "NO", r.elapsedMillis() + " ms");
        if (!r.rules().isEmpty() && !command.equals("repro")) {
            out.println("      rules:    " + r.rules());
        }
        out.println("      path:     " + r.path());
        r.evidence().stream().filter(l -> l.startsWith(ISSUER)).findFirst()
                .ifPresent(l -> out.println("      issuer:   " + l.substring(ISSUER.length())));
        out.println("      evidence: " + keyEvidence(r));
    }

    /** The one finding that tells this scenario's story (or the first that is missing). */
    static String keyEvidence(ScenarioResult r) {
        java.util.Optional<String> missing = r.evidence().stream().filter(l -> l.startsWith("MISSING")).findFirst();
        if (missing.isPresent()) {
            return missing.get();
        }
        String keyword = keyword(r.predicted());
        String line = r.evidence().stream().filter(l -> l.contains(keyword)).findFirst().orElse(r.evidence().isEmpty() ? "" : r.evidence().getFirst());
        if (r.predicted().equals(Scenario.PathKind.SWITCH_AFTER_PROXY.label())) {
            line = line.replaceFirst(" \\(.*\\)$", "") + "; the server answered RST";
        }
        return line;
    }

    private static String keyword(String predicted) {
        for (Scenario.PathKind k : Scenario.PathKind.values()) {
            if (k.label().equals(predicted)) {
                return switch (k) {
                    case SWITCH_AFTER_PROXY -> "with no SYN of that flow";
                    case DIRECT_ON_SYN -> "saw no packet of the flow";
                    case SWITCH_AFTER_PASSTHROUGH, CLOUD_PASSTHROUGH -> "the server got the SYN first";
                    case CLOUD_PROXIED -> "opened the server leg";
                    case CLOUD_INSPECTED_UNTRUSTED -> "handshake failed";
                };
            }
        }
        return "";
    }

    /** The seed's verdict, naming what ran: the resets that reproduced, the fixes that held, the rest. */
    static String seedLine(List<ScenarioResult> results) {
        java.util.LinkedHashSet<String> resets = new java.util.LinkedHashSet<>();
        java.util.LinkedHashSet<String> fixes = new java.util.LinkedHashSet<>();
        java.util.LinkedHashSet<String> others = new java.util.LinkedHashSet<>();
        for (ScenarioResult r : results) {
            (r.expected().equals("reset") ? resets : r.name().startsWith("fix-") ? fixes : others).add(r.name());
        }
        List<String> parts = new ArrayList<>();
        if (!resets.isEmpty()) {
            parts.add("the seed's reset reproduces (" + String.join(", ", resets) + ")");
        }
        if (!fixes.isEmpty()) {
            boolean both = fixes.stream().anyMatch(n -> n.startsWith("fix-reorder")) && fixes.contains("fix-tls-inspection-off");
            parts.add((both ? "both fixes hold" : "the fix holds") + " (" + String.join(", ", fixes) + ")");
        }
        if (!others.isEmpty()) {
            parts.add(String.join(", ", others) + " as expected");
        }
        return String.join("; ", parts);
    }

    private void printVerdict(boolean pass, String abort, List<String> more, long t0) {
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (pass) {
            out.printf(Locale.ROOT, "verdict: PASS: %s, %d runs, %.1f s%n", verdict.passLine(List.copyOf(results)), results.size(), seconds);
            return;
        }
        out.printf(Locale.ROOT, "verdict: FAIL (%.1f s)%n", seconds);
        if (abort != null) {
            out.println("  aborted: " + abort);
        }
        for (String why : more) {
            out.println("  " + why);
        }
        for (ScenarioResult r : results) {
            if (!r.pass()) {
                out.println("  " + r.id() + " / " + r.client() + ": expected " + r.expected() + ", observed " + r.observed());
                r.evidence().stream().filter(l -> l.startsWith("MISSING")).forEach(l -> out.println("    " + l));
            }
        }
    }
}
