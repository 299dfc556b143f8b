package io.wanlab.bench.flood;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class FloodCommandTest {
    @Test
    void aLabThatIsNotUpIsNamedWithHowToBringItUp() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = new CommandLine(new FloodCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8))).execute("--name", "hfnotup");
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("wanlab flood: lab 'hfnotup' is not up",
                "up --name hfnotup --rules fixed --no-capture");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void boundsOutOfRangeAreRefusedBeforeTheLabIsLookedFor() {
        assertThat(refused("--max-rss", "-5")).contains("--max-rss -5 (expected: 0 or more MB)");
        assertThat(refused("--syns", "0")).contains("--syns 0 (expected: 1..10000000)");
        assertThat(refused("--syns", "10000001")).contains("--syns 10000001");
        assertThat(refused("--rate", "0")).contains("--rate 0 (expected: 1..1000000 per second)");
    }

    private static String refused(String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = new CommandLine(new FloodCommand(System.out, new PrintStream(err, true, StandardCharsets.UTF_8))).execute(args);
        assertThat(exit).isEqualTo(2);
        String text = err.toString(StandardCharsets.UTF_8);
        assertThat(text).doesNotContain("is not up");
        return text;
    }
}
