package io.wanlab.core.topo;

import static java.util.Objects.requireNonNull;

import io.wanlab.core.net.Ipv4;
import io.wanlab.core.net.Ipv4Prefix;
import java.util.List;

/**
 * One Docker network of a lab run in containers: a site's LAN or one link, named
 * {@code <lab>-<suffix>}, with the subnet Docker manages and the gateway address the host's bridge
 * takes (an address the lab never uses, so Docker's default {@code .1} never shadows a Socket).
 * {@code members} are the lab's own ends on it: node and address, which each container keeps.
 */
public record ContainerNetwork(String name, Ipv4Prefix subnet, int gateway, List<VethEnd> members) {
    public ContainerNetwork {
        requireNonNull(name, "name");
        requireNonNull(subnet, "subnet");
        members = List.copyOf(requireNonNull(members, "members"));
        if (!subnet.contains(gateway) || gateway == subnet.first() || gateway == subnet.last()) {
            throw new IllegalArgumentException("network " + name + ": gateway " + Ipv4.format(gateway)
                    + " (expected: a host address of " + subnet + ")");
        }
        for (VethEnd m : members) {
            if (m.address().ip() == gateway) {
                throw new IllegalArgumentException("network " + name + ": gateway " + Ipv4.format(gateway) + " is "
                        + m.node() + "'s address (expected: an address the lab does not use)");
            }
        }
    }

    public String gatewayText() {
        return Ipv4.format(gateway);
    }

    /** The lab's end of this network on {@code node}, if the node is on it. */
    public java.util.Optional<VethEnd> memberOf(String node) {
        return members.stream().filter(m -> m.node().equals(node)).findFirst();
    }
}
