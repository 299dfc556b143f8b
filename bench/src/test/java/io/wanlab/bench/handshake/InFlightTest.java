package io.wanlab.bench.handshake;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class InFlightTest {
    @Test
    void takesAutoOrANumberFromOneToSixtyFour() {
        InFlight.Converter c = new InFlight.Converter();

        assertThat(c.convert("auto")).isEqualTo(InFlight.AUTO);
        assertThat(c.convert("AUTO").auto()).isTrue();
        assertThat(c.convert("1").fixed()).isEqualTo(1);
        assertThat(c.convert("64").label()).isEqualTo("64");
        assertThat(InFlight.STEPS).startsWith(4).endsWith(InFlight.MAX).isSorted();
    }

    @Test
    void refusesAnythingElseBeforeAnyLabIsBuiltWithTheRangeInTheMessage() {
        for (String bad : new String[] {"0", "65", "-3", "lots", ""}) {
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            HandshakesCommand command = new HandshakesCommand(new PrintStream(new ByteArrayOutputStream()),
                    new PrintStream(err, true, StandardCharsets.UTF_8));
            CommandLine line = new CommandLine(command).setErr(new java.io.PrintWriter(err, true));

            int exit = line.execute("--concurrency", bad);

            assertThat(exit).as(bad).isEqualTo(2);
            assertThat(err.toString(StandardCharsets.UTF_8)).as(bad).contains("--concurrency").contains("expected: auto or 1..64")
                    .doesNotContain("Exception");
        }
    }

    @Test
    void defaultsToAuto() {
        HandshakesCommand command = new HandshakesCommand();
        new CommandLine(command).parseArgs();

        assertThat(command.concurrency.auto()).isTrue();
    }

    @Test
    void autoWarmsUpAtTheHeaviestProbesLoadAndAFixedLoadAtItself() {
        HandshakesCommand auto = new HandshakesCommand();
        new CommandLine(auto).parseArgs();
        HandshakesCommand fixed = new HandshakesCommand();
        new CommandLine(fixed).parseArgs("--concurrency", "12");

        assertThat(auto.warmUpConcurrency()).as("the JIT compiles for the load it has seen").isEqualTo(InFlight.MAX);
        assertThat(fixed.warmUpConcurrency()).isEqualTo(12);
    }
}
