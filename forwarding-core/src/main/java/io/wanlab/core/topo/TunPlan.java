package io.wanlab.core.topo;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A TUN device created persistent in a node's namespace ({@code ip tuntap add ... mode tun}, which
 * sets IFF_NO_PI); the node's process attaches to it later with TUNSETIFF IFF_TUN|IFF_NO_PI.
 * The sysctls are applied once the device exists (per-device keys such as rp_filter).
 */
public record TunPlan(String node, String device, int mtu, List<Sysctl> sysctls) {
    public static final int MIN_MTU = 576;
    public static final int MAX_MTU = 65535;

    public TunPlan {
        requireNonNull(node, "node");
        requireNonNull(device, "device");
        sysctls = List.copyOf(requireNonNull(sysctls, "sysctls"));
        if (device.isEmpty() || device.length() > LabNames.MAX_INTERFACE) {
            throw new IllegalArgumentException("TUN name: '" + device + "' (expected: 1.." + LabNames.MAX_INTERFACE
                    + " characters)");
        }
        if (mtu < MIN_MTU || mtu > MAX_MTU) {
            throw new IllegalArgumentException("mtu: " + mtu + " (expected: " + MIN_MTU + ".." + MAX_MTU + ")");
        }
    }
}
