package io.wanlab.bench.throughput;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The CPU seconds (user + system) a set of node processes and their descendants have used so far, as the kernel counts
 * them ({@link ProcessHandle.Info#totalCpuDuration()} reads utime + stime from /proc/PID/stat on Linux, all threads
 * included). A node started through {@code setsid ip netns exec} is its JVM after the execs; descendants are summed in
 * case a wrapper stayed. Empty when any process's figure cannot be read (it exited, or this is not Linux).
 */
public final class NodeCpu {
    private NodeCpu() {
    }

    public static OptionalDouble seconds(List<ProcessHandle> processes) {
        requireNonNull(processes, "processes");
        double total = 0;
        for (ProcessHandle p : processes) {
            Optional<Duration> own = p.info().totalCpuDuration();
            if (own.isEmpty() || !p.isAlive()) {
                return OptionalDouble.empty();
            }
            total += own.get().toNanos() / 1e9;
            total += p.descendants().mapToDouble(d -> d.info().totalCpuDuration().map(c -> c.toNanos() / 1e9).orElse(0.0)).sum();
        }
        return OptionalDouble.of(total);
    }
}
