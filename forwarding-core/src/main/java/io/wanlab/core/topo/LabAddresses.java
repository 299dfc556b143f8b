package io.wanlab.core.topo;

import io.wanlab.core.net.Ipv4;
import io.wanlab.core.net.Ipv4Prefix;

/** The lab's address plan: everything lives in 198.18.0.0/15; links take 198.19.n.0/30. */
public final class LabAddresses {
    /** RFC 2544 benchmarking range: the only addresses the lab ever configures. */
    public static final Ipv4Prefix LAB_RANGE = Ipv4Prefix.parse("198.18.0.0/15");
    /** Reserved for underlay links, so site subnets must stay out of it. */
    public static final Ipv4Prefix UNDERLAY_RANGE = Ipv4Prefix.parse("198.19.0.0/16");
    public static final int MAX_LINKS = 250;
    /** The socket's LAN address is subnet + 1, the host's subnet + 10. */
    public static final int SOCKET_OFFSET = 1;
    public static final int HOST_OFFSET = 10;
    /** Smallest site subnet that holds .1 and .10 as host addresses (a /28 has .1 to .14). */
    public static final int LONGEST_SITE_PREFIX = 28;
    private static final int UNDERLAY_PREFIX = 30;

    private LabAddresses() {
    }

    /** Address of one end of link number {@code n} (1..250): 198.19.n.1/30 for the first end, .2 for the second. */
    public static InterfaceAddress underlay(int n, boolean firstEnd) {
        if (n < 1 || n > MAX_LINKS) {
            throw new IllegalArgumentException("link number: " + n + " (expected: 1.." + MAX_LINKS + ")");
        }
        return new InterfaceAddress(UNDERLAY_RANGE.first() | (n << 8) | (firstEnd ? 1 : 2), UNDERLAY_PREFIX);
    }

    public static InterfaceAddress inSubnet(Ipv4Prefix subnet, int offset) {
        return new InterfaceAddress(subnet.first() + offset, subnet.length());
    }

    public static boolean inLabRange(int address) {
        return LAB_RANGE.contains(address);
    }

    static String text(int address) {
        return Ipv4.format(address);
    }
}
