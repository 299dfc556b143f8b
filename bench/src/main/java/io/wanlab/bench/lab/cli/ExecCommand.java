package io.wanlab.bench.lab.cli;

import io.wanlab.bench.lab.LabRuns;
import io.wanlab.bench.lab.LabBackend;
import io.wanlab.core.topo.LabNames;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code wanlab exec [--name NAME] NODE CMD...}: runs a command inside a node of a lab, with this terminal. */
@Command(name = "exec", description = {"Run a command inside a lab node.", "E.g. 'wanlab exec client -- curl -k https://198.18.2.10/'",
        "or 'wanlab exec --name lab2 client -- ping 198.18.2.10'."})
public final class ExecCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--name", paramLabel = "NAME", converter = LabNameConverter.class,
            description = "The lab (default: ${DEFAULT-VALUE}).")
    String name = LabNames.DEFAULT_LAB;

    @Parameters(index = "0", paramLabel = "NODE", description = "client, server, socket-a, socket-b, pop, ...")
    String node;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "CMD", description = "The command and its arguments.")
    List<String> command;

    @Override
    public Integer call() throws IOException, InterruptedException {
        String problem = LabNames.nodeNameProblem(node);
        if (problem != null) {
            spec.commandLine().getErr().println(problem);
            return 2;
        }
        LabBackend backend = LabRuns.backendOf(name);
        List<String> present = backend.list();
        if (!present.contains(LabNames.namespace(name, node))) {
            spec.commandLine().getErr().println("no node '" + node + "' in lab '" + name + "' (its namespaces: "
                    + (present.isEmpty() ? "none; is it up? run '" + LabRuns.command(name, "up") + "'" : String.join(", ", present)) + ")");
            return 2;
        }
        return new ProcessBuilder(backend.exec(node, command)).inheritIO().start().waitFor();
    }
}
