package io.wanlab.core.rules;

import io.wanlab.core.lab.Application;
import io.wanlab.core.lab.DomainPattern;
import io.wanlab.core.lab.EndpointMatch;
import io.wanlab.core.lab.LabFile;
import io.wanlab.core.lab.NetworkRule;
import io.wanlab.core.lab.PortRange;
import io.wanlab.core.lab.Site;
import io.wanlab.core.net.Ipv4Prefix;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One enabled rule flattened into primitive arrays: address criteria as inclusive unsigned
 * ranges (sites expanded to their subnets), ports as ranges. {@code null} arrays mean "any".
 */
final class CompiledRule {
    final int index;
    final NetworkRule rule;
    /** Pairs (first, last) of unsigned address ranges; null = any. */
    final int[] src;
    final int[] dst;
    /** IP protocol number or -1 for any. */
    final int protocol;
    /** Pairs (first, last) of destination ports; null = any. */
    final int[] ports;
    final boolean complex;
    /** Payload criteria, matched as one OR-list like the vendor's App/Category field. */
    final String[] applications;
    final String[] categories;
    /** Exact names, lowercased. */
    final String[] exactDomains;
    /** Wildcard suffixes with the leading dot (".example.com"), lowercased. */
    final String[] domainSuffixes;
    final Decision.Decided decided;
    final Decision.Undecided undecided;

    CompiledRule(int index, NetworkRule rule, LabFile lab) {
        this.index = index;
        this.rule = rule;
        this.src = ranges(rule.source(), lab, "source", rule);
        this.dst = ranges(rule.destination(), lab, "destination", rule);
        this.protocol = rule.service().protocol().number();
        List<PortRange> portList = rule.service().ports();
        if (portList.isEmpty()) {
            this.ports = null;
        } else {
            int[] p = new int[portList.size() * 2];
            for (int i = 0; i < portList.size(); i++) {
                p[2 * i] = portList.get(i).first();
                p[2 * i + 1] = portList.get(i).last();
            }
            this.ports = p;
        }
        this.complex = rule.isComplex();
        this.applications = rule.applications().toArray(String[]::new);
        Set<String> cats = new LinkedHashSet<>(rule.categories());
        this.categories = cats.toArray(String[]::new);
        List<String> exact = new ArrayList<>();
        List<String> suffixes = new ArrayList<>();
        for (DomainPattern d : rule.domains()) {
            if (d.isWildcard()) {
                suffixes.add(d.pattern().substring(1));
            } else {
                exact.add(d.pattern());
            }
        }
        this.exactDomains = exact.toArray(String[]::new);
        this.domainSuffixes = suffixes.toArray(String[]::new);
        this.decided = new Decision.Decided(index, rule.name(), rule.primary(), rule.secondary());
        this.undecided = complex ? new Decision.Undecided(index, rule.name()) : null;
    }

    private static int[] ranges(List<EndpointMatch> matches, LabFile lab, String field, NetworkRule rule) {
        if (matches.isEmpty()) {
            return null;
        }
        List<int[]> out = new ArrayList<>();
        for (EndpointMatch m : matches) {
            switch (m) {
                case EndpointMatch.Any any -> {
                    return null;
                }
                case EndpointMatch.SiteRef ref -> {
                    Site site = lab.site(ref.site()).orElseThrow(() -> new IllegalArgumentException(
                            "rule '" + rule.name() + "' " + field + ": site '" + ref.site()
                                    + "' (expected: one of the lab's sites)"));
                    for (Ipv4Prefix p : site.subnets()) {
                        out.add(new int[] {p.first(), p.last()});
                    }
                }
                case EndpointMatch.Subnet s -> {
                    if (s.prefix().length() == 0) {
                        return null;
                    }
                    out.add(new int[] {s.prefix().first(), s.prefix().last()});
                }
                case EndpointMatch.Host h -> out.add(new int[] {h.address(), h.address()});
                case EndpointMatch.IpRange r -> out.add(new int[] {r.first(), r.last()});
            }
        }
        int[] flat = new int[out.size() * 2];
        for (int i = 0; i < out.size(); i++) {
            flat[2 * i] = out.get(i)[0];
            flat[2 * i + 1] = out.get(i)[1];
        }
        return flat;
    }

    static boolean inRanges(int[] ranges, int value) {
        if (ranges == null) {
            return true;
        }
        for (int i = 0; i < ranges.length; i += 2) {
            if (Integer.compareUnsigned(value, ranges[i]) >= 0 && Integer.compareUnsigned(value, ranges[i + 1]) <= 0) {
                return true;
            }
        }
        return false;
    }

    static boolean inPorts(int[] ports, int value) {
        if (ports == null) {
            return true;
        }
        for (int i = 0; i < ports.length; i += 2) {
            if (value >= ports[i] && value <= ports[i + 1]) {
                return true;
            }
        }
        return false;
    }

    /** The rule's L3/L4 part: source, destination, protocol and destination port. */
    boolean matchesL34(int srcIp, int dstIp, int ipProtocol, int dstPort) {
        if (protocol >= 0 && protocol != ipProtocol) {
            return false;
        }
        if (ports != null && ((ipProtocol != 6 && ipProtocol != 17) || !inPorts(ports, dstPort))) {
            return false;
        }
        return inRanges(dst, dstIp) && inRanges(src, srcIp);
    }

    /** The payload part, for a complex rule: application, category or domain (any one). */
    boolean matchesPayload(String application, String category, String serverName) {
        if (application != null) {
            for (String a : applications) {
                if (a.equals(application)) {
                    return true;
                }
            }
        }
        if (category != null) {
            for (String c : categories) {
                if (c.equals(category)) {
                    return true;
                }
            }
        }
        if (serverName != null) {
            for (String d : exactDomains) {
                if (d.equals(serverName)) {
                    return true;
                }
            }
            for (String s : domainSuffixes) {
                if (serverName.length() > s.length() && serverName.endsWith(s)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Lowercases a server name once, before re-evaluation, so matching itself never allocates. */
    static String normalizeServerName(String serverName) {
        if (serverName == null) {
            return null;
        }
        String n = serverName.toLowerCase(Locale.ROOT);
        return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
    }

    static String applicationCategory(LabFile lab, String application) {
        for (Application a : lab.applications()) {
            if (a.name().equals(application)) {
                return a.category();
            }
        }
        return null;
    }
}
