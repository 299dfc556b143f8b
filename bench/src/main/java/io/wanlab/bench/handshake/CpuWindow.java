package io.wanlab.bench.handshake;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads each named process's own CPU seconds (user + system, all threads, from /proc) when a load's counted window opens
 * and when it closes, and gives the difference: what the client (this JVM) and each node spent on that window's
 * exchanges. A process whose clock cannot be read at both ends is left out.
 */
final class CpuWindow implements HandshakeLoad.WindowWatch {
    private final Map<String, ProcessHandle> processes;
    private Map<String, Double> atOpen = Map.of();
    private Map<String, Double> spent = Map.of();

    CpuWindow(Map<String, ProcessHandle> processes) {
        this.processes = new LinkedHashMap<>(requireNonNull(processes, "processes"));
    }

    @Override
    public void opened() {
        atOpen = read();
        spent = Map.of();
    }

    @Override
    public void closed() {
        Map<String, Double> atClose = read();
        Map<String, Double> out = new LinkedHashMap<>();
        atClose.forEach((name, seconds) -> {
            Double before = atOpen.get(name);
            if (before != null) {
                out.put(name, Math.max(0, seconds - before));
            }
        });
        spent = out;
    }

    /** Seconds per process in the last window; empty before the first one closes. */
    Map<String, Double> spent() {
        return new LinkedHashMap<>(spent);
    }

    /**
     * Each process's own clock, without its descendants ({@link io.wanlab.bench.throughput.NodeCpu} adds those): the
     * client is this JVM, whose descendants are the nodes themselves.
     */
    private Map<String, Double> read() {
        Map<String, Double> out = new LinkedHashMap<>();
        processes.forEach((name, handle) -> {
            Optional<Duration> cpu = handle.info().totalCpuDuration();
            if (cpu.isPresent() && handle.isAlive()) {
                out.put(name, cpu.get().toNanos() / 1e9);
            }
        });
        return out;
    }
}
