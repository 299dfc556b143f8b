package io.wanlab.core.lab;

import io.wanlab.core.net.Ipv4;
import io.wanlab.core.net.Ipv4Prefix;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Reads the sites and links and checks that they form a lab: unique names, no subnet claimed by
 * two sites, links between known nodes, and a cato link from every Socket to the PoP (without it
 * a Socket could not send undecided flows anywhere). Not thread-safe: one per load.
 */
final class TopologyReader {
    /** The PoP's node name: links name it, sites may not use it for their Socket. */
    static final String POP = "pop";
    static final List<String> SITE_FIELDS = List.of("name", "subnets", "socket");
    static final List<String> LINK_FIELDS = List.of("name", "kind", "endpoints", "impair", "keepalive");
    static final List<String> KEEPALIVE_FIELDS = List.of("interval", "misses");
    static final Map<String, LinkKind> KINDS = RuleReader.labels(LinkKind.values(), LinkKind::label);

    private record Placed(String field, Location location) {
    }

    private record PlacedPrefix(Ipv4Prefix prefix, String site, String field, Location location) {
    }

    private final NodeReader r;
    private final Problems problems;
    private final List<Site> sites = new ArrayList<>();
    private final List<LinkSpec> links = new ArrayList<>();
    /** Every well-formed site name, so that a rule naming a site with other problems adds none. */
    private final Set<String> siteNames = new LinkedHashSet<>();
    private final Map<String, Placed> sockets = new LinkedHashMap<>();
    private final List<PlacedPrefix> prefixes = new ArrayList<>();
    private final Set<LinkKind> linkKinds = EnumSet.noneOf(LinkKind.class);
    /** The lab's top-level keepalive: each link's default. */
    private LinkKeepalive labKeepalive = LinkKeepalive.DEFAULT;

    TopologyReader(NodeReader reader) {
        this.r = reader;
        this.problems = reader.problems();
    }

    List<Site> sites() {
        return sites;
    }

    List<LinkSpec> links() {
        return links;
    }

    Set<String> siteNames() {
        return siteNames;
    }

    Set<LinkKind> linkKinds() {
        return linkKinds;
    }

    void readSites(Node node) {
        List<Node> items = r.list(node, "sites", "a non-empty list of sites", false);
        if (items == null) {
            return;
        }
        Map<String, Location> seen = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            Fields f = r.fields(items.get(i), "sites[" + i + "]", "a site {name, subnets, socket}", SITE_FIELDS);
            if (f != null) {
                readSite(f, seen);
            }
        }
        checkOverlaps();
    }

    private void readSite(Fields f, Map<String, Location> seen) {
        String name = r.name(f.required("name", "a site name such as site-a"), f.path("name"), "site name");
        boolean unique = name != null && r.unique(seen, name, f.get("name"), f.path("name"), "site name");
        if (name != null) {
            siteNames.add(name);
        }
        List<Ipv4Prefix> subnets = readSubnets(f.required("subnets", "a list of subnets such as [198.18.1.0/24]"),
                f.path("subnets"), name);
        String socket = r.nodeName(f.required("socket", "a node name such as socket-a"), f.path("socket"));
        if (socket != null) {
            socket = claimSocket(socket, f.get("socket"), f.path("socket"), name);
        }
        if (unique && subnets != null && socket != null) {
            sites.add(new Site(name, subnets, socket, f.location()));
        }
    }

    private List<Ipv4Prefix> readSubnets(Node node, String path, String site) {
        List<Node> items = r.list(node, path, "a non-empty list of subnets such as [198.18.1.0/24]", false);
        if (items == null) {
            return null;
        }
        List<Ipv4Prefix> subnets = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            String field = path + "[" + i + "]";
            Ipv4Prefix prefix = r.convert(items.get(i), field, "a subnet a.b.c.d/n", LabValues::subnet);
            if (prefix == null) {
                subnets = null;
                continue;
            }
            if (subnets != null) {
                subnets.add(prefix);
            }
            if (site != null) {
                prefixes.add(new PlacedPrefix(prefix, site, field, problems.at(items.get(i))));
            }
        }
        return subnets;
    }

    private String claimSocket(String socket, Node node, String field, String site) {
        if (socket.equals(POP)) {
            problems.add(node, field, "node name 'pop' is the PoP (expected: a node name of the site's own Socket)");
            return null;
        }
        Placed first = sockets.putIfAbsent(socket, new Placed(field, problems.at(node)));
        if (first != null) {
            problems.add(node, field, "socket " + NodeReader.quote(socket) + " already serves the site at line "
                    + first.location().line() + " (expected: one Socket per site)");
            return null;
        }
        return site == null ? null : socket;
    }

    /**
     * Sorted by first address, prefixes either nest or follow each other, so comparing each one
     * with the widest-reaching prefix before it finds every subnet that lies in another site's.
     */
    private void checkOverlaps() {
        List<PlacedPrefix> sorted = new ArrayList<>(prefixes);
        sorted.sort(Comparator.comparing((PlacedPrefix p) -> p.prefix().first(), Integer::compareUnsigned)
                .thenComparingInt(p -> p.prefix().length()));
        PlacedPrefix reach = null;
        for (PlacedPrefix p : sorted) {
            if (reach != null && Ipv4.compare(p.prefix().first(), reach.prefix().last()) <= 0
                    && !p.site().equals(reach.site())) {
                problems.add(p.location(), p.field(), "subnet " + p.prefix() + " overlaps " + reach.prefix()
                        + " of site " + NodeReader.quote(reach.site()) + " (expected: sites with separate subnets)");
            }
            if (reach == null || Ipv4.compare(p.prefix().last(), reach.prefix().last()) > 0) {
                reach = p;
            }
        }
    }

    void readLinks(Node node) {
        List<Node> items = r.list(node, "links", "a list of links, with a cato link per site", true);
        if (items == null) {
            return;
        }
        List<String> nodes = new ArrayList<>(sockets.keySet());
        nodes.add(POP);
        Map<String, Location> seen = new HashMap<>();
        Set<String> catoSockets = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            Fields f = r.fields(items.get(i), "links[" + i + "]", "a link {name, kind, endpoints, impair, keepalive}", LINK_FIELDS);
            if (f != null) {
                readLink(f, nodes, seen, catoSockets);
            }
        }
        for (Map.Entry<String, Placed> socket : sockets.entrySet()) {
            if (!catoSockets.contains(socket.getKey())) {
                problems.add(socket.getValue().location(), socket.getValue().field(), "socket "
                        + NodeReader.quote(socket.getKey()) + " has no cato link (expected: a link of kind cato with endpoints ["
                        + socket.getKey() + ", pop])");
            }
        }
    }

    private void readLink(Fields f, List<String> nodes, Map<String, Location> seen, Set<String> catoSockets) {
        String name = r.name(f.required("name", "a link name such as cato-a"), f.path("name"), "link name");
        boolean unique = name != null && r.unique(seen, name, f.get("name"), f.path("name"), "link name");
        LinkKind kind = r.choice(f.required("kind", NodeReader.oneOf(List.copyOf(KINDS.keySet()))), f.path("kind"),
                "link kind", KINDS);
        String[] ends = readEndpoints(f.required("endpoints", "two node names such as [socket-a, pop]"),
                f.path("endpoints"), nodes);
        Map<String, Impairment> impair = f.has("impair") ? readImpair(f.get("impair"), f.path("impair"), ends) : Map.of();
        LinkKeepalive keepalive = f.has("keepalive") ? readKeepalive(f.get("keepalive"), f.path("keepalive")) : labKeepalive;
        if (kind != null) {
            // Known even when the link has other problems, so rules picking this kind add none.
            linkKinds.add(kind);
        }
        if (ends == null || kind == null || impair == null || keepalive == null) {
            return;
        }
        Node endpointsNode = f.get("endpoints");
        boolean touchesPop = ends[0].equals(POP) || ends[1].equals(POP);
        if (kind == LinkKind.CATO && !touchesPop) {
            problems.add(endpointsNode, f.path("endpoints"), "a cato link without pop (expected: a site's socket and pop)");
            return;
        }
        if (kind != LinkKind.CATO && touchesPop) {
            problems.add(endpointsNode, f.path("endpoints"), "an " + kind + " link to pop (expected: two sites' sockets; "
                    + kind + " bypasses the PoP)");
            return;
        }
        if (kind == LinkKind.CATO) {
            catoSockets.add(ends[0].equals(POP) ? ends[1] : ends[0]);
        }
        if (unique) {
            links.add(new LinkSpec(name, kind, ends[0], ends[1], f.location(), impair, keepalive));
        }
    }

    /**
     * {@code impair: {delay: 30ms, loss: 1%}} impairs both directions alike; {@code impair: {socket-a:
     * {delay: 30ms}, socket-b: {rate: 10mbit}}} each end's sending side on its own (keys: the link's
     * endpoints). Returns the impairment by sending node, or null after reporting a problem.
     */
    private Map<String, Impairment> readImpair(Node node, String path, String[] ends) {
        String expected = "impairments {delay, jitter, loss, rate, blackhole, flap, seed}, or one such mapping per endpoint";
        if (!(node instanceof org.snakeyaml.engine.v2.nodes.MappingNode mapping)) {
            r.wrongKind(node, path, expected);
            return null;
        }
        boolean perEnd = !mapping.getValue().isEmpty() && mapping.getValue().stream()
                .noneMatch(t -> t.getKeyNode() instanceof org.snakeyaml.engine.v2.nodes.ScalarNode k && Impairment.KEYS.contains(k.getValue()));
        if (!perEnd) {
            Impairment both = readImpairment(node, path);
            if (both == null || ends == null) {
                return both == null ? null : Map.of();
            }
            return Map.of(ends[0], both, ends[1], both);
        }
        List<String> endNames = ends == null ? List.of() : List.of(ends);
        Fields f = r.fields(node, path, expected, ends == null ? mapping.getValue().stream()
                .map(t -> ((org.snakeyaml.engine.v2.nodes.ScalarNode) t.getKeyNode()).getValue()).toList() : endNames);
        if (f == null) {
            return null;
        }
        Map<String, Impairment> byEnd = new LinkedHashMap<>();
        boolean ok = true;
        for (String end : endNames) {
            if (f.has(end)) {
                Impairment i = readImpairment(f.get(end), f.path(end));
                ok &= i != null;
                if (i != null) {
                    byEnd.put(end, i);
                }
            }
        }
        return ok ? byEnd : null;
    }

    private Impairment readImpairment(Node node, String path) {
        Fields f = r.fields(node, path, "impairments {delay, jitter, loss, rate, blackhole, flap, seed}", Impairment.KEYS);
        if (f == null) {
            return null;
        }
        List<String> words = new ArrayList<>();
        boolean ok = true;
        for (String key : Impairment.KEYS) {
            if (!f.has(key)) {
                continue;
            }
            String field = f.path(key);
            String word = r.convert(f.get(key), field, "an impairment value such as 30ms, 1%, 10mbit", v -> {
                Impairment.checkValue(key, v);
                return key + "=" + v;
            });
            ok &= word != null;
            if (word != null) {
                words.add(word);
            }
        }
        if (!ok) {
            return null;
        }
        try {
            return Impairment.NONE.with(words);
        } catch (IllegalArgumentException e) {
            problems.add(node, path, e.getMessage());
            return null;
        }
    }

    /** The top-level {@code keepalive}: the default of every link that has none; a faulty one is reported and the links keep theirs. */
    void labKeepalive(Node node) {
        LinkKeepalive k = readKeepalive(node, "keepalive");
        if (k != null) {
            labKeepalive = k;
        }
    }

    /** A link's fields default to the lab's keepalive, so {@code {misses: 3}} keeps the lab's interval. */
    private LinkKeepalive readKeepalive(Node node, String path) {
        Fields f = r.fields(node, path, "{interval: 200ms, misses: 3}", KEEPALIVE_FIELDS);
        if (f == null) {
            return null;
        }
        Long interval = f.has("interval") ? r.convert(f.get("interval"), f.path("interval"), "a duration such as 200ms", v -> {
            long micros = Impairment.parseDuration(v);
            if (micros % 1000 != 0 || micros / 1000 < LinkKeepalive.MIN_INTERVAL_MILLIS || micros / 1000 > LinkKeepalive.MAX_INTERVAL_MILLIS) {
                throw new IllegalArgumentException("interval: '" + v + "' (expected: whole milliseconds from "
                        + LinkKeepalive.MIN_INTERVAL_MILLIS + "ms to " + LinkKeepalive.MAX_INTERVAL_MILLIS / 1000 + "s)");
            }
            return micros / 1000;
        }) : Long.valueOf(labKeepalive.intervalMillis());
        Integer misses = f.has("misses") ? r.convert(f.get("misses"), f.path("misses"), "a whole number", v -> {
            int m;
            try {
                m = Integer.parseInt(v.strip());
            } catch (NumberFormatException e) {
                m = -1;
            }
            if (m < LinkKeepalive.MIN_MISSES || m > LinkKeepalive.MAX_MISSES) {
                throw new IllegalArgumentException("misses: '" + v + "' (expected: a whole number " + LinkKeepalive.MIN_MISSES + ".."
                        + LinkKeepalive.MAX_MISSES + ")");
            }
            return m;
        }) : Integer.valueOf(labKeepalive.misses());
        return interval == null || misses == null ? null : new LinkKeepalive(interval, misses);
    }

    private String[] readEndpoints(Node node, String path, List<String> nodes) {
        String expected = "two node names such as [socket-a, pop]";
        List<Node> items = r.list(node, path, expected, false);
        if (items == null) {
            return null;
        }
        if (items.size() != 2) {
            problems.add(node, path, items.size() + (items.size() == 1 ? " endpoint" : " endpoints")
                    + " (expected: " + expected + ")");
            return null;
        }
        String[] ends = new String[2];
        for (int i = 0; i < 2; i++) {
            String field = path + "[" + i + "]";
            String end = r.nodeName(items.get(i), field);
            if (end != null && !nodes.contains(end)) {
                problems.add(items.get(i), field, "unknown node " + NodeReader.quote(end) + Suggestions.didYouMean(end, nodes)
                        + " (expected: " + NodeReader.oneOf(nodes) + ")");
                end = null;
            }
            ends[i] = end;
        }
        if (ends[0] == null || ends[1] == null) {
            return null;
        }
        if (ends[0].equals(ends[1])) {
            problems.add(node, path, "a link from " + NodeReader.quote(ends[0]) + " to itself (expected: two different nodes)");
            return null;
        }
        return ends;
    }
}
