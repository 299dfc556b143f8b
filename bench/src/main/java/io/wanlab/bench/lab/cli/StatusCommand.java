package io.wanlab.bench.lab.cli;

import io.wanlab.bench.lab.LabRuns;
import io.wanlab.bench.lab.LabStatus;
import io.wanlab.bench.lab.LinuxProcessTable;
import io.wanlab.bench.lab.NamespaceBackend;
import io.wanlab.bench.repro.AccountingCheck;
import io.wanlab.core.node.StatusServer;
import io.wanlab.core.topo.LabNames;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code wanlab status}: every lab that is up, one line each; {@code --name NAME}: that lab's
 * namespaces, recorded processes and each node's status. Exit 0 when a lab is up, 3 when none is (like systemctl).
 */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Show the labs that are up, or one lab in detail.",
                "Without --name: every lab that is up (name, run folder, nodes).",
                "With --name: that lab's namespaces, recorded processes and each node's status."})
public final class StatusCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--name", paramLabel = "NAME", converter = LabNameConverter.class,
            description = "The lab to show in detail.")
    String name;

    @Option(names = "--json", description = "With --name: print each node's status document as it came (one line per node).")
    boolean json;

    @Override
    public Integer call() {
        return name == null ? listAll() : details(name);
    }

    private static LabStatus read(String lab) {
        return LabStatus.read(io.wanlab.bench.lab.LabRuns.backendOf(lab), new LinuxProcessTable(), LabNames.runFolder(lab));
    }

    private int listAll() {
        PrintWriter out = spec.commandLine().getOut();
        List<String> labs = new ArrayList<>(LabRuns.withFolders(LabNames.RUN_ROOT));
        if (!labs.contains(LabNames.DEFAULT_LAB)) {
            labs.add(LabNames.DEFAULT_LAB);
        }
        List<LabStatus> up = new ArrayList<>();
        for (String lab : labs) {
            LabStatus s = read(lab);
            if (!s.down()) {
                up.add(s);
            }
        }
        if (up.isEmpty()) {
            out.println("No lab is up (no lab folder under " + LabNames.RUN_ROOT + ", no " + LabNames.DEFAULT_LAB + "- namespaces).");
            return 3;
        }
        up.forEach(s -> out.println(s.summaryLine()));
        out.println("details: ./wanlab status --name NAME");
        return 0;
    }

    private int details(String lab) {
        PrintWriter out = spec.commandLine().getOut();
        LabStatus status = read(lab);
        status.lines().forEach(out::println);
        if (!status.down()) {
            status.state().ifPresent(state -> state.pids().keySet().forEach(node -> printNode(lab, node)));
        }
        return status.down() ? 3 : 0;
    }

    /** Each node answers on its control socket; a node that does not is named, not skipped. */
    private void printNode(String lab, String node) {
        PrintWriter out = spec.commandLine().getOut();
        Path socket = LabNames.statusSocket(lab, node);
        try {
            String answer = StatusServer.ask(socket, "status").trim();
            out.println(json ? answer : "== " + node + "\n" + JsonPretty.indent(answer));
            if (!json) {
                AccountingCheck.lines(node, answer).forEach(l -> out.println("  " + l));
            }
        } catch (IOException e) {
            out.println("== " + node + ": no answer on " + socket + " (" + e.getMessage() + ")");
        }
    }
}
