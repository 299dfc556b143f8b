package io.wanlab.core.lint;

import io.wanlab.core.lab.LabFile;
import io.wanlab.core.lab.NetworkRule;
import java.util.ArrayList;
import java.util.List;

/** Turns a hazardous pair into sentences a network engineer reads: what breaks, what does not, the fix. */
final class HazardText {
    private HazardText() {
    }

    static Finding finding(LabFile lab, HazardScan.Hazard h, List<HazardScan.Hazard> all) {
        NetworkRule c = lab.rules().get(h.complex());
        NetworkRule s = lab.rules().get(h.simple());
        RuleRef cr = RuleRef.at(lab, h.complex());
        RuleRef sr = RuleRef.at(lab, h.simple());
        Intervals overlapPorts = Intervals.tcpPorts(c.service()).intersect(Intervals.tcpPorts(s.service()));
        List<String> sources = h.sources().addressText(lab);
        List<String> destinations = h.destinations().addressText(lab);
        int port = h.ports().iterator().next();
        List<List<String>> apps = LabLint.splitApplications(lab, h.complex(), h.simple(),
                (int) h.sources().ranges().get(0)[0], (int) h.destinations().ranges().get(0)[0], port);
        String proxied = ports(h.ports());
        String from = String.join(", ", sources);
        String to = String.join(", ", destinations);
        String what = what(c);
        String summary = cr + " (complex: " + what + ") sits above " + sr + " (simple, " + s.primary() + ") and both match TCP from "
                + from + " to " + to + " on " + String.join(", ", overlapPorts.portText()) + "; on " + proxied
                + ", which the PoP proxies, connections whose application is not " + what + " are reset during the TLS handshake.";
        List<String> details = new ArrayList<>();
        details.add("With TLS inspection on, a SYN to " + proxied + " cannot be decided at " + cr
                + ", so it goes to the PoP over cato and the PoP's proxy completes the handshake itself; the ClientHello then"
                + " names an application that is not " + what + ", " + sr + " switches the flow to " + s.primary()
                + ", and the server, which never saw the SYN, answers with a reset.");
        details.add("Breaks: TCP to " + proxied + " from " + from + " to " + to + " for " + String.join(", ", apps.get(0)) + ".");
        Intervals others = overlapPorts.minus(portSet(h));
        details.add("Unaffected: " + (apps.get(1).isEmpty() ? "" : String.join(", ", apps.get(1)) + " (decided by its own rule); ")
                + (others.isEmpty() ? "" : "TCP on " + String.join(", ", others.portText())
                        + " (not proxied: the SYN reaches the server through the PoP and the later switch keeps the connection); ")
                + "UDP and ICMP (decided without a TCP proxy).");
        int target = all.stream().filter(x -> x.simple() == h.simple()).mapToInt(HazardScan.Hazard::complex).min().orElseThrow();
        String fix = "move " + sr + " just above " + RuleRef.at(lab, target) + " (wanlab check --write-fix); then " + what
                + " traffic from " + from + " to " + to + " also takes " + s.primary() + " instead of " + c.primary()
                + ". Or, not recommended: turn TLS inspection off (the PoP then stops proxying, so nothing is inspected).";
        Traffic traffic = new Traffic(sources, destinations, "tcp", overlapPorts.portText(), List.copyOf(h.ports()),
                apps.get(0), apps.get(1));
        return new Finding(FindingKind.RESET_HAZARD, List.of(cr, sr), summary, details, traffic, fix);
    }

    private static Intervals portSet(HazardScan.Hazard h) {
        List<long[]> l = new ArrayList<>();
        h.ports().forEach(p -> l.add(new long[] {p, p}));
        return Intervals.of(l);
    }

    private static String ports(java.util.Set<Integer> ports) {
        return (ports.size() == 1 ? "port " : "ports ") + String.join(", ", ports.stream().map(String::valueOf).toList());
    }

    /** The complex rule's payload criteria in words: "application crm", "category business", ... */
    static String what(NetworkRule c) {
        List<String> parts = new ArrayList<>();
        if (!c.applications().isEmpty()) {
            parts.add((c.applications().size() == 1 ? "application " : "applications ") + String.join(", ", c.applications()));
        }
        if (!c.categories().isEmpty()) {
            parts.add((c.categories().size() == 1 ? "category " : "categories ") + String.join(", ", c.categories()));
        }
        if (!c.domains().isEmpty()) {
            parts.add((c.domains().size() == 1 ? "domain " : "domains ")
                    + String.join(", ", c.domains().stream().map(Object::toString).toList()));
        }
        return String.join(" or ", parts);
    }
}
