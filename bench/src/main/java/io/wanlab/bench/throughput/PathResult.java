package io.wanlab.bench.throughput;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One measured path: its short name, what iperf3 measured, what the client-side Socket's direct link carried meanwhile
 * (empty when its status could not be read), and the CPU seconds the lab's Socket processes used meanwhile (from
 * /proc; empty when unknown).
 */
public record PathResult(String path, IperfResult iperf, Optional<LinkCounters> emulator, OptionalDouble nodeCpuSeconds) {
    public PathResult {
        requireNonNull(path, "path");
        requireNonNull(iperf, "iperf");
        requireNonNull(emulator, "emulator");
        requireNonNull(nodeCpuSeconds, "nodeCpuSeconds");
    }

    public PathResult(String path, IperfResult iperf, Optional<LinkCounters> emulator) {
        this(path, iperf, emulator, OptionalDouble.empty());
    }

    /** Nodes' and iperf3's CPU seconds per GB (10^9 bytes) the receiver got; empty when a part is unknown or nothing arrived. */
    public OptionalDouble cpuSecondsPerGb() {
        if (nodeCpuSeconds.isEmpty() || iperf.iperfCpuSeconds().isEmpty() || iperf.receivedBytes() == 0) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of((nodeCpuSeconds.getAsDouble() + iperf.iperfCpuSeconds().getAsDouble()) / (iperf.receivedBytes() / 1e9));
    }
}
