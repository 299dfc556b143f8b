package io.wanlab.bench.throughput;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * One measured path: its short name, what iperf3 measured, and what the client-side Socket's
 * direct link carried meanwhile (empty when its status could not be read).
 */
public record PathResult(String path, IperfResult iperf, Optional<LinkCounters> emulator) {
    public PathResult {
        requireNonNull(path, "path");
        requireNonNull(iperf, "iperf");
        requireNonNull(emulator, "emulator");
    }
}
