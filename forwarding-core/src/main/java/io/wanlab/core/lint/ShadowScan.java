package io.wanlab.core.lint;

import io.wanlab.core.appid.ApplicationCatalog;
import io.wanlab.core.lab.LabFile;
import io.wanlab.core.lab.NetworkRule;
import io.wanlab.core.lab.Protocol;
import io.wanlab.core.rules.Decision;
import io.wanlab.core.rules.RuleEngine;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableSet;
import java.util.TreeSet;

/**
 * Finds enabled rules that never decide a flow. As in {@link HazardScan}, a rule's own traffic is
 * cut into pieces on which every earlier rule is all in or all out, and the real engine is asked
 * about one flow per piece: on the first packet, and, when that is undecided, after
 * identification as unidentified traffic and as each of the rule's own applications. A rule no
 * piece reaches is shadowed. Claiming "never" only with a witness per piece keeps it conservative:
 * a server name the lint did not try could only make a shadowed rule reachable, never the reverse
 * for the names it tried, so a rule it calls shadowed is shadowed for those names.
 */
final class ShadowScan {
    static final long MAX_CELLS_PER_RULE = 1_000_000;
    /** Protocols that stand for all: TCP and UDP with ports, ICMP and one without ports (GRE). */
    private static final int[] ANY_PROTOCOLS = {1, 6, 17, 47};

    private ShadowScan() {
    }

    static List<Finding> scan(LabFile lab, List<String> notes) {
        RuleEngine engine = RuleEngine.compile(lab);
        ApplicationCatalog catalog = new ApplicationCatalog(lab.applications());
        List<Finding> out = new ArrayList<>();
        for (int i = 0; i < lab.rules().size(); i++) {
            NetworkRule rule = lab.rules().get(i);
            if (!rule.enabled()) {
                continue;
            }
            TreeSet<Integer> coverers = new TreeSet<>();
            Boolean reachable = reachable(lab, engine, catalog, i, coverers, notes);
            if (reachable == null || reachable) {
                continue;
            }
            List<RuleRef> refs = new ArrayList<>();
            refs.add(RuleRef.at(lab, i));
            coverers.forEach(c -> refs.add(RuleRef.at(lab, c)));
            String by = String.join(" and ", refs.subList(1, refs.size()).stream().map(RuleRef::toString).toList());
            out.add(new Finding(FindingKind.SHADOWED, refs,
                    refs.get(0) + " never decides a flow: " + (by.isEmpty() ? "earlier rules" : by) + " take all of its traffic"
                            + (rule.isComplex() ? ", applications included" : "") + ".",
                    List.of(), null,
                    "delete " + refs.get(0) + ", or move it above " + (by.isEmpty() ? "them" : by) + " if it should win."));
        }
        return out;
    }

    /** Whether some flow reaches rule {@code i}; null when there were too many pieces to try. */
    private static Boolean reachable(LabFile lab, RuleEngine engine, ApplicationCatalog catalog, int i,
            TreeSet<Integer> coverers, List<String> notes) {
        NetworkRule rule = lab.rules().get(i);
        NavigableSet<Long> srcCuts = new TreeSet<>();
        NavigableSet<Long> dstCuts = new TreeSet<>();
        NavigableSet<Long> portCuts = new TreeSet<>();
        for (int k = 0; k < i; k++) {
            NetworkRule r = lab.rules().get(k);
            if (r.enabled()) {
                Intervals.endpoints(r.source(), lab).addCuts(srcCuts);
                Intervals.endpoints(r.destination(), lab).addCuts(dstCuts);
                portsOf(r).addCuts(portCuts);
            }
        }
        List<long[]> srcs = Intervals.endpoints(rule.source(), lab).pieces(srcCuts);
        List<long[]> dsts = Intervals.endpoints(rule.destination(), lab).pieces(dstCuts);
        List<long[]> ports = portsOf(rule).pieces(portCuts);
        int[] protocols = rule.service().protocol() == Protocol.ANY ? ANY_PROTOCOLS
                : new int[] {rule.service().protocol().number()};
        long cells = (long) srcs.size() * dsts.size() * (ports.size() + 1) * protocols.length;
        if (cells > MAX_CELLS_PER_RULE) {
            notes.add(RuleRef.at(lab, i) + " not checked for shadowing: " + cells + " combinations (expected: at most "
                    + MAX_CELLS_PER_RULE + ")");
            return null;
        }
        List<String> names = new ArrayList<>();
        names.add(null);
        if (rule.isComplex()) {
            names.addAll(LabFacts.insideNames(lab, rule));
        }
        for (long[] s : srcs) {
            for (long[] d : dsts) {
                for (int p : protocols) {
                    boolean withPorts = p == 6 || p == 17;
                    for (long[] port : withPorts ? ports : List.of(new long[] {0, 0})) {
                        if (reaches(lab, engine, catalog, i, (int) s[0], (int) d[0], p, (int) port[0], names, coverers)) {
                            return true;
                        }
                    }
                }
            }
        }
        return false;
    }

    private static boolean reaches(LabFile lab, RuleEngine engine, ApplicationCatalog catalog, int i, int src, int dst,
            int proto, int port, List<String> names, TreeSet<Integer> coverers) {
        Decision first = engine.evaluateFirst(src, dst, proto, LabFacts.CLIENT_PORT, port);
        if (first.ruleIndex() == i) {
            return true;
        }
        if (first instanceof Decision.Decided) {
            coverers.add(first.ruleIndex());
            return false;
        }
        for (String name : proto == LabFacts.TCP ? names : names.subList(0, 1)) {
            Decision.Decided after = name == null
                    ? engine.reevaluate(src, dst, proto, LabFacts.CLIENT_PORT, port, null, null, null)
                    : LabFacts.afterIdentification(engine, catalog, src, dst, port, name);
            if (after.ruleIndex() == i) {
                return true;
            }
            if (!after.isDefault() && after.ruleIndex() < i) {
                coverers.add(after.ruleIndex());
            }
        }
        coverers.add(first.ruleIndex());
        return false;
    }

    /** Ports as the engine compares them: any port when the rule lists none. */
    private static Intervals portsOf(NetworkRule r) {
        if (r.service().ports().isEmpty()) {
            return Intervals.ALL_PORTS;
        }
        List<long[]> l = new ArrayList<>();
        r.service().ports().forEach(p -> l.add(new long[] {p.first(), p.last()}));
        return Intervals.of(l);
    }
}
