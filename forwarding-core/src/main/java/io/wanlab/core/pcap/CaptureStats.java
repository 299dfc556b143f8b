package io.wanlab.core.pcap;

import java.util.Map;

/** What a {@link CaptureSource} has read so far: frames, IPv4 packets, frames skipped by reason, bytes. */
public record CaptureStats(long frames, long ipv4, Map<String, Long> skipped, long bytesRead) {
    public CaptureStats {
        skipped = Map.copyOf(skipped);
    }
}
