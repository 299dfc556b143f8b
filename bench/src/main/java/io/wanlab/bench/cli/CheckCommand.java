package io.wanlab.bench.cli;

import io.wanlab.core.lab.LabFile;
import io.wanlab.core.lab.LabFileException;
import io.wanlab.bench.node.LabSpec;
import io.wanlab.core.lab.NetworkRule;
import io.wanlab.core.rules.RuleEngine;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code wanlab check LAB}: loads a preset or a lab file, reports every problem or lists the rules. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Load a lab file or a preset, report every problem or list its rules.", "Presets: bug, fixed, bug-alt-wan, fixed-alt-wan."})
public final class CheckCommand implements Callable<Integer> {
    @Parameters(paramLabel = "LAB", description = "A preset name or a YAML lab file.")
    String lab;

    @Override
    public Integer call() {
        PrintStream out = System.out;
        LabFile file;
        try {
            file = load(lab);
        } catch (LabFileException e) {
            System.err.println("wanlab check: " + lab + " has problems:");
            System.err.println(e.getMessage());
            return 2;
        } catch (IllegalArgumentException e) {
            System.err.println("wanlab check: " + e.getMessage());
            return 2;
        }
        RuleEngine engine = RuleEngine.compile(file);
        out.printf("lab '%s': %d sites, %d links, %d applications, TLS inspection %s, %d rules (%d enabled)%n",
                file.name(), file.sites().size(), file.links().size(), file.applications().size(),
                file.account().tlsInspection() ? "on" : "off", file.rules().size(), engine.size());
        for (int i = 0; i < file.rules().size(); i++) {
            NetworkRule r = file.rules().get(i);
            out.printf("  #%-3d %-8s %-8s %-40s -> %s%s%n", i + 1, r.isComplex() ? "complex" : "simple",
                    r.enabled() ? "" : "disabled", "'" + r.name() + "'", r.primary(),
                    r.secondary() == io.wanlab.core.lab.Transport.NONE ? "" : " (then " + r.secondary() + ")");
        }
        return 0;
    }

    /** A lab file or a preset, told apart as every command does ({@link LabSpec}). */
    static LabFile load(String nameOrPath) {
        return new LabSpec(nameOrPath, null, null).load();
    }
}
