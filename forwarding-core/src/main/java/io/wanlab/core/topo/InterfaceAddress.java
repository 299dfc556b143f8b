package io.wanlab.core.topo;

import io.wanlab.core.net.Ipv4;

/** An address on an interface with its prefix length, such as 198.18.1.10/24 (host bits kept). */
public record InterfaceAddress(int ip, int prefixLength) {
    public InterfaceAddress {
        if (prefixLength < 0 || prefixLength > 32) {
            throw new IllegalArgumentException("prefix length: " + prefixLength + " (expected: 0..32)");
        }
    }

    /** Dotted-quad text of the address alone. */
    public String ipText() {
        return Ipv4.format(ip);
    }

    @Override
    public String toString() {
        return Ipv4.format(ip) + "/" + prefixLength;
    }
}
