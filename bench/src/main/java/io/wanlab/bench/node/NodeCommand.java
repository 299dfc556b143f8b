package io.wanlab.bench.node;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code wanlab node socket|pop|server}: one lab device; started by {@code wanlab up} inside its namespace. */
@Command(name = "node", description = "Run one lab device (started by 'wanlab up' inside its namespace).",
        subcommands = {SocketNodeCommand.class, PopNodeCommand.class, ServerNodeCommand.class})
public final class NodeCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "say which device: socket, pop or server");
    }
}
