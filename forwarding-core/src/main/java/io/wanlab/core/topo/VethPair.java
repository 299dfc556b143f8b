package io.wanlab.core.topo;

import static java.util.Objects.requireNonNull;

/** A veth pair; it is created from the first end's namespace with the peer moved into the second's. */
public record VethPair(VethEnd first, VethEnd second) {
    public VethPair {
        requireNonNull(first, "first");
        requireNonNull(second, "second");
        if (first.node().equals(second.node())) {
            throw new IllegalArgumentException("veth: both ends on node '" + first.node() + "' (expected: two nodes)");
        }
    }
}
