package io.wanlab.core.lab;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * A link between two device nodes (for example socket-a and pop), of one kind, with what each
 * end's sending side does to its packets ({@code impair}, by the sending node; an end not named
 * is clean) and how fast the link notices a silent peer ({@code keepalive}).
 */
public record LinkSpec(String name, LinkKind kind, String from, String to, Location location,
        Map<String, Impairment> impair, LinkKeepalive keepalive) {
    public LinkSpec {
        requireNonNull(name, "name");
        requireNonNull(kind, "kind");
        requireNonNull(from, "from");
        requireNonNull(to, "to");
        requireNonNull(location, "location");
        impair = Map.copyOf(requireNonNull(impair, "impair"));
        requireNonNull(keepalive, "keepalive");
        for (String node : impair.keySet()) {
            if (!node.equals(from) && !node.equals(to)) {
                throw new IllegalArgumentException("impair: node '" + node + "' is not an end of link '" + name + "'");
            }
        }
    }

    /** A clean link with the default keepalive. */
    public LinkSpec(String name, LinkKind kind, String from, String to, Location location) {
        this(name, kind, from, to, location, Map.of(), LinkKeepalive.DEFAULT);
    }

    /** What {@code node}'s end does to the packets it sends. */
    public Impairment impairmentFrom(String node) {
        return impair.getOrDefault(node, Impairment.NONE);
    }
}
