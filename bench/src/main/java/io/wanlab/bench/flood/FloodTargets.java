package io.wanlab.bench.flood;

import static java.util.Objects.requireNonNull;

import io.wanlab.core.net.Ipv4;
import io.wanlab.core.net.Ipv4Prefix;
import io.wanlab.core.topo.LabAddresses;
import io.wanlab.core.topo.LabTopology;
import io.wanlab.core.topo.SitePlan;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a flood may go and what it may claim to come from: sources drawn only from the client
 * site's own subnets (minus each subnet's network and broadcast address and its Socket's address,
 * which the Socket's kernel would take as its own), a destination on another site of the lab.
 * Everything is checked to lie in the lab's range, 198.18.0.0/15; anything else is refused with
 * the reason, before a single packet is made.
 */
record FloodTargets(List<Ipv4Prefix> sourceSubnets, int socketAddress, int destination, int port) {
    FloodTargets {
        sourceSubnets = List.copyOf(sourceSubnets);
        if (sourceSubnets.isEmpty()) {
            throw new IllegalArgumentException("no source subnet (expected: the client site's subnets)");
        }
        for (Ipv4Prefix p : sourceSubnets) {
            if (!LabAddresses.LAB_RANGE.contains(p.first()) || !LabAddresses.LAB_RANGE.contains(p.last())) {
                throw new IllegalArgumentException("source subnet " + p + " is outside the lab's addresses "
                        + LabAddresses.LAB_RANGE + ": a flood only claims lab addresses");
            }
            if (p.length() > 30) {
                throw new IllegalArgumentException("source subnet " + p + " has no host addresses to draw from");
            }
        }
        if (!LabAddresses.inLabRange(destination)) {
            throw new IllegalArgumentException("destination " + Ipv4.format(destination) + " is outside the lab's addresses "
                    + LabAddresses.LAB_RANGE + ": a flood only goes to lab addresses");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " (expected: 1..65535)");
        }
    }

    /**
     * For the lab's topology: sources from its first site (the client's), {@code to} as
     * {@code ADDRESS:PORT} or empty for the second site's host on 443. The destination must be
     * a host address of another site, so the flood crosses the client's Socket.
     */
    static FloodTargets of(LabTopology topology, String to) {
        requireNonNull(topology, "topology");
        if (topology.sites().size() < 2) {
            throw new IllegalArgumentException("the lab has " + topology.sites().size() + " site(s); a flood needs a second site to go to");
        }
        SitePlan client = topology.sites().getFirst();
        int dst;
        int port;
        if (to == null || to.isBlank()) {
            dst = topology.sites().get(1).hostAddress().ip();
            port = 443;
        } else {
            int colon = to.lastIndexOf(':');
            if (colon < 1) {
                throw new IllegalArgumentException("--to '" + to + "' (expected: ADDRESS:PORT, e.g. 198.18.2.10:443)");
            }
            try {
                dst = Ipv4.parse(to.substring(0, colon));
                port = Integer.parseInt(to.substring(colon + 1));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--to '" + to + "': " + e.getMessage() + " (expected: ADDRESS:PORT, e.g. 198.18.2.10:443)");
            }
            if (!LabAddresses.inLabRange(dst)) {
                throw new IllegalArgumentException("--to " + to + " is outside the lab's addresses " + LabAddresses.LAB_RANGE
                        + ": a flood only goes to lab addresses");
            }
            if (client.contains(dst)) {
                throw new IllegalArgumentException("--to " + to + " is on the client's own site " + client.site()
                        + ": the flood would not cross its Socket (expected: an address of another site)");
            }
            boolean onASite = false;
            for (SitePlan s : topology.sites()) {
                onASite |= s.contains(dst);
            }
            if (!onASite) {
                throw new IllegalArgumentException("--to " + to + " is on no site of this lab (expected: an address of another site, e.g. "
                        + topology.sites().get(1).hostAddress().ipText() + ":443)");
            }
        }
        return new FloodTargets(client.subnets(), client.gateway().ip(), dst, port);
    }

    /** How many addresses {@link #source} draws from. */
    long sourceCount() {
        long n = 0;
        for (Ipv4Prefix p : sourceSubnets) {
            n += hosts(p);
        }
        return n;
    }

    /** The {@code r}-th source address (0 <= r < {@link #sourceCount}), never the Socket's own. */
    int source(long r) {
        for (Ipv4Prefix p : sourceSubnets) {
            long h = hosts(p);
            if (r < h) {
                int skip = p.first() + 1 + (int) r >= socketAddress && p.contains(socketAddress) ? 1 : 0;
                return p.first() + 1 + (int) r + skip;
            }
            r -= h;
        }
        throw new IllegalArgumentException("source index past " + sourceCount());
    }

    /** Host addresses of the subnet, minus the Socket's if it is there. */
    private long hosts(Ipv4Prefix p) {
        long all = (1L << (32 - p.length())) - 2;
        return p.contains(socketAddress) ? all - 1 : all;
    }

    String describe() {
        List<String> subnets = new ArrayList<>();
        sourceSubnets.forEach(p -> subnets.add(p.toString()));
        return "sources " + String.join(", ", subnets) + " (" + sourceCount() + " addresses, random ports), to "
                + Ipv4.format(destination) + ":" + port;
    }
}
