package io.wanlab.core.topo;

import static java.util.Objects.requireNonNull;

import io.wanlab.core.lab.LinkKind;

/**
 * One lab link on the underlay: link number {@code number} (1..250) is a veth pair with
 * 198.19.n.1/30 on its first end and 198.19.n.2/30 on its second. One end listens on
 * {@code port}, the other dials it.
 */
public record LinkPlan(int number, String name, LinkKind kind, VethPair veth, String listener, int port) {
    public LinkPlan {
        requireNonNull(name, "name");
        requireNonNull(kind, "kind");
        requireNonNull(veth, "veth");
        requireNonNull(listener, "listener");
        if (number < 1 || number > LabAddresses.MAX_LINKS) {
            throw new IllegalArgumentException("link number: " + number + " (expected: 1.." + LabAddresses.MAX_LINKS + ")");
        }
        if (!listener.equals(veth.first().node()) && !listener.equals(veth.second().node())) {
            throw new IllegalArgumentException("link '" + name + "': listener '" + listener + "' (expected: "
                    + veth.first().node() + " or " + veth.second().node() + ")");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("link '" + name + "': port " + port + " (expected: 1..65535)");
        }
    }

    public boolean touches(String node) {
        return veth.first().node().equals(node) || veth.second().node().equals(node);
    }

    /** This link as seen from one of its two nodes. */
    public LinkEnd endOf(String node) {
        requireNonNull(node, "node");
        VethEnd local;
        VethEnd peer;
        if (veth.first().node().equals(node)) {
            local = veth.first();
            peer = veth.second();
        } else if (veth.second().node().equals(node)) {
            local = veth.second();
            peer = veth.first();
        } else {
            throw new IllegalArgumentException("link '" + name + "': node '" + node + "' (expected: "
                    + veth.first().node() + " or " + veth.second().node() + ")");
        }
        return new LinkEnd(name, kind, local.device(), local.address(), peer.node(), peer.address().ip(),
                listener.equals(node), port);
    }
}
