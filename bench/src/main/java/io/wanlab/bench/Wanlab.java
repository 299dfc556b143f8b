package io.wanlab.bench;

import picocli.CommandLine;
import io.wanlab.bench.cli.BenchCommand;
import io.wanlab.bench.cli.CheckCommand;
import io.wanlab.bench.cli.ReproCommand;
import picocli.CommandLine.Command;

/** The one entry point: every role and tool of the lab is a subcommand. */
@Command(name = "wanlab", mixinStandardHelpOptions = true, version = "wanlab 0.1.0",
        description = "Reproduce SD-WAN transport-switch failures on a bench and prove the fixes.",
        subcommands = {ReproCommand.class, CheckCommand.class, BenchCommand.class})
public final class Wanlab implements Runnable {
    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new Wanlab()).execute(args));
    }
}
