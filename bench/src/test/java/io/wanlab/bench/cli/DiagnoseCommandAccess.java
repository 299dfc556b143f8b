package io.wanlab.bench.cli;

import io.wanlab.bench.Wanlab;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/** Runs {@code wanlab diagnose ARGS} in process and keeps what it printed, for tests in other packages. */
public final class DiagnoseCommandAccess {
    public record Run(int exit, String out, String err) {}

    private DiagnoseCommandAccess() {
    }

    public static Run run(String... args) {
        DiagnoseCommand command = new DiagnoseCommand();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        command.out = new PrintStream(out, true, StandardCharsets.UTF_8);
        command.err = new PrintStream(err, true, StandardCharsets.UTF_8);
        CommandLine cl = new CommandLine(command);
        cl.setErr(new java.io.PrintWriter(err, true, StandardCharsets.UTF_8));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static CommandLine tree() {
        return Wanlab.commandLine();
    }
}
