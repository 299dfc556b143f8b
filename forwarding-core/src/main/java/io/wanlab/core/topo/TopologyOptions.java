package io.wanlab.core.topo;

/**
 * Knobs of the live topology. The TUN MTU defaults to 1400 so that an inner packet plus link
 * framing still fits the 1500-byte underlay veths; links listen on port 7100 by default.
 */
public record TopologyOptions(int tunMtu, int linkPort) {
    public static final int DEFAULT_TUN_MTU = 1400;
    public static final int DEFAULT_LINK_PORT = 7100;
    public static final TopologyOptions DEFAULTS = new TopologyOptions(DEFAULT_TUN_MTU, DEFAULT_LINK_PORT);

    public TopologyOptions {
        if (tunMtu < TunPlan.MIN_MTU || tunMtu > TunPlan.MAX_MTU) {
            throw new IllegalArgumentException("mtu: " + tunMtu + " (expected: " + TunPlan.MIN_MTU + ".."
                    + TunPlan.MAX_MTU + ")");
        }
        if (linkPort < 1 || linkPort > 65535) {
            throw new IllegalArgumentException("link port: " + linkPort + " (expected: 1..65535)");
        }
    }
}
