package io.wanlab.core.pcap;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a {@link CaptureSource} has read so far.
 *
 * @param frames frame or packet records seen (Wireshark's frame count)
 * @param ipv4 IPv4 packets returned
 * @param skipped records not returned, by reason: "ipv6", "arp", "link-type 105", "ethertype 0x88cc",
 *     "truncated-record" (the file ends inside it), "unknown-block", "unknown-interface", "malformed-block", ...
 * @param bytesRead bytes of the file consumed
 */
public record CaptureStats(long frames, long ipv4, Map<String, Long> skipped, long bytesRead) {
    public CaptureStats {
        skipped = Collections.unmodifiableMap(new TreeMap<>(skipped)); // sorted, so reports read the same each run
    }
}
