package io.wanlab.core.pcap;

/**
 * One frame of a capture reduced to its IPv4 packet. {@code frameNumber} counts from 1 as Wireshark
 * does; {@code truncated} is true when the capture kept fewer bytes than the packet had.
 */
public record CaptureFrame(long frameNumber, long timestampNanos, byte[] ipv4, boolean truncated, String comment) {
}
