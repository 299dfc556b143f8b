package io.wanlab.bench.throughput;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wanlab.bench.lab.CommandExecutor;
import io.wanlab.bench.lab.CommandResult;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ThroughputRunTest {
    private final FakeIperfExecutor executor = new FakeIperfExecutor();
    private final ByteArrayOutputStream progressBytes = new ByteArrayOutputStream();
    private final ArrayDeque<LinkCounters> counterReadings = new ArrayDeque<>(List.of(
            new LinkCounters(10, 0), new LinkCounters(5010, 7), new LinkCounters(5010, 7), new LinkCounters(5010, 7)));

    private ThroughputRun run() {
        IperfRunner iperf = new IperfRunner(executor, IperfCommands.forLab(BaselineRoutesTest.FIXED),
                Duration.ofSeconds(2), Duration.ofSeconds(2));
        return new ThroughputRun(executor, iperf, BaselineRoutes.plan(BaselineRoutesTest.FIXED),
                () -> Optional.ofNullable(counterReadings.poll()), new PrintStream(progressBytes, true, StandardCharsets.UTF_8));
    }

    @Test
    void eachPathRunsInTheModeAskedForAndCountsTheNodesCpuMeanwhile() throws Exception {
        ArrayDeque<Double> cpu = new ArrayDeque<>(List.of(10.0, 12.5, 12.5, 12.75));

        ThroughputReport report = run().withCpu(() -> java.util.OptionalDouble.of(cpu.poll()))
                .run(2, 1, new IperfCommands.Mode(true, "50M"));

        assertThat(executor.lines()).filteredOn(l -> l.contains("iperf3 -c")).hasSize(2)
                .allMatch(l -> l.endsWith("-J -u -b 50M -l " + IperfCommands.forLab(BaselineRoutesTest.FIXED).udpLength() + " -R"));
        assertThat(report.mode()).isEqualTo(new IperfCommands.Mode(true, "50M"));
        assertThat(report.lab().nodeCpuSeconds()).hasValue(2.5);
        assertThat(report.baseline().nodeCpuSeconds()).hasValue(0.25);
        assertThat(progressBytes.toString(StandardCharsets.UTF_8)).contains("measuring lab path 2 s, UDP 50M server > client");
    }

    @Test
    void measuresTheLabThenSwapsRoutesMeasuresTheBaselineAndRestores() throws Exception {
        ThroughputReport report = run().run(2, 2);

        assertThat(executor.lines()).containsExactly(
                "ip netns exec wanlab-server iperf3 -s -1 -B 198.18.2.10 -p 5201 --idle-timeout 15",
                "ip netns exec wanlab-client iperf3 -c 198.18.2.10 -p 5201 -t 2 -P 2 -J",
                "ip -n wanlab-socket-a route replace 198.18.2.0/24 via 198.19.3.2",
                "ip -n wanlab-socket-b route replace 198.18.1.0/24 via 198.19.3.1",
                "ip netns exec wanlab-server iperf3 -s -1 -B 198.18.2.10 -p 5201 --idle-timeout 15",
                "ip netns exec wanlab-client iperf3 -c 198.18.2.10 -p 5201 -t 2 -P 2 -J",
                "ip -n wanlab-socket-a route replace 198.18.2.0/24 dev wl-lan",
                "ip -n wanlab-socket-b route replace 198.18.1.0/24 dev wl-lan");
        assertThat(report.lab().path()).isEqualTo(ThroughputRun.LAB_PATH);
        assertThat(report.lab().emulator()).as("what socket-a sent during the lab run").contains(new LinkCounters(5000, 7));
        assertThat(report.baseline().emulator()).as("nothing through the emulator during the baseline")
                .contains(new LinkCounters(0, 0));
        assertThat(progressBytes.toString(StandardCharsets.UTF_8)).contains(
                "measuring lab path 2 s", "measuring kernel baseline 2 s", "restoring the TUN routes");
    }

    @Test
    void aWarmUpRunsThroughTheLabPathFirstAndIsNotCounted() throws Exception {
        ArrayDeque<Double> cpu = new ArrayDeque<>(List.of(10.0, 12.5, 12.5, 12.75));

        ThroughputReport report = run().withCpu(() -> java.util.OptionalDouble.of(cpu.poll())).withWarmup(3).run(2, 1);

        assertThat(executor.lines()).startsWith(
                "ip netns exec wanlab-server iperf3 -s -1 -B 198.18.2.10 -p 5201 --idle-timeout 15",
                "ip netns exec wanlab-client iperf3 -c 198.18.2.10 -p 5201 -t 3 -P 1 -J",
                "ip netns exec wanlab-server iperf3 -s -1 -B 198.18.2.10 -p 5201 --idle-timeout 15",
                "ip netns exec wanlab-client iperf3 -c 198.18.2.10 -p 5201 -t 2 -P 1 -J",
                "ip -n wanlab-socket-a route replace 198.18.2.0/24 via 198.19.3.2");
        assertThat(report.lab().emulator()).as("counters are read around the measured run only").contains(new LinkCounters(5000, 7));
        assertThat(report.lab().nodeCpuSeconds()).hasValue(2.5);
        assertThat(progressBytes.toString(StandardCharsets.UTF_8)).contains("warming the lab path up 3 s", "measuring lab path 2 s");
        assertThatThrownBy(() -> run().withWarmup(61)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("warm-up");
    }

    @Test
    void theTunRoutesAreRestoredWhenTheBaselineFails() {
        ThroughputRun failing = new ThroughputRun(executor, new IperfRunner(new FailSecondClient(executor),
                IperfCommands.forLab(BaselineRoutesTest.FIXED), Duration.ofSeconds(2), Duration.ofSeconds(2)),
                BaselineRoutes.plan(BaselineRoutesTest.FIXED), Optional::empty, new PrintStream(progressBytes));

        assertThatThrownBy(() -> failing.run(2, 1))
                .isInstanceOf(ThroughputException.class)
                .hasMessage("iperf3 reported an error: unable to connect to server: Connection refused");
        assertThat(executor.lines()).endsWith(
                "ip netns exec wanlab-client iperf3 -c 198.18.2.10 -p 5201 -t 2 -P 1 -J",
                "ip -n wanlab-socket-a route replace 198.18.2.0/24 dev wl-lan",
                "ip -n wanlab-socket-b route replace 198.18.1.0/24 dev wl-lan");
    }

    @Test
    void everyTunRouteIsTriedEvenWhenOneFailsAndTheFailureIsReported() {
        executor.failing = List.of("ip", "-n", "wanlab-socket-a", "route", "replace", "198.18.2.0/24", "dev");

        assertThatThrownBy(() -> run().run(2, 1))
                .isInstanceOf(ThroughputException.class)
                .hasMessage("could not restore the TUN routes: ip -n wanlab-socket-a route replace 198.18.2.0/24 dev wl-lan"
                        + " (exit 2): RTNETLINK answers: Network is unreachable");
        assertThat(executor.lines()).last().isEqualTo("ip -n wanlab-socket-b route replace 198.18.1.0/24 dev wl-lan");
    }

    @Test
    void aFailedSwapToKernelRoutesStillRestoresTheTunRoutes() {
        executor.failing = List.of("ip", "-n", "wanlab-socket-b", "route", "replace", "198.18.1.0/24", "via");

        assertThatThrownBy(() -> run().run(2, 1))
                .hasMessageContaining("command failed (exit 2): ip -n wanlab-socket-b route replace 198.18.1.0/24 via 198.19.3.1");
        assertThat(executor.lines()).as("no baseline measured; routes put back").endsWith(
                "ip -n wanlab-socket-b route replace 198.18.1.0/24 via 198.19.3.1",
                "ip -n wanlab-socket-a route replace 198.18.2.0/24 dev wl-lan",
                "ip -n wanlab-socket-b route replace 198.18.1.0/24 dev wl-lan");
    }

    @Test
    void unreadableCountersLeaveTheEmulatorColumnEmpty() throws Exception {
        counterReadings.clear();

        ThroughputReport report = run().run(1, 1);

        assertThat(report.lab().emulator()).isEmpty();
        assertThat(report.baseline().emulator()).isEmpty();
    }

    /** Passes everything through, except that the second client run reports iperf3's connect error. */
    private static final class FailSecondClient implements CommandExecutor {
        private final FakeIperfExecutor delegate;
        private final AtomicInteger clients = new AtomicInteger();

        FailSecondClient(FakeIperfExecutor delegate) {
            this.delegate = delegate;
        }

        @Override
        public CommandResult attempt(List<String> argv) {
            CommandResult r = delegate.attempt(argv);
            if (argv.contains("-c") && clients.incrementAndGet() == 2) {
                return FakeIperfExecutor.result(0, IperfSamples.CONNECT_REFUSED, "");
            }
            return r;
        }
    }
}
