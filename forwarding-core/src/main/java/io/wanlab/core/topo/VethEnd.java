package io.wanlab.core.topo;

import static java.util.Objects.requireNonNull;

/** One end of a veth pair: the node it sits in, its interface name and its address. */
public record VethEnd(String node, String device, InterfaceAddress address) {
    public VethEnd {
        requireNonNull(node, "node");
        requireNonNull(device, "device");
        requireNonNull(address, "address");
        if (device.isEmpty() || device.length() > LabNames.MAX_INTERFACE) {
            throw new IllegalArgumentException("interface name: '" + device + "' (expected: 1.."
                    + LabNames.MAX_INTERFACE + " characters)");
        }
    }
}
