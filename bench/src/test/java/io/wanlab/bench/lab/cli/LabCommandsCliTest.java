package io.wanlab.bench.lab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class LabCommandsCliTest {
    @Test
    void execRefusesABadNodeNameBeforeRunningAnything() {
        StringWriter err = new StringWriter();
        CommandLine cmd = new CommandLine(new ExecCommand()).setErr(new PrintWriter(err));
        assertThat(cmd.execute("../etc", "ls")).isEqualTo(2);
        assertThat(err.toString()).startsWith("node name: '../etc' (expected:");
    }

    @Test
    void execNeedsACommand() {
        StringWriter err = new StringWriter();
        CommandLine cmd = new CommandLine(new ExecCommand()).setErr(new PrintWriter(err));
        assertThat(cmd.execute("client")).isEqualTo(2);
        assertThat(err.toString()).contains("Missing required parameter");
    }

    @Test
    void downRemovesTheDefaultLabUnlessNamedAndAllIsItsOwnChoice() {
        DownCommand down = new DownCommand();
        new CommandLine(down).parseArgs();
        assertThat(down.labs()).containsExactly("wanlab");
        down = new DownCommand();
        new CommandLine(down).parseArgs("--name", "lab2");
        assertThat(down.labs()).containsExactly("lab2");
        StatusCommand status = new StatusCommand();
        new CommandLine(status).parseArgs();
        assertThat(status.name).as("status without --name lists every lab").isNull();
    }

    @Test
    void downRefusesANameTogetherWithAll() {
        StringWriter err = new StringWriter();
        CommandLine cmd = io.wanlab.bench.Wanlab.commandLine().setErr(new PrintWriter(err));
        assertThat(cmd.execute("down", "--name", "lab2", "--all")).isEqualTo(2);
        assertThat(err.toString()).contains("mutually exclusive").hasLineCount(1);
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{index}: {0}")
    @org.junit.jupiter.params.provider.CsvSource({
            "up, My-Lab", "down, lab_2", "status, 2lab", "exec, Lab", "repro, averyveryverylongname",
            "bench throughput, x.y", "node socket, a-b", "node pop, -", "node server, A"})
    void aBadLabNameIsOneClearLineBeforeAnythingRuns(String command, String name) {
        StringWriter err = new StringWriter();
        CommandLine cmd = io.wanlab.bench.Wanlab.commandLine().setErr(new PrintWriter(err));
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of(command.split(" ")));
        args.addAll(java.util.List.of(command.startsWith("node") ? "--lab" : "--name", name));
        if (command.equals("exec")) {
            args.addAll(java.util.List.of("client", "true"));
        }
        if (command.startsWith("node")) {
            args.addAll(java.util.List.of("--run-dir", "/nonexistent"));
        }
        assertThat(cmd.execute(args.toArray(String[]::new))).isEqualTo(2);
        assertThat(err.toString()).hasLineCount(1)
                .contains("lab name: '" + name + "' (expected: 1..16 characters of a-z and 0-9, starting with a letter")
                .doesNotContain("Exception");
    }
}
