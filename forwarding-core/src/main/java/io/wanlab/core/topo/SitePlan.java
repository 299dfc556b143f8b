package io.wanlab.core.topo;

import static java.util.Objects.requireNonNull;

import io.wanlab.core.net.Ipv4Prefix;
import java.util.List;

/**
 * A site in the live lab: its subnets, its host and socket nodes and the LAN veth between them
 * (host end first: {@code eth0} at .10, socket end {@code lan0} at .1 of the first subnet).
 */
public record SitePlan(String site, List<Ipv4Prefix> subnets, String host, String socket, VethPair lan) {
    public SitePlan {
        requireNonNull(site, "site");
        subnets = List.copyOf(requireNonNull(subnets, "subnets"));
        requireNonNull(host, "host");
        requireNonNull(socket, "socket");
        requireNonNull(lan, "lan");
        if (!lan.first().node().equals(host) || !lan.second().node().equals(socket)) {
            throw new IllegalArgumentException("site '" + site + "': LAN veth joins " + lan.first().node() + " and "
                    + lan.second().node() + " (expected: " + host + " and " + socket + ")");
        }
    }

    public InterfaceAddress hostAddress() {
        return lan.first().address();
    }

    /** The socket's LAN address: the host's default gateway. */
    public InterfaceAddress gateway() {
        return lan.second().address();
    }

    public boolean contains(int address) {
        for (Ipv4Prefix p : subnets) {
            if (p.contains(address)) {
                return true;
            }
        }
        return false;
    }
}
