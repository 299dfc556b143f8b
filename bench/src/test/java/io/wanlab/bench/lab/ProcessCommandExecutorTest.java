package io.wanlab.bench.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProcessCommandExecutorTest {
    private final ProcessCommandExecutor executor = new ProcessCommandExecutor(Duration.ofSeconds(5));

    @Test
    void capturesExitCodeStdoutAndStderr() {
        CommandResult r = executor.attempt(List.of("sh", "-c", "echo out; echo err >&2; exit 3"));
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.stdout()).isEqualTo("out\n");
        assertThat(r.stderr()).isEqualTo("err\n");
        assertThat(r.ok()).isFalse();
    }

    @Test
    void runThrowsNamingTheCommandItsExitCodeAndStderr() {
        assertThatThrownBy(() -> executor.run(List.of("sh", "-c", "echo 'RTNETLINK answers: File exists' >&2; exit 2")))
                .isInstanceOf(LabSetupException.class)
                .hasMessage("command failed (exit 2): sh -c echo 'RTNETLINK answers: File exists' >&2; exit 2:"
                        + " RTNETLINK answers: File exists")
                .satisfies(e -> {
                    LabSetupException l = (LabSetupException) e;
                    assertThat(l.exitCode()).isEqualTo(2);
                    assertThat(l.argv()).startsWith("sh", "-c");
                    assertThat(l.stderr()).isEqualTo("RTNETLINK answers: File exists\n");
                });
    }

    @Test
    void runAllStopsAtTheFirstFailure() {
        assertThatThrownBy(() -> executor.runAll(List.of(List.of("true"), List.of("false"), List.of("sh", "-c", "exit 9"))))
                .hasMessage("command failed (exit 1): false");
    }

    @Test
    void aHangingCommandIsKilledAtTheTimeout() {
        ProcessCommandExecutor quick = new ProcessCommandExecutor(Duration.ofMillis(300));
        long start = System.nanoTime();
        assertThatThrownBy(() -> quick.attempt(List.of("sleep", "30")))
                .isInstanceOf(LabSetupException.class)
                .hasMessageStartingWith("command timed out after 0 s: sleep 30");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("no wait for the full sleep").isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void aMissingProgramCannotStart() {
        assertThatThrownBy(() -> executor.attempt(List.of("wanlab-no-such-program-here")))
                .isInstanceOf(LabSetupException.class)
                .hasMessageStartingWith("command could not start: wanlab-no-such-program-here: ");
    }

    @Test
    void outputIsCappedAndStdinIsEmpty() {
        CommandResult r = executor.attempt(List.of("sh", "-c", "head -c 3000000 /dev/zero; cat"));
        assertThat(r.ok()).as("cat sees end of input at once").isTrue();
        assertThat(r.stdout()).hasSize(ProcessCommandExecutor.MAX_CAPTURE);
    }

    @Test
    void rejectsAnEmptyCommandAndABadTimeout() {
        assertThatThrownBy(() -> executor.attempt(List.of())).hasMessage("argv: empty (expected: a program and its arguments)");
        assertThatThrownBy(() -> new ProcessCommandExecutor(Duration.ZERO)).hasMessage("timeout: PT0S (expected: positive)");
    }
}
