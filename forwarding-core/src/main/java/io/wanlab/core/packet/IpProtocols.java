package io.wanlab.core.packet;

/** IP protocol numbers as {@code int} constants, for switches on the hot path without boxing. */
public final class IpProtocols {
    public static final int ICMP = 1;
    public static final int TCP = 6;
    public static final int UDP = 17;

    private IpProtocols() {
    }

    /** A short lower-case name for logs: "tcp", "udp", "icmp", or "proto-N". */
    public static String name(int protocol) {
        return switch (protocol) {
            case ICMP -> "icmp";
            case TCP -> "tcp";
            case UDP -> "udp";
            default -> "proto-" + protocol;
        };
    }
}
