package io.wanlab.bench.throughput;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class NodeCpuTest {
    @Test
    void sumsWhatTheKernelCountsForEachProcess() {
        OptionalDouble self = NodeCpu.seconds(List.of(ProcessHandle.current()));
        OptionalDouble twice = NodeCpu.seconds(List.of(ProcessHandle.current(), ProcessHandle.current()));

        assertThat(self).as("this JVM has used CPU").isPresent();
        assertThat(self.getAsDouble()).isPositive();
        assertThat(twice.getAsDouble()).isGreaterThanOrEqualTo(2 * self.getAsDouble());
        assertThat(NodeCpu.seconds(List.of())).hasValue(0.0);
    }

    @Test
    void anExitedProcessMakesItUnknown() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();

        assertThat(NodeCpu.seconds(List.of(ProcessHandle.current(), p.toHandle()))).isEmpty();
    }

    @Test
    void cpuPerGbIsNodesPlusIperfOverTheBytesReceived() {
        IperfResult r = new IperfResult(1e9, 1e9, OptionalLong.empty(), 2_000_000_000L, OptionalDouble.of(1.5), Optional.empty());

        assertThat(new PathResult("lab", r, Optional.empty(), OptionalDouble.of(2.5)).cpuSecondsPerGb()).hasValue(2.0);
        assertThat(new PathResult("lab", r, Optional.empty()).cpuSecondsPerGb()).isEmpty();
        IperfResult nothing = new IperfResult(0, 0, OptionalLong.empty(), 0, OptionalDouble.of(1.5), Optional.empty());
        assertThat(new PathResult("lab", nothing, Optional.empty(), OptionalDouble.of(2.5)).cpuSecondsPerGb()).isEmpty();
    }
}
