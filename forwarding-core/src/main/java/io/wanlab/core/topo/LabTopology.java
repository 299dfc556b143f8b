package io.wanlab.core.topo;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The live lab as data: the lab's name ({@code instance}, which names its namespaces; the lab
 * file's free-text name is {@code lab}), nodes (one namespace each), the LAN veth of every site, the underlay veth
 * of every link, TUN devices and routes. Immutable; {@link LabCommands} turns it into ip commands
 * and the node processes read their own part through {@link #linksOf}, {@link #tunOf} and {@link #sites}.
 */
public record LabTopology(String instance, String lab, List<Node> nodes, List<SitePlan> sites, List<LinkPlan> links, List<TunPlan> tuns,
        List<RoutePlan> routes) {

    public LabTopology {
        LabNames.requireLabName(requireNonNull(instance, "instance"));
        requireNonNull(lab, "lab");
        nodes = List.copyOf(requireNonNull(nodes, "nodes"));
        sites = List.copyOf(requireNonNull(sites, "sites"));
        links = List.copyOf(requireNonNull(links, "links"));
        tuns = List.copyOf(requireNonNull(tuns, "tuns"));
        routes = List.copyOf(requireNonNull(routes, "routes"));
        Set<String> names = new HashSet<>();
        for (Node n : nodes) {
            if (!n.lab().equals(instance)) {
                throw new IllegalArgumentException("node '" + n.name() + "' belongs to lab '" + n.lab()
                        + "' (expected: every node of lab '" + instance + "')");
            }
            if (!names.add(n.name())) {
                throw new IllegalArgumentException("node '" + n.name() + "' appears twice (expected: unique node names)");
            }
        }
        for (SitePlan s : sites) {
            requireKnown(names, s.host(), "site " + s.site());
            requireKnown(names, s.socket(), "site " + s.site());
        }
        for (LinkPlan l : links) {
            requireKnown(names, l.veth().first().node(), "link " + l.name());
            requireKnown(names, l.veth().second().node(), "link " + l.name());
        }
        for (TunPlan t : tuns) {
            requireKnown(names, t.node(), "TUN " + t.device());
        }
        for (RoutePlan r : routes) {
            requireKnown(names, r.node(), "route " + r.destinationText());
        }
    }

    private static void requireKnown(Set<String> names, String node, String what) {
        if (!names.contains(node)) {
            throw new IllegalArgumentException(what + ": node '" + node + "' (expected: one of " + names + ")");
        }
    }

    public Optional<Node> findNode(String name) {
        requireNonNull(name, "name");
        for (Node n : nodes) {
            if (n.name().equals(name)) {
                return Optional.of(n);
            }
        }
        return Optional.empty();
    }

    /** The node of that name; throws naming the known nodes if there is none. */
    public Node node(String name) {
        return findNode(name).orElseThrow(() -> new IllegalArgumentException("node: '" + name + "' (expected: one of "
                + nodeNames() + ")"));
    }

    public List<String> nodeNames() {
        List<String> out = new ArrayList<>(nodes.size());
        for (Node n : nodes) {
            out.add(n.name());
        }
        return List.copyOf(out);
    }

    /** The namespace of one of this lab's nodes. */
    public String namespaceOf(String node) {
        return node(node).namespace();
    }

    /** Every namespace of this lab, in node order. */
    public List<String> namespaces() {
        List<String> out = new ArrayList<>(nodes.size());
        for (Node n : nodes) {
            out.add(n.namespace());
        }
        return List.copyOf(out);
    }

    /** The links a node terminates, as that node sees them, in lab-file order. */
    public List<LinkEnd> linksOf(String node) {
        node(node);
        List<LinkEnd> out = new ArrayList<>();
        for (LinkPlan l : links) {
            if (l.touches(node)) {
                out.add(l.endOf(node));
            }
        }
        return List.copyOf(out);
    }

    public Optional<LinkPlan> link(String name) {
        requireNonNull(name, "name");
        for (LinkPlan l : links) {
            if (l.name().equals(name)) {
                return Optional.of(l);
            }
        }
        return Optional.empty();
    }

    /** The TUN of a socket or the PoP; empty for hosts. */
    public Optional<TunPlan> tunOf(String node) {
        node(node);
        for (TunPlan t : tuns) {
            if (t.node().equals(node)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    public List<RoutePlan> routesOf(String node) {
        node(node);
        List<RoutePlan> out = new ArrayList<>();
        for (RoutePlan r : routes) {
            if (r.node().equals(node)) {
                out.add(r);
            }
        }
        return List.copyOf(out);
    }

    public Optional<SitePlan> site(String site) {
        requireNonNull(site, "site");
        for (SitePlan s : sites) {
            if (s.site().equals(site)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** The site whose host or socket this node is; empty for the PoP. */
    public Optional<SitePlan> siteOf(String node) {
        requireNonNull(node, "node");
        for (SitePlan s : sites) {
            if (s.host().equals(node) || s.socket().equals(node)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
