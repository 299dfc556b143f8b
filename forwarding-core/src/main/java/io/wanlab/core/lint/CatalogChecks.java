package io.wanlab.core.lint;

import io.wanlab.core.lab.Application;
import io.wanlab.core.lab.DomainPattern;
import io.wanlab.core.lab.LabFile;
import io.wanlab.core.lab.NetworkRule;
import io.wanlab.core.lab.Site;
import io.wanlab.core.lab.Transport;
import java.util.ArrayList;
import java.util.List;

/** The checks that need no flow: domains two applications claim, and direct transports with no link. */
final class CatalogChecks {
    private CatalogChecks() {
    }

    /** Every pair of applications with overlapping domains; the catalog gives such a name to the earlier one. */
    static List<Finding> domainConflicts(LabFile lab) {
        List<Finding> out = new ArrayList<>();
        List<Application> apps = lab.applications();
        for (int i = 0; i < apps.size(); i++) {
            for (int j = i + 1; j < apps.size(); j++) {
                for (DomainPattern a : apps.get(i).domains()) {
                    for (DomainPattern b : apps.get(j).domains()) {
                        String shared = overlap(a, b);
                        if (shared == null) {
                            continue;
                        }
                        Application first = apps.get(i);
                        Application second = apps.get(j);
                        out.add(new Finding(FindingKind.DOMAIN_CONFLICT, List.of(),
                                "applications " + first.name() + " (" + a + ") and " + second.name() + " (" + b
                                        + ") both claim " + shared + "; " + first.name()
                                        + " is listed first and wins it, so rules naming " + second.name()
                                        + " never see that traffic.",
                                List.of("catalog entries at " + first.location() + " and " + second.location() + "."), null,
                                "give the names to one application only."));
                    }
                }
            }
        }
        return out;
    }

    /** What two patterns both match, in words, or null. */
    static String overlap(DomainPattern a, DomainPattern b) {
        if (!a.isWildcard() && !b.isWildcard()) {
            return a.pattern().equals(b.pattern()) ? a.pattern() : null;
        }
        if (a.isWildcard() && !b.isWildcard()) {
            return a.matches(b.pattern()) ? b.pattern() : null;
        }
        if (!a.isWildcard()) {
            return b.matches(a.pattern()) ? a.pattern() : null;
        }
        String sa = a.pattern().substring(1);
        String sb = b.pattern().substring(1);
        if (sa.equals(sb) || sa.endsWith(sb)) {
            return "every name matching " + a;
        }
        return sb.endsWith(sa) ? "every name matching " + b : null;
    }

    /** Rules whose direct primary or secondary has no link between some source site's and destination site's Sockets. */
    static List<Finding> missingLinks(LabFile lab) {
        List<Finding> out = new ArrayList<>();
        for (int i = 0; i < lab.rules().size(); i++) {
            NetworkRule r = lab.rules().get(i);
            if (!r.enabled()) {
                continue;
            }
            Intervals src = Intervals.endpoints(r.source(), lab);
            Intervals dst = Intervals.endpoints(r.destination(), lab);
            for (Transport t : List.of(r.primary(), r.secondary())) {
                if (!t.isDirect()) {
                    continue;
                }
                List<String> pairs = new ArrayList<>();
                for (Site from : lab.sites()) {
                    if (src.intersect(Intervals.site(from)).isEmpty()) {
                        continue;
                    }
                    for (Site to : lab.sites()) {
                        if (to != from && !dst.intersect(Intervals.site(to)).isEmpty() && !LabFacts.hasLink(lab, from, to, t)) {
                            pairs.add(from.name() + " (" + from.socket() + ") to " + to.name() + " (" + to.socket() + ")");
                        }
                    }
                }
                if (pairs.isEmpty()) {
                    continue;
                }
                RuleRef ref = RuleRef.at(lab, i);
                String role = t == r.primary() ? "primary" : "secondary";
                out.add(new Finding(FindingKind.NO_LINK, List.of(ref),
                        ref + " sends traffic " + t + " (" + role + "), but no " + t + " link joins " + String.join(", ", pairs)
                                + ": that traffic " + (t == r.primary() && r.secondary() != Transport.NONE
                                        ? "falls back to " + r.secondary() + "." : "has no path."),
                        List.of(), null, "add a " + t + " link between those Sockets, or narrow the rule."));
            }
        }
        return out;
    }
}
