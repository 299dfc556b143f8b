package io.wanlab.bench.soak;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** A user's mistake on the soak's command line is a line naming it, exit 2, and no lab built. */
class SoakCommandTest {
    private static String run(int expectedExit, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = new CommandLine(new SoakCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8))).execute(args);
        assertThat(exit).as("exit of soak %s: %s", String.join(" ", args), err).isEqualTo(expectedExit);
        assertThat(out.toString(StandardCharsets.UTF_8)).as("nothing started").isEmpty();
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void outOfRangeOptionsAreRefusedBeforeAnyLabIsBuilt() {
        assertThat(run(2, "--minutes", "0")).contains("wanlab soak: --minutes 0 (expected: 1..1440)");
        assertThat(run(2, "--rate", "0")).contains("--rate 0.0 (expected: more than 0, at most 50.0)");
        assertThat(run(2, "--flap-every", "5")).contains("(expected: 0 for none, or 10 s or more)");
        assertThat(run(2, "--max-rss-growth", "-1")).contains("--max-rss-growth -1");
        assertThat(run(2, "--json", "/no/such/folder/soak.json")).contains("folder /no/such/folder does not exist");
    }
}
