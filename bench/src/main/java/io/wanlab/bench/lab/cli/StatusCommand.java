package io.wanlab.bench.lab.cli;

import io.wanlab.bench.lab.LabState;
import io.wanlab.bench.lab.LabStatus;
import io.wanlab.bench.lab.LinuxProcessTable;
import io.wanlab.bench.lab.NamespaceBackend;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code wanlab status}: what of a lab is up. Exit 0 when a lab is up, 3 when none is (like systemctl). */
@Command(name = "status", description = "Show the lab's namespaces and recorded processes.")
public final class StatusCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--state", description = "State file written by 'wanlab up' (default: ${DEFAULT-VALUE}).")
    Path stateFile = LabState.DEFAULT_FILE;

    @Option(names = "--json", description = "Print each node's status document as it came (one line per node).")
    boolean json;

    /** Each node answers on its control socket; a node that does not is named, not skipped. */
    private void printNode(String node) {
        java.io.PrintWriter out = spec.commandLine().getOut();
        java.nio.file.Path socket = io.wanlab.bench.node.NodeOptions.statusSocket(node);
        try {
            String answer = io.wanlab.core.node.StatusServer.ask(socket, "status").trim();
            out.println(json ? answer : "== " + node + "\n" + JsonPretty.indent(answer));
        } catch (java.io.IOException e) {
            out.println("== " + node + ": no answer on " + socket + " (" + e.getMessage() + ")");
        }
    }

    @Override
    public Integer call() {
        LabStatus status = LabStatus.read(new NamespaceBackend(), new LinuxProcessTable(), stateFile);
        status.lines().forEach(spec.commandLine().getOut()::println);
        if (!status.down()) {
            status.state().ifPresent(state -> state.pids().keySet().forEach(this::printNode));
        }
        return status.down() ? 3 : 0;
    }
}
