package io.wanlab.bench;

import picocli.CommandLine;
import io.wanlab.bench.cli.BenchCommand;
import io.wanlab.bench.cli.CheckCommand;
import io.wanlab.bench.cli.DiagnoseCommand;
import io.wanlab.bench.cli.ExportCommand;
import io.wanlab.bench.cli.ReproCommand;
import io.wanlab.bench.cli.UpCommand;
import io.wanlab.bench.cli.VerifyCommand;
import io.wanlab.bench.client.ClientCommand;
import io.wanlab.bench.lab.cli.DownCommand;
import io.wanlab.bench.lab.cli.ExecCommand;
import io.wanlab.bench.lab.cli.LinkCommand;
import io.wanlab.bench.lab.cli.StatusCommand;
import io.wanlab.bench.node.NodeCommand;
import picocli.CommandLine.Command;

/** The one entry point: every role and tool of the lab is a subcommand. */
@Command(name = "wanlab", mixinStandardHelpOptions = true, version = "wanlab 0.1.0",
        description = "Reproduce SD-WAN transport-switch failures on a bench and prove the fixes.",
        subcommands = {ReproCommand.class, UpCommand.class, DownCommand.class, StatusCommand.class, ExecCommand.class, LinkCommand.class,
                ClientCommand.class, CheckCommand.class, DiagnoseCommand.class, VerifyCommand.class, BenchCommand.class, NodeCommand.class,
                ExportCommand.class})
public final class Wanlab implements Runnable {
    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    public static void main(String[] args) {
        if (args.length > 0 && (args[0].equals("node") || args[0].equals("repro") || args[0].equals("verify"))) {
            warmJson();
        }
        System.exit(commandLine().execute(args));
    }

    /**
     * Builds the JSON mapper on a second thread while the command parses and starts: a node's
     * first status answer (which the launcher waits for) then does not pay for Jackson's set-up,
     * and lab start stays as quick as it was with the hand-written writer.
     */
    private static void warmJson() {
        Thread t = new Thread(() -> {
            io.wanlab.core.event.EventJson.toJson(new io.wanlab.core.event.Event.NodeReady(0, "warm", "warm", ""));
        }, "json-warm-up");
        t.setDaemon(true);
        t.start();
    }

    /** The command tree; a user's mistake on the command line is one line naming the command, not a usage dump. */
    public static CommandLine commandLine() {
        return new CommandLine(new Wanlab()).setParameterExceptionHandler((e, args) -> {
            CommandLine c = e.getCommandLine();
            c.getErr().println(c.getCommandSpec().qualifiedName() + ": " + e.getMessage()
                    + " (see '" + c.getCommandSpec().qualifiedName() + " --help')");
            return c.getCommandSpec().exitCodeOnInvalidInput();
        });
    }
}
