package io.wanlab.bench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The JMH wiring end to end, in-process and short: a table comes out and the JSON is written. */
class BenchCoreCommandTest {

    @Test
    void smokeRunPrintsTheTableAndWritesJson(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("jmh.json");
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        int exit;
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            exit = new CommandLine(new BenchCoreCommand()).execute("--smoke", "--filter", "RuleEvalBenchmark.firstPacket",
                    "--json", json.toString());
        } finally {
            System.setOut(original);
        }
        String out = captured.toString(StandardCharsets.UTF_8);

        assertThat(exit).as(out).isZero();
        assertThat(out).contains("benchmark", "ops/s", "ns/op", "B/op")
                .contains("RuleEvalBenchmark.firstPacket", "rules=10", "rules=1000", "rules=10000");
        assertThat(Files.readString(json)).contains("\"benchmark\"", "RuleEvalBenchmark.firstPacket");
    }

    @Test
    void theLayoutExperimentRunsOnlyWhenTheFilterNamesIt() {
        BenchCoreCommand all = new BenchCoreCommand();
        new CommandLine(all).parseArgs();
        BenchCoreCommand named = new BenchCoreCommand();
        new CommandLine(named).parseArgs("--filter", "FlowIndexLayout");

        assertThat(all.selection().build().getExcludes()).containsExactly(BenchCoreCommand.EXPERIMENTS);
        assertThat(named.selection().build().getExcludes()).isEmpty();
        assertThat(named.selection().build().getIncludes()).containsExactly(BenchCoreCommand.PACKAGE + ".*(FlowIndexLayout).*");
    }

    @Test
    void naturalOrderPutsSmallSizesFirst() {
        assertThat(BenchTable.naturalCompare("flows=1000", "flows=100000")).isNegative();
        assertThat(BenchTable.naturalCompare("flows=1000000", "flows=100000")).isPositive();
        assertThat(BenchTable.toNanos(2, "us/op")).isEqualTo(2000.0);
        assertThat(BenchTable.toNanos(1e9, "ops/s")).isEqualTo(1.0);
    }
}
