package io.wanlab.bench.lab.cli;

import io.wanlab.bench.lab.CleanupReport;
import io.wanlab.bench.lab.LabCleaner;
import io.wanlab.bench.lab.LabRuns;
import io.wanlab.bench.lab.LabBackend;
import io.wanlab.bench.lab.Preflight;
import io.wanlab.core.topo.LabNames;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code wanlab down [--name NAME | --all]}: removes one lab (only what carries its name), or every lab. */
@Command(name = "down", mixinStandardHelpOptions = true,
        description = {"Stop a lab and remove everything that carries its name.",
                "Its processes, namespaces (NAME-<node>), status sockets and state folder (/run/wanlab/NAME).",
                "Without options: the default lab 'wanlab'. Other labs are never touched."})
public final class DownCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    static final class Which {
        @Option(names = "--name", paramLabel = "NAME", converter = LabNameConverter.class,
                description = "The lab to remove (default: " + LabNames.DEFAULT_LAB + ").")
        String name;

        @Option(names = "--all", description = "Every lab with a state folder under /run/wanlab, and the default lab.")
        boolean all;
    }

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Which which;

    /** The labs this run removes, in order. */
    List<String> labs() {
        if (which == null || (!which.all && which.name == null)) {
            return List.of(LabNames.DEFAULT_LAB);
        }
        if (!which.all) {
            return List.of(which.name);
        }
        List<String> labs = new ArrayList<>(LabRuns.withFolders(LabNames.RUN_ROOT));
        if (!labs.contains(LabNames.DEFAULT_LAB)) {
            labs.add(LabNames.DEFAULT_LAB);
        }
        return labs;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (Preflight.check().contains(Preflight.NOT_ROOT)) {
            err.println("wanlab down needs root (network namespaces): run it with sudo");
            return 1;
        }
        List<String> labs = labs();
        boolean clean = true;
        for (String lab : labs) {
            LabBackend backend = LabRuns.backendOf(lab);
            CleanupReport report = new LabCleaner(backend).clean();
            String prefix = labs.size() > 1 ? lab + ": " : "";
            report.summary(lab).forEach(line -> out.println(prefix + line));
            clean &= backend.list().isEmpty();
        }
        return clean ? 0 : 1;
    }
}
