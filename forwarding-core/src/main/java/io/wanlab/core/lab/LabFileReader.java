package io.wanlab.core.lab;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Turns a composed YAML document into a {@link LabFile}. Sections are read in dependency order
 * (sites, links, applications, rules) whatever order the file writes them in, so that every
 * reference can be checked. Problems go to the reader's collector; the result is only meaningful
 * when none were reported.
 */
final class LabFileReader {
    static final List<String> TOP_FIELDS = List.of("name", "account", "sites", "links", "applications", "rules",
            "identification", "keepalive");
    static final List<String> ACCOUNT_FIELDS = List.of("tlsInspection");
    static final List<String> IDENTIFICATION_FIELDS = List.of("maxPackets", "maxBytes");
    static final List<String> APPLICATION_FIELDS = List.of("name", "category", "domains");

    private LabFileReader() {
    }

    static LabFile read(NodeReader r, Node root) {
        Fields top = r.fields(root, "", "a mapping with " + String.join(", ", TOP_FIELDS), TOP_FIELDS);
        if (top == null) {
            return null;
        }
        String name = r.name(top.required("name", "a lab name"), "name", "lab name");
        Account account = account(r, top.required("account", "{tlsInspection: true|false}"));
        TopologyReader topology = new TopologyReader(r);
        if (top.has("keepalive")) {
            // Every link's, unless the link says otherwise; read before the links, whatever the file's order.
            topology.labKeepalive(top.get("keepalive"));
        }
        topology.readSites(top.required("sites", "a non-empty list of sites"));
        topology.readLinks(top.required("links", "a list of links, with a cato link per site"));
        List<Application> applications = new ArrayList<>();
        List<String> appNames = new ArrayList<>();
        Set<String> categories = new LinkedHashSet<>();
        readApplications(r, top.get("applications"), applications, appNames, categories);
        RuleReader rules = new RuleReader(r, topology.siteNames(), appNames, List.copyOf(categories),
                topology.linkKinds());
        List<NetworkRule> ruleList = rules.read(top.required("rules", "a list of rules ([] for none)"));
        IdentificationLimits limits = identification(r, top.get("identification"));
        if (!r.problems().isEmpty() || name == null || account == null || ruleList == null || limits == null) {
            return null;
        }
        return new LabFile(name, topology.sites(), topology.links(), account, applications, ruleList, limits);
    }

    private static Account account(NodeReader r, Node node) {
        Fields f = r.fields(node, "account", "{tlsInspection: true|false}", ACCOUNT_FIELDS);
        if (f == null) {
            return null;
        }
        Boolean tls = r.bool(f.required("tlsInspection", "true or false"), f.path("tlsInspection"));
        return tls == null ? null : new Account(tls);
    }

    /** Absent means the defaults; each bound is optional and defaults on its own. */
    private static IdentificationLimits identification(NodeReader r, Node node) {
        if (node == null) {
            return IdentificationLimits.DEFAULTS;
        }
        String expected = "{maxPackets: N, maxBytes: M}";
        Fields f = r.fields(node, "identification", expected, IDENTIFICATION_FIELDS);
        if (f == null) {
            return null;
        }
        Integer packets = f.has("maxPackets") ? r.convert(f.get("maxPackets"), f.path("maxPackets"),
                "a number of packets", t -> bound(t, "maxPackets", IdentificationLimits.MIN_PACKETS,
                        IdentificationLimits.MAX_PACKETS)) : IdentificationLimits.DEFAULT_MAX_PACKETS;
        Integer bytes = f.has("maxBytes") ? r.convert(f.get("maxBytes"), f.path("maxBytes"),
                "a number of bytes", t -> bound(t, "maxBytes", IdentificationLimits.MIN_BYTES,
                        IdentificationLimits.MAX_BYTES)) : IdentificationLimits.DEFAULT_MAX_BYTES;
        return packets == null || bytes == null ? null : new IdentificationLimits(packets, bytes);
    }

    private static int bound(String text, String what, int min, int max) {
        if (!text.matches("[0-9]{1,9}")) {
            throw new IllegalArgumentException(what + ": " + NodeReader.quote(text) + " (expected: a whole number "
                    + min + ".." + max + ")");
        }
        int value = Integer.parseInt(text);
        if (value < min || value > max) {
            throw new IllegalArgumentException(what + ": " + value + " (expected: " + min + ".." + max + ")");
        }
        return value;
    }

    /** Fills the catalog; names and categories of faulty entries still count, to avoid echo problems. */
    private static void readApplications(NodeReader r, Node node, List<Application> applications,
            List<String> names, Set<String> categories) {
        if (node == null) {
            return;
        }
        List<Node> items = r.list(node, "applications", "a list of applications {name, category, domains}", true);
        if (items == null) {
            return;
        }
        Map<String, Location> seen = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            Fields f = r.fields(items.get(i), "applications[" + i + "]", "an application {name, category, domains}",
                    APPLICATION_FIELDS);
            if (f == null) {
                continue;
            }
            String name = r.name(f.required("name", "an application name such as crm"), f.path("name"),
                    "application name");
            boolean unique = name != null && r.unique(seen, name, f.get("name"), f.path("name"), "application name");
            if (unique) {
                names.add(name);
            }
            String category = f.has("category") ? r.name(f.get("category"), f.path("category"), "category") : null;
            if (category != null) {
                categories.add(category);
            }
            List<DomainPattern> domains = domains(r, f.required("domains", "a list such as [crm.example, *.crm.example]"),
                    f.path("domains"), false);
            boolean categoryOk = !f.has("category") || category != null;
            if (unique && categoryOk && domains != null) {
                applications.add(new Application(name, category, domains, f.location()));
            }
        }
    }

    static List<DomainPattern> domains(NodeReader r, Node node, String path, boolean allowEmpty) {
        String expected = "a list of names or wildcards such as [crm.example, *.crm.example]";
        List<Node> items = r.list(node, path, expected, allowEmpty);
        if (items == null) {
            return null;
        }
        List<DomainPattern> domains = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            DomainPattern d = r.convert(items.get(i), path + "[" + i + "]", "a name or *.suffix", LabValues::domain);
            if (d == null) {
                domains = null;
            } else if (domains != null) {
                domains.add(d);
            }
        }
        return domains;
    }
}
