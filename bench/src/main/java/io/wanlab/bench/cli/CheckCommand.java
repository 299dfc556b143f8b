package io.wanlab.bench.cli;

import io.wanlab.bench.node.LabSpec;
import io.wanlab.core.lab.Account;
import io.wanlab.core.lab.LabFile;
import io.wanlab.core.lab.LabFileException;
import io.wanlab.core.lab.LabPresets;
import io.wanlab.core.lab.NetworkRule;
import io.wanlab.core.lab.Transport;
import io.wanlab.core.lint.Finding;
import io.wanlab.core.lint.FixPlan;
import io.wanlab.core.lint.LabFixWriter;
import io.wanlab.core.lint.LabLint;
import io.wanlab.core.lint.LintReport;
import io.wanlab.core.rules.RuleEngine;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code wanlab check LAB}: loads a preset or a lab file, reports every problem or lists the rules,
 * then says what the rulebase will do wrong ({@link LabLint}). Exit 0: clean; 1: findings; 2: the
 * file cannot be read or used.
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Check a lab file or preset: its problems, its rules, what they do wrong.",
                "Presets: bug, fixed, bug-alt-wan, fixed-alt-wan. Predicts connections reset during the TLS handshake,",
                "rules that never match, domains two applications claim, direct transports without a link.",
                "Exit status: 0 no findings, 1 findings, 2 the file cannot be read or has problems."})
public final class CheckCommand implements Callable<Integer> {
    static final int CLEAN = 0;
    static final int FINDINGS = 1;
    static final int BROKEN = 2;

    @Parameters(paramLabel = "LAB", description = "A preset name or a YAML lab file.")
    String lab;

    @Option(names = "--json", description = "Print the report as JSON instead of sentences.")
    boolean json;

    @Option(names = "--write-fix", paramLabel = "FILE",
            description = "Write the lab with its rules reordered so that no connection is reset (comments and layout kept).")
    Path writeFix;

    @Option(names = "--proxied-ports", paramLabel = "PORT", split = ",",
            description = "TCP ports the PoP proxies with TLS inspection on (default: ${DEFAULT-VALUE}).")
    List<Integer> proxiedPorts = List.copyOf(new TreeSet<>(Account.DEFAULT_PROXIED_PORTS));

    PrintStream out = System.out;
    PrintStream err = System.err;

    @Override
    public Integer call() {
        LabFile file;
        Set<Integer> ports;
        try {
            file = load(lab);
            ports = Set.copyOf(proxiedPorts);
            LabLint.lint(file.withRules(List.of()), ports); // checks the ports before any output
        } catch (LabFileException e) {
            err.println("wanlab check: " + lab + " has problems:");
            err.println(e.getMessage());
            return BROKEN;
        } catch (IllegalArgumentException | NullPointerException e) {
            err.println("wanlab check: " + e.getMessage());
            return BROKEN;
        }
        LintReport report = LabLint.lint(file, ports);
        int exit = report.isClean() ? CLEAN : FINDINGS;
        List<String> moved = List.of();
        if (writeFix != null) {
            try {
                moved = writeFix(file, ports);
            } catch (IOException | IllegalArgumentException e) {
                err.println("wanlab check: --write-fix " + writeFix + ": " + e.getMessage());
                return BROKEN;
            }
        }
        if (json) {
            out.println(CheckJson.write(lab, file, report, moved, exit));
            return exit;
        }
        printRules(file);
        printFindings(report);
        if (writeFix != null) {
            out.println(moved.isEmpty() ? "wrote " + writeFix + ": no rule needed to move" : "wrote " + writeFix + ":");
            moved.forEach(m -> out.println("  " + m));
        }
        return exit;
    }

    private void printRules(LabFile file) {
        RuleEngine engine = RuleEngine.compile(file);
        out.printf("lab '%s': %d sites, %d links, %d applications, TLS inspection %s, %d rules (%d enabled)%n",
                file.name(), file.sites().size(), file.links().size(), file.applications().size(),
                file.account().tlsInspection() ? "on" : "off", file.rules().size(), engine.size());
        for (int i = 0; i < file.rules().size(); i++) {
            NetworkRule r = file.rules().get(i);
            out.printf("  #%-3d %-8s %-8s %-40s -> %s%s%n", i + 1, r.isComplex() ? "complex" : "simple",
                    r.enabled() ? "" : "disabled", "'" + r.name() + "'", r.primary(),
                    r.secondary() == Transport.NONE ? "" : " (then " + r.secondary() + ")");
        }
    }

    private void printFindings(LintReport report) {
        if (report.isClean()) {
            out.println("no findings: no connection is predicted to break.");
        } else {
            out.println(report.findings().size() + (report.findings().size() == 1 ? " finding:" : " findings:"));
        }
        for (Finding f : report.findings()) {
            out.println();
            out.println(label(f) + ": " + f.summary());
            f.details().forEach(d -> out.println("  " + d));
            if (f.fix() != null) {
                out.println("  Fix: " + f.fix());
            }
        }
        report.notes().forEach(n -> out.println("note: " + n));
    }

    private static String label(Finding f) {
        return switch (f.kind()) {
            case RESET_HAZARD -> "Reset during handshake";
            case SHADOWED -> "Rule never matches";
            case DOMAIN_CONFLICT -> "Domain claimed twice";
            case NO_LINK -> "No link";
        };
    }

    private List<String> writeFix(LabFile file, Set<Integer> ports) throws IOException {
        LabSpec spec = new LabSpec(lab, null, null);
        String text = spec.isFile() ? Files.readString(Path.of(lab), StandardCharsets.UTF_8)
                : LabPresets.text(lab.toLowerCase(Locale.ROOT));
        FixPlan plan = LabLint.fixPlan(file, ports);
        Files.writeString(writeFix, LabFixWriter.write(text, file, plan.fixed()), StandardCharsets.UTF_8);
        return plan.moves();
    }

    /** A lab file or a preset, told apart as every command does ({@link LabSpec}). */
    static LabFile load(String nameOrPath) {
        return new LabSpec(nameOrPath, null, null).load();
    }
}
