package io.wanlab.core.lab;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Reads the ordered network rules and checks what they refer to: sites, catalog applications and
 * categories, and a link for every direct transport they pick. Not thread-safe: one per load.
 */
final class RuleReader {
    static final List<String> RULE_FIELDS = List.of("name", "enabled", "source", "destination", "service",
            "applications", "categories", "domains", "primary", "secondary");
    static final List<String> ENDPOINT_FIELDS = List.of("site", "subnet", "host", "range");
    static final List<String> SERVICE_FIELDS = List.of("protocol", "ports");
    static final String ENDPOINTS_EXPECTED = "any, or a non-empty list of {site: NAME}, {subnet: CIDR}, {host: IP}, "
            + "{range: IP-IP}";
    static final String SERVICE_EXPECTED = "any, or {protocol: tcp|udp|icmp|any, ports: [443, 8000-8080]}";
    static final Map<String, Transport> TRANSPORTS = labels(Transport.values(), Transport::label);
    static final Map<String, Transport> PRIMARY_TRANSPORTS = new LinkedHashMap<>(TRANSPORTS);
    static final Map<String, Protocol> PROTOCOLS = labels(Protocol.values(), Protocol::label);

    static {
        // A rule exists to pick a path; "none" only says "no fallback", so it is secondary-only.
        PRIMARY_TRANSPORTS.remove(Transport.NONE.label());
    }

    private final NodeReader r;
    private final Problems problems;
    private final Set<String> siteNames;
    private final List<String> applications;
    private final List<String> categories;
    private final Set<LinkKind> linkKinds;

    RuleReader(NodeReader reader, Set<String> siteNames, List<String> applications, List<String> categories,
            Set<LinkKind> linkKinds) {
        this.r = reader;
        this.problems = reader.problems();
        this.siteNames = siteNames;
        this.applications = applications;
        this.categories = categories;
        this.linkKinds = linkKinds;
    }

    List<NetworkRule> read(Node node) {
        List<Node> items = r.list(node, "rules", "a list of rules, first match wins", true);
        if (items == null) {
            return null;
        }
        List<NetworkRule> rules = new ArrayList<>();
        Map<String, Location> seen = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            Fields f = r.fields(items.get(i), "rules[" + i + "]", "a rule {name, source, destination, ..., primary}",
                    RULE_FIELDS);
            NetworkRule rule = f == null ? null : readRule(f, seen);
            if (rule != null) {
                rules.add(rule);
            }
        }
        return rules;
    }

    private NetworkRule readRule(Fields f, Map<String, Location> seen) {
        String name = r.name(f.required("name", "a rule name"), f.path("name"), "rule name");
        boolean unique = name != null && r.unique(seen, name, f.get("name"), f.path("name"), "rule name");
        Boolean enabled = f.has("enabled") ? r.bool(f.get("enabled"), f.path("enabled")) : Boolean.TRUE;
        List<EndpointMatch> source = endpoints(f.get("source"), f.path("source"));
        List<EndpointMatch> destination = endpoints(f.get("destination"), f.path("destination"));
        Service service = f.has("service") ? service(f.get("service"), f.path("service")) : Service.ANY;
        List<String> apps = references(f.get("applications"), f.path("applications"), "application", applications);
        List<String> cats = references(f.get("categories"), f.path("categories"), "category", categories);
        List<DomainPattern> domains = domains(f.get("domains"), f.path("domains"));
        Transport primary = transport(f.required("primary", NodeReader.oneOf(List.copyOf(PRIMARY_TRANSPORTS.keySet()))),
                f.path("primary"), "primary transport", PRIMARY_TRANSPORTS);
        Transport secondary = f.has("secondary")
                ? transport(f.get("secondary"), f.path("secondary"), "secondary transport", TRANSPORTS)
                : Transport.NONE;
        if (primary != null && secondary != null && secondary != Transport.NONE && secondary == primary) {
            problems.add(f.get("secondary"), f.path("secondary"), "secondary transport " + NodeReader.quote(secondary.label())
                    + " is the primary too (expected: another transport, or none)");
            return null;
        }
        if (!unique || enabled == null || source == null || destination == null || service == null || apps == null
                || cats == null || domains == null || primary == null || secondary == null) {
            return null;
        }
        return new NetworkRule(name, enabled, source, destination, service, apps, cats, domains, primary, secondary,
                f.location());
    }

    /** Absent or {@code any}: one {@link EndpointMatch.Any}, so that printing a rule says "any". */
    private List<EndpointMatch> endpoints(Node node, String path) {
        if (node == null || NodeReader.isWord(node, "any")) {
            return List.of(new EndpointMatch.Any());
        }
        List<Node> items = r.list(node, path, ENDPOINTS_EXPECTED, false);
        if (items == null) {
            return null;
        }
        List<EndpointMatch> matches = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            EndpointMatch match = endpoint(items.get(i), path + "[" + i + "]");
            if (match == null) {
                matches = null;
            } else if (matches != null) {
                matches.add(match);
            }
        }
        return matches;
    }

    private EndpointMatch endpoint(Node node, String path) {
        Fields f = r.fields(node, path, "one of {site: NAME}, {subnet: CIDR}, {host: IP}, {range: IP-IP}",
                ENDPOINT_FIELDS);
        if (f == null) {
            return null;
        }
        List<String> present = ENDPOINT_FIELDS.stream().filter(f::has).toList();
        if (present.size() != 1) {
            if (present.size() > 1 || f.node().getValue().isEmpty()) {
                problems.add(f.location(), path, (present.isEmpty() ? "no criterion" : "criteria " + present)
                        + " in one item (expected: exactly one of site, subnet, host, range per item)");
            }
            return null;
        }
        String kind = present.getFirst();
        Node value = f.get(kind);
        String field = f.path(kind);
        return switch (kind) {
            case "site" -> {
                List<String> known = List.copyOf(siteNames);
                String site = r.name(value, field, "site name");
                if (site != null && !siteNames.contains(site)) {
                    problems.add(value, field, "unknown site " + NodeReader.quote(site) + Suggestions.didYouMean(site, known)
                            + " (expected: " + (known.isEmpty() ? "a site of sites" : NodeReader.oneOf(known)) + ")");
                    yield null;
                }
                yield site == null ? null : new EndpointMatch.SiteRef(site);
            }
            case "subnet" -> r.convert(value, field, "a subnet a.b.c.d/n",
                    t -> new EndpointMatch.Subnet(LabValues.subnet(t)));
            case "host" -> r.convert(value, field, "an address a.b.c.d", t -> new EndpointMatch.Host(LabValues.host(t)));
            default -> r.convert(value, field, "an address range a.b.c.d-e.f.g.h", LabValues::range);
        };
    }

    private Service service(Node node, String path) {
        if (NodeReader.isWord(node, "any")) {
            return Service.ANY;
        }
        Fields f = r.fields(node, path, SERVICE_EXPECTED, SERVICE_FIELDS);
        if (f == null) {
            return null;
        }
        Protocol protocol = r.choice(f.required("protocol", "tcp, udp, icmp or any"), f.path("protocol"), "protocol",
                PROTOCOLS);
        if (!f.has("ports")) {
            return protocol == null ? null : new Service(protocol, List.of());
        }
        List<Node> items = r.list(f.get("ports"), f.path("ports"), "a non-empty list of ports such as [443, 8000-8080]",
                false);
        if (items == null || protocol == null) {
            return null;
        }
        if (!protocol.hasPorts()) {
            problems.add(f.get("ports"), f.path("ports"), "ports with protocol " + protocol
                    + " (expected: protocol tcp or udp, or no ports)");
            return null;
        }
        List<PortRange> ports = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            PortRange range = r.convert(items.get(i), f.path("ports") + "[" + i + "]",
                    "a port 1..65535 or a range such as 8000-8080", LabValues::ports);
            if (range == null) {
                ports = null;
            } else if (ports != null) {
                ports.add(range);
            }
        }
        return ports == null ? null : new Service(protocol, ports);
    }

    /** Names of the catalog (applications or categories); absent means none. */
    private List<String> references(Node node, String path, String what, List<String> known) {
        if (node == null) {
            return List.of();
        }
        List<Node> items = r.list(node, path, "a list of " + what + " names of the catalog", true);
        if (items == null) {
            return null;
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            String field = path + "[" + i + "]";
            String name = r.name(items.get(i), field, what);
            if (name != null && !known.contains(name)) {
                problems.add(items.get(i), field, "unknown " + what + " " + NodeReader.quote(name)
                        + Suggestions.didYouMean(name, known) + " (expected: "
                        + (known.isEmpty() ? "an " + what + " of the applications catalog" : NodeReader.oneOf(known)) + ")");
                name = null;
            }
            if (name == null) {
                names = null;
            } else if (names != null) {
                names.add(name);
            }
        }
        return names;
    }

    private List<DomainPattern> domains(Node node, String path) {
        return node == null ? List.of() : LabFileReader.domains(r, node, path, true);
    }

    /** A transport that travels over a link kind the lab has no link of could never be used. */
    private Transport transport(Node node, String path, String what, Map<String, Transport> choices) {
        Transport transport = r.choice(node, path, what, choices);
        if (transport == null || !transport.isDirect()) {
            return transport;
        }
        for (LinkKind kind : linkKinds) {
            if (kind.transport() == transport) {
                return transport;
            }
        }
        problems.add(node, path, what + " " + NodeReader.quote(transport.label()) + " but links has no "
                + transport.label() + " link (expected: a link of kind " + transport.label() + ", or another transport)");
        return null;
    }

    static <T> Map<String, T> labels(T[] values, Function<T, String> label) {
        Map<String, T> map = new LinkedHashMap<>();
        for (T value : values) {
            map.put(label.apply(value), value);
        }
        return map;
    }
}
