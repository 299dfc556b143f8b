package io.wanlab.bench.cli;

import io.wanlab.bench.lab.Preflight;
import io.wanlab.bench.node.LabSpec;
import io.wanlab.bench.repro.ReproClient;
import io.wanlab.bench.repro.ReproRunner;
import io.wanlab.bench.repro.Scenario;
import io.wanlab.bench.verify.VerifyPlan;
import io.wanlab.core.lab.LabFile;
import io.wanlab.core.lab.LabFileException;
import io.wanlab.core.lab.LabFileLoader;
import io.wanlab.core.lint.FixPlan;
import io.wanlab.core.lint.LabFixWriter;
import io.wanlab.core.lint.LabLint;
import io.wanlab.core.lint.LintReport;
import io.wanlab.core.link.LinkTransport;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code wanlab verify LAB}: the user's own lab, live. The lint predicts which connections the
 * rulebase resets; the lab comes up as written; probes derived from the rulebase run with real
 * clients before and after the fix (the lint's reorder, or {@code --fix FILE}); each is judged by
 * its client and by the captures and events of that lab's own tap points.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Verify your lab live: reproduce the predicted resets, then prove the fix.",
                "Brings LAB up as written, runs probes derived from its rulebase with the built-in client and curl,",
                "then the same probes on the fixed lab (--fix FILE, or the lint's own reorder). Exit 0 only if",
                "every prediction held and the fix removed every reset without breaking a flow that worked."})
public final class VerifyCommand implements Callable<Integer> {
    @Parameters(paramLabel = "LAB", description = "A YAML lab file, or a preset (bug, fixed, bug-alt-wan, fixed-alt-wan).")
    String lab;

    @Option(names = "--fix", paramLabel = "FILE", description = "The fixed lab file to prove (default: the lint's reorder of LAB).")
    Path fix;

    @Option(names = "--out", paramLabel = "DIR", description = "Run folder (default: runs/verify-<date-time>).")
    Path out;

    @Option(names = "--client", paramLabel = "builtin|curl|all", description = "Which clients (default: ${DEFAULT-VALUE}).")
    String client = "all";

    @Option(names = "--no-offload", description = "Open the nodes' TUNs without offloads (the plain path: one packet per read and write).")
    boolean noOffload;

    @Option(names = "--link-transport", paramLabel = "tcp|udp", description = "What carries the links (default: ${DEFAULT-VALUE}).")
    String linkTransport = "tcp";

    @Option(names = "--backend", paramLabel = "namespaces|docker", converter = io.wanlab.bench.lab.cli.BackendKindConverter.class,
            description = "Where the nodes run: network namespaces, or containers of the wanlab:latest image (default: namespaces).")
    io.wanlab.bench.lab.BackendKind backend = io.wanlab.bench.lab.BackendKind.NAMESPACES;

    @Option(names = "--name", paramLabel = "NAME", converter = io.wanlab.bench.lab.cli.LabNameConverter.class,
            description = "The name of the lab verify brings up and removes (default: ${DEFAULT-VALUE}).")
    String name = io.wanlab.core.topo.LabNames.DEFAULT_LAB;

    @Option(names = "--plan-only", description = "Print the probes, predictions and stubs, and bring nothing up (no root needed).")
    boolean planOnly;

    @Override
    public Integer call() throws Exception {
        PrintStream o = System.out;
        Path run = out != null ? out : Path.of("runs", "verify-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        LabSpec beforeSpec = new LabSpec(lab, null, null);
        LabFile before;
        LabFile after = null;
        LabSpec afterSpec = null;
        VerifyPlan plan;
        LinkTransport transport;
        try {
            transport = LinkTransport.fromLabel(linkTransport);
            ReproClient.named(client, name);
            before = beforeSpec.load();
            if (beforeSpec.isFile()) {
                beforeSpec = new LabSpec(Path.of(lab).toAbsolutePath().toString(), null, null);
            }
            Set<Integer> proxied = io.wanlab.core.lab.Account.DEFAULT_PROXIED_PORTS;
            LintReport lint = LabLint.lint(before, proxied);
            o.println("wanlab verify: " + lab + ": " + (lint.isClean() ? "the lint finds nothing" : lint.findings().size() + " findings"));
            lint.findings().forEach(f -> o.println("  " + f.kind() + ": " + f.summary()));
            if (fix != null) {
                after = new LabFileLoader().load(fix);
                afterSpec = new LabSpec(fix.toAbsolutePath().toString(), null, null);
                o.println("wanlab verify: the fix to prove: " + fix);
            } else {
                FixPlan fixPlan = LabLint.fixPlan(before, proxied);
                if (fixPlan.changed()) {
                    Files.createDirectories(run);
                    Path fixed = run.toAbsolutePath().resolve("fixed-lab.yaml");
                    Files.writeString(fixed, LabFixWriter.write(text(lab, beforeSpec.isFile()), before, fixPlan.fixed()));
                    after = new LabFileLoader().load(fixed);
                    afterSpec = new LabSpec(fixed.toString(), null, null);
                    o.println("wanlab verify: the lint's fix (" + String.join("; ", fixPlan.moves()) + "), written to " + fixed);
                } else {
                    o.println("wanlab verify: no reorder to prove; the probes run on the lab as written");
                }
            }
            plan = VerifyPlan.of(before, beforeSpec, after, afterSpec, proxied);
        } catch (LabFileException e) {
            System.err.println("wanlab verify: " + (fix != null && e.getMessage().contains(fix.toString()) ? fix : lab) + " has problems:");
            System.err.println(e.getMessage());
            return 2;
        } catch (IllegalArgumentException e) {
            System.err.println("wanlab verify: " + e.getMessage());
            return 2;
        }
        printPlan(o, plan);
        if (planOnly) {
            return plan.disagreements().isEmpty() ? 0 : 1;
        }
        if (plan.scenarios().isEmpty()) {
            System.err.println("wanlab verify: no probe can run live on this lab (see above); nothing to verify");
            return 1;
        }
        String problem = Preflight.liveProblem("verify", client, "./wanlab verify --plan-only");
        if (problem != null) {
            System.err.println(problem);
            return 3;
        }
        ReproRunner runner = new ReproRunner(o, run, client, plan.scenarios(), name, transport).on(backend).offload(!noOffload)
                .forLab("verify", beforeSpec, plan.stubs(), new io.wanlab.bench.verify.VerifyVerdict(plan.disagreements()));
        boolean pass = runner.run();
        printSummary(o, runner.results());
        return pass ? 0 : 1;
    }

    /** One line per probe and client: predicted and observed, before and after the fix. */
    static void printSummary(PrintStream o, List<io.wanlab.bench.repro.ScenarioResult> results) {
        if (results.isEmpty()) {
            return;
        }
        java.util.Map<String, java.util.Map<String, io.wanlab.bench.repro.ScenarioResult>> rows = new java.util.LinkedHashMap<>();
        for (io.wanlab.bench.repro.ScenarioResult r : results) {
            rows.computeIfAbsent(r.name() + " " + r.client(), k -> new java.util.HashMap<>()).put(r.phase(), r);
        }
        o.println();
        o.printf(Locale.ROOT, "%-18s %-34s %-34s%n", "probe / client", "before: predicted > observed", "after: predicted > observed");
        for (java.util.Map.Entry<String, java.util.Map<String, io.wanlab.bench.repro.ScenarioResult>> row : rows.entrySet()) {
            o.printf(Locale.ROOT, "%-18s %-34s %-34s%n", row.getKey(), cell(row.getValue().get(VerifyPlan.BEFORE)),
                    cell(row.getValue().get(VerifyPlan.AFTER)));
        }
    }

    private static String cell(io.wanlab.bench.repro.ScenarioResult r) {
        if (r == null) {
            return "-";
        }
        int paren = r.observed().indexOf(" (");
        String observed = paren > 0 ? r.observed().substring(0, paren) : r.observed();
        return r.expected() + " > " + observed + (r.pass() ? "" : " (FAIL)");
    }

    private static void printPlan(PrintStream o, VerifyPlan plan) {
        o.println();
        o.printf(Locale.ROOT, "%-9s %-7s %-15s %-15s %-5s %-24s %s%n", "probe", "phase", "from", "to", "port", "server name", "predicted");
        for (Scenario s : plan.scenarios()) {
            o.printf(Locale.ROOT, "%-9s %-7s %-15s %-15s %-5d %-24s %s: %s%n", s.name(), s.phase(), s.route().clientAddrText(),
                    s.route().serverAddrText(), s.route().port(), s.route().serverName(), s.expect().label(), s.path().label());
            if (s.phase().equals(VerifyPlan.BEFORE)) {
                o.println("          " + s.meaning());
            }
        }
        for (String n : plan.notRun()) {
            o.println("  not run: " + n);
        }
        for (String d : plan.disagreements()) {
            o.println("  DISAGREEMENT: " + d);
        }
        o.println();
    }

    /** The lab file's text, or a preset's, for the text-preserving fix. */
    private static String text(String lab, boolean isFile) throws IOException {
        if (isFile) {
            return Files.readString(Path.of(lab), StandardCharsets.UTF_8);
        }
        return io.wanlab.core.lab.LabPresets.text(lab);
    }
}
