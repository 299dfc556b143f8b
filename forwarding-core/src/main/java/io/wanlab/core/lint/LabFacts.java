package io.wanlab.core.lint;

import io.wanlab.core.appid.ApplicationCatalog;
import io.wanlab.core.lab.Application;
import io.wanlab.core.lab.DomainPattern;
import io.wanlab.core.lab.LabFile;
import io.wanlab.core.lab.LinkKind;
import io.wanlab.core.lab.LinkSpec;
import io.wanlab.core.lab.NetworkRule;
import io.wanlab.core.lab.Site;
import io.wanlab.core.lab.Transport;
import io.wanlab.core.rules.Decision;
import io.wanlab.core.rules.RuleEngine;
import io.wanlab.core.topo.LabAddresses;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What the lint asks of a lab beyond its rules: site hosts, links between Sockets, and server
 * names that do or do not belong to a rule's applications, checked by the real engine and catalog.
 */
final class LabFacts {
    /** A client port for evaluations; the rule model matches destination ports only. */
    static final int CLIENT_PORT = 40000;
    static final int TCP = 6;

    private LabFacts() {
    }

    /** The lab topology's one host per site: offset .10 of the site's first subnet. */
    static int hostAddress(Site site) {
        return LabAddresses.inSubnet(site.subnets().get(0), LabAddresses.HOST_OFFSET).ip();
    }

    static LinkKind linkKind(Transport t) {
        return switch (t) {
            case OFF_CLOUD -> LinkKind.OFF_CLOUD;
            case ALT_WAN -> LinkKind.ALT_WAN;
            default -> LinkKind.CATO;
        };
    }

    /** Whether a link of the transport's kind joins the two sites' Sockets (cato: the source Socket has its tunnel). */
    static boolean hasLink(LabFile lab, Site from, Site to, Transport t) {
        Transport e = RuleEngine.effective(t);
        if (e == Transport.NONE) {
            return false;
        }
        LinkKind kind = linkKind(e);
        for (LinkSpec l : lab.links()) {
            if (l.kind() != kind) {
                continue;
            }
            if (kind == LinkKind.CATO) {
                if (l.from().equals(from.socket()) || l.to().equals(from.socket())) {
                    return true;
                }
            } else if ((l.from().equals(from.socket()) && l.to().equals(to.socket()))
                    || (l.to().equals(from.socket()) && l.from().equals(to.socket()))) {
                return true;
            }
        }
        return false;
    }

    /** The transport a decided flow really takes between two sites, as the Socket routes it, or NONE. */
    static Transport route(LabFile lab, Site from, Site to, Decision.Decided d) {
        if (hasLink(lab, from, to, d.transport())) {
            return RuleEngine.effective(d.transport());
        }
        if (d.secondary() != Transport.NONE && hasLink(lab, from, to, d.secondary())) {
            return RuleEngine.effective(d.secondary());
        }
        return Transport.NONE;
    }

    static String concreteName(DomainPattern d) {
        return d.isWildcard() ? "x." + d.pattern().substring(2) : d.pattern();
    }

    /**
     * Server names a complex rule's traffic would carry, most telling first: a name of each
     * application it names, of each application in its categories, then its own domains.
     */
    static List<String> insideNames(LabFile lab, NetworkRule rule) {
        Set<String> names = new LinkedHashSet<>();
        for (String app : rule.applications()) {
            lab.application(app).ifPresent(a -> a.domains().forEach(d -> names.add(concreteName(d))));
        }
        for (Application a : lab.applications()) {
            if (a.category() != null && rule.categories().contains(a.category())) {
                a.domains().forEach(d -> names.add(concreteName(d)));
            }
        }
        rule.domains().forEach(d -> names.add(concreteName(d)));
        return new ArrayList<>(names);
    }

    /** A name under the site that no application and no rule domain matches: unidentified traffic. */
    static String outsideName(LabFile lab, String siteName) {
        String label = siteName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]+", "-").replaceAll("^-+|-+$", "");
        label = label.isEmpty() ? "site" : label;
        for (int n = 0; ; n++) {
            String name = (n == 0 ? "other." : "other" + n + ".") + label + ".lab";
            if (!claimed(lab, name)) {
                return name;
            }
        }
    }

    static boolean claimed(LabFile lab, String name) {
        if (new ApplicationCatalog(lab.applications()).lookup(name) != null) {
            return true;
        }
        for (NetworkRule r : lab.rules()) {
            for (DomainPattern d : r.domains()) {
                if (d.matches(name)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The decision once a flow with this server name is identified, as the Socket does it. */
    static Decision.Decided afterIdentification(RuleEngine engine, ApplicationCatalog catalog, int src, int dst, int port,
            String serverName) {
        Application app = serverName == null ? null : catalog.lookup(serverName);
        return engine.reevaluate(src, dst, TCP, CLIENT_PORT, port, app == null ? null : app.name(),
                app == null ? null : app.category(), serverName);
    }

    static Optional<Site> siteOf(LabFile lab, long address) {
        return lab.siteOf((int) address);
    }
}
