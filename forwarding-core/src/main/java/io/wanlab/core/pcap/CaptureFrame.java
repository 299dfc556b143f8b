package io.wanlab.core.pcap;

import static java.util.Objects.requireNonNull;

/**
 * One IPv4 packet read from a capture.
 *
 * @param frameNumber 1-based, counting every frame or packet record of the file as Wireshark numbers them
 *     (skipped ones too), so "frame 42" here is frame 42 there
 * @param timestampNanos epoch nanoseconds; 0 for a pcapng Simple Packet Block, which has no timestamp
 * @param ipv4 the IPv4 packet, link-layer header removed; link-layer padding or a trailing FCS after the
 *     IPv4 total length is cut off
 * @param truncated the captured length is below the original length (a snap length cut the packet)
 * @param comment the pcapng packet comment (opt_comment), or null
 */
public record CaptureFrame(long frameNumber, long timestampNanos, byte[] ipv4, boolean truncated, String comment) {
    public CaptureFrame {
        requireNonNull(ipv4, "ipv4");
    }
}
