package io.wanlab.bench.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code wanlab bench ...}: benchmarks. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Run benchmarks.", subcommands = {BenchCoreCommand.class, io.wanlab.bench.throughput.ThroughputCommand.class,
        io.wanlab.bench.handshake.HandshakesCommand.class})
public final class BenchCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "say which benchmarks to run, e.g. 'wanlab bench core'");
    }
}
