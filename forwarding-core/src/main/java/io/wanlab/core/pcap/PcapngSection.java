package io.wanlab.core.pcap;

/** A Section Header Block as read; each field is null when the writer left that option out. */
public record PcapngSection(int majorVersion, int minorVersion, String hardware, String os, String userApplication) {
}
