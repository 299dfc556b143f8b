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
    void downAndStatusParseTheirOptions() {
        DownCommand down = new DownCommand();
        new CommandLine(down).parseArgs("--state", "/tmp/x.json");
        assertThat(down.stateFile).hasToString("/tmp/x.json");
        StatusCommand status = new StatusCommand();
        new CommandLine(status).parseArgs();
        assertThat(status.stateFile).hasToString("/run/wanlab/lab.json");
    }
}
