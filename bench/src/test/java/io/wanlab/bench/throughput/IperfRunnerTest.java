package io.wanlab.bench.throughput;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class IperfRunnerTest {
    private final FakeIperfExecutor executor = new FakeIperfExecutor();
    private final IperfCommands commands = IperfCommands.forLab(BaselineRoutesTest.FIXED);

    private IperfRunner runner() {
        return new IperfRunner(executor, commands, Duration.ofMillis(500), Duration.ofMillis(500));
    }

    @Test
    void startsTheServerWaitsUntilItListensThenRunsTheClient() throws Exception {
        executor.pollsBeforeListening = 3;

        IperfResult r = runner().measure(2, 2);

        assertThat(r.senderBitsPerSecond()).isEqualTo(813609300.5);
        assertThat(executor.commands().stream().filter(c -> c.contains("ss")).count())
                .as("polled ss until the server was listed").isGreaterThanOrEqualTo(4);
        assertThat(executor.lines()).containsExactly(
                "ip netns exec wanlab-server iperf3 -s -1 -B 198.18.2.10 -p 5201 --idle-timeout 15",
                "ip netns exec wanlab-client iperf3 -c 198.18.2.10 -p 5201 -t 2 -P 2 -J");
        int lastPoll = executor.commands().lastIndexOf(commands.listeners());
        assertThat(executor.commands().indexOf(commands.client(2, 2))).as("the client runs only after ss listed the server")
                .isGreaterThan(lastPoll);
    }

    @Test
    void aServerThatEndsBeforeListeningFailsWithWhatItSaid() {
        executor.serverExitsAtOnce = FakeIperfExecutor.result(1, "",
                "iperf3: error - unable to start listener for connections: Address already in use");

        assertThatThrownBy(() -> runner().measure(2, 1))
                .isInstanceOf(ThroughputException.class)
                .hasMessage("iperf3 server in server ended before it listened on 198.18.2.10:5201: exit 1:"
                        + " iperf3: error - unable to start listener for connections: Address already in use");
        assertThat(executor.lines()).as("no client ran").noneMatch(l -> l.contains(" -c "));
    }

    @Test
    void aServerThatNeverListensTimesOut() {
        executor.pollsBeforeListening = Integer.MAX_VALUE;

        assertThatThrownBy(() -> runner().measure(2, 1))
                .isInstanceOf(ThroughputException.class)
                .hasMessage("iperf3 server in server not listening on 198.18.2.10:5201 after 0.5 s");
    }

    @Test
    void aClientErrorReportFails() {
        executor.client = FakeIperfExecutor.result(0, IperfSamples.CONNECT_REFUSED, "");

        assertThatThrownBy(() -> runner().measure(2, 1))
                .isInstanceOf(ThroughputException.class)
                .hasMessage("iperf3 reported an error: unable to connect to server: Connection refused");
    }

    @Test
    void aClientThatPrintsNothingFailsWithItsExitAndStderr() {
        executor.client = FakeIperfExecutor.result(127, "", "exec of \"iperf3\" failed: No such file or directory");

        assertThatThrownBy(() -> runner().measure(2, 1))
                .isInstanceOf(ThroughputException.class)
                .hasMessage("iperf3 client exited with 127 and printed no report: exec of \"iperf3\" failed: No such file or directory");
    }

    @Test
    void aClientThatFailsAfterAGoodReportStillFails() {
        executor.client = FakeIperfExecutor.result(1, IperfSamples.TWO_STREAMS, "interrupt");

        assertThatThrownBy(() -> runner().measure(2, 1))
                .isInstanceOf(ThroughputException.class)
                .hasMessage("iperf3 client exited with 1 after a report without an error: interrupt");
    }

    @Test
    void aServerThatStaysUpAfterTheTestFails() {
        executor.serverHangs = true;

        assertThatThrownBy(() -> runner().measure(2, 1))
                .isInstanceOf(ThroughputException.class)
                .hasMessageContaining("still running 0.5 s after its test ended");
    }
}
