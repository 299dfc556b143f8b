package io.wanlab.core.pcap;

import java.util.LinkedHashMap;
import java.util.Map;

/** The counters behind {@link CaptureStats}; keys are bounded (reasons, 16-bit link types and ethertypes). */
final class CaptureCounts {
    static final String TRUNCATED_RECORD = "truncated-record";

    private final Map<String, Long> skipped = new LinkedHashMap<>();
    private long frames;
    private long ipv4;

    /** Counts a frame record and returns its 1-based number. */
    long frame() {
        return ++frames;
    }

    void ipv4() {
        ipv4++;
    }

    void skip(String reason) {
        skipped.merge(reason, 1L, Long::sum);
    }

    CaptureStats stats(long bytesRead) {
        return new CaptureStats(frames, ipv4, skipped, bytesRead);
    }
}
