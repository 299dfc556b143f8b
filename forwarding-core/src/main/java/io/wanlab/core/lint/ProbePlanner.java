package io.wanlab.core.lint;

import static java.util.Objects.requireNonNull;

import io.wanlab.core.appid.ApplicationCatalog;
import io.wanlab.core.lab.Account;
import io.wanlab.core.lab.LabFile;
import io.wanlab.core.lab.NetworkRule;
import io.wanlab.core.lab.Protocol;
import io.wanlab.core.lab.Site;
import io.wanlab.core.rules.Decision;
import io.wanlab.core.rules.RuleEngine;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Turns findings and rules into connections the live lab can make. The live lab has exactly one
 * host per site (offset .10 of its first subnet) and a TLS server stub on each, so a probe uses
 * those addresses or is not built, with the reason recorded.
 */
public final class ProbePlanner {
    private ProbePlanner() {
    }

    public static List<Probe> probes(LabFile lab) {
        return plan(lab, Account.DEFAULT_PROXIED_PORTS).probes();
    }

    public static ProbePlan plan(LabFile lab, Set<Integer> proxiedPorts) {
        requireNonNull(lab, "lab");
        Set<Integer> ports = LabLint.checkPorts(proxiedPorts);
        RuleEngine engine = RuleEngine.compile(lab);
        ApplicationCatalog catalog = new ApplicationCatalog(lab.applications());
        List<Probe> probes = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (HazardScan.Hazard h : HazardScan.scan(lab, ports, new ArrayList<>())) {
            hazardProbes(lab, engine, catalog, h, probes, skipped);
        }
        for (int i = 0; i < lab.rules().size(); i++) {
            NetworkRule r = lab.rules().get(i);
            if (r.enabled() && !Intervals.tcpPorts(r.service()).isEmpty()) {
                ruleProbe(lab, engine, catalog, i, probes, skipped);
            }
        }
        List<Probe> unique = new ArrayList<>();
        for (Probe p : probes) {
            if (unique.stream().noneMatch(p::sameConnection)) {
                unique.add(p);
            }
        }
        return new ProbePlan(unique, skipped);
    }

    private static void hazardProbes(LabFile lab, RuleEngine engine, ApplicationCatalog catalog, HazardScan.Hazard h,
            List<Probe> probes, List<String> skipped) {
        RuleRef c = RuleRef.at(lab, h.complex());
        RuleRef s = RuleRef.at(lab, h.simple());
        String label = "reset hazard " + c + " above " + s;
        int port = h.ports().contains(443) ? 443 : h.ports().iterator().next();
        for (Site from : lab.sites()) {
            for (Site to : lab.sites()) {
                int src = LabFacts.hostAddress(from);
                int dst = LabFacts.hostAddress(to);
                if (from == to || !resets(lab, engine, h, from, to, port)) {
                    continue;
                }
                String outside = LabFacts.outsideName(lab, to.name());
                probes.add(new Probe(label + ": application outside", ProbeKind.FINDING, from.name(), src, to.name(), dst,
                        Protocol.TCP, port, outside, false, List.of(c, s)));
                String inside = insideName(lab, engine, catalog, h.complex(), src, dst, port);
                if (inside == null) {
                    skipped.add(label + ": no server name of " + c + "'s applications is decided by it from " + from.name()
                            + " to " + to.name() + " (no inside probe)");
                } else {
                    probes.add(new Probe(label + ": application inside", ProbeKind.FINDING, from.name(), src, to.name(), dst,
                            Protocol.TCP, port, inside, true, List.of(c, s)));
                }
                return;
            }
        }
        skipped.add(label + ": no site host (offset ." + io.wanlab.core.topo.LabAddresses.HOST_OFFSET
                + " of a site's first subnet) is in the traffic at risk (from " + String.join(", ", h.sources().addressText(lab))
                + " to " + String.join(", ", h.destinations().addressText(lab)) + ")");
    }

    /** Whether the hosts of two sites are in the hazard: undecided at its complex rule, then its simple rule, direct. */
    private static boolean resets(LabFile lab, RuleEngine engine, HazardScan.Hazard h, Site from, Site to, int port) {
        int src = LabFacts.hostAddress(from);
        int dst = LabFacts.hostAddress(to);
        Decision first = engine.evaluateFirst(src, dst, LabFacts.TCP, LabFacts.CLIENT_PORT, port);
        if (!(first instanceof Decision.Undecided) || first.ruleIndex() != h.complex()) {
            return false;
        }
        Decision.Decided after = engine.reevaluate(src, dst, LabFacts.TCP, LabFacts.CLIENT_PORT, port, null, null, null);
        return after.ruleIndex() == h.simple() && LabFacts.route(lab, from, to, after).isDirect();
    }

    private static String insideName(LabFile lab, RuleEngine engine, ApplicationCatalog catalog, int rule, int src, int dst,
            int port) {
        for (String name : LabFacts.insideNames(lab, lab.rules().get(rule))) {
            if (LabFacts.afterIdentification(engine, catalog, src, dst, port, name).ruleIndex() == rule) {
                return name;
            }
        }
        return null;
    }

    private static void ruleProbe(LabFile lab, RuleEngine engine, ApplicationCatalog catalog, int i, List<Probe> probes,
            List<String> skipped) {
        NetworkRule r = lab.rules().get(i);
        RuleRef ref = RuleRef.at(lab, i);
        Intervals tcp = Intervals.tcpPorts(r.service());
        int port = tcp.contains(443) ? 443 : (int) Math.max(1, tcp.ranges().get(0)[0]);
        Intervals src = Intervals.endpoints(r.source(), lab);
        Intervals dst = Intervals.endpoints(r.destination(), lab);
        for (Site from : lab.sites()) {
            for (Site to : lab.sites()) {
                int a = LabFacts.hostAddress(from);
                int b = LabFacts.hostAddress(to);
                if (from == to || !src.contains(Intervals.unsigned(a)) || !dst.contains(Intervals.unsigned(b))) {
                    continue;
                }
                String sni = r.isComplex() ? insideName(lab, engine, catalog, i, a, b, port) : null;
                boolean inside = sni != null;
                if (sni == null) {
                    sni = LabFacts.outsideName(lab, to.name());
                }
                probes.add(new Probe("rule " + ref, ProbeKind.RULE, from.name(), a, to.name(), b, Protocol.TCP, port, sni,
                        inside, List.of(ref)));
                return;
            }
        }
        skipped.add("rule " + ref + ": no pair of site hosts (offset ." + io.wanlab.core.topo.LabAddresses.HOST_OFFSET
                + " of each site's first subnet) in its source and destination");
    }
}
