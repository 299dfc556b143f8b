package io.wanlab.core.lint;

import io.wanlab.core.lab.LabFile;
import io.wanlab.core.lab.NetworkRule;
import io.wanlab.core.lab.Site;
import io.wanlab.core.rules.Decision;
import io.wanlab.core.rules.RuleEngine;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * Finds the reset hazard by asking the real {@link RuleEngine}, not a copy of its rules: the
 * addresses of every site are cut into pieces on which every rule's source (or destination) is
 * all in or all out, so one address per piece stands for the whole piece. For each piece pair and
 * each proxied port, a TCP flow whose SYN is undecided at a complex rule C, and which an
 * unidentified (or foreign) application then sends to a simple rule S whose direct link exists,
 * is reset. Unidentified stands for every application that is not C's: the first simple rule
 * after C decides them all alike, unless a complex rule in between claims them (DESIGN 7 (b),
 * not reported here).
 */
final class HazardScan {
    /** Piece pairs times ports evaluated at most; a lab file has a few hundred. */
    static final long MAX_CELLS = 4_000_000;

    /** One hazardous pair (0-based rule indexes) and the traffic in which it resets flows. */
    record Hazard(int complex, int simple, Intervals sources, Intervals destinations, Set<Integer> ports) {}

    private HazardScan() {
    }

    static List<Hazard> scan(LabFile lab, Set<Integer> proxiedPorts, List<String> notes) {
        if (!lab.account().tlsInspection() || proxiedPorts.isEmpty()) {
            return List.of();
        }
        RuleEngine engine = RuleEngine.compile(lab);
        List<long[]> srcPieces = pieces(lab, true);
        List<long[]> dstPieces = pieces(lab, false);
        long cells = (long) srcPieces.size() * dstPieces.size() * proxiedPorts.size();
        if (cells > MAX_CELLS) {
            notes.add("reset hazards not checked: " + cells + " address and port combinations (expected: at most "
                    + MAX_CELLS + ")");
            return List.of();
        }
        Map<List<Integer>, List<long[]>> cellsByPair = new LinkedHashMap<>();
        Set<Integer> ports = new TreeSet<>(proxiedPorts);
        for (long[] sp : srcPieces) {
            Site from = LabFacts.siteOf(lab, sp[0]).orElseThrow();
            for (long[] dp : dstPieces) {
                Site to = LabFacts.siteOf(lab, dp[0]).orElseThrow();
                if (from == to) {
                    continue; // traffic inside a site never reaches its Socket
                }
                for (int port : ports) {
                    int src = (int) sp[0];
                    int dst = (int) dp[0];
                    if (!(engine.evaluateFirst(src, dst, LabFacts.TCP, LabFacts.CLIENT_PORT, port)
                            instanceof Decision.Undecided u)) {
                        continue;
                    }
                    Decision.Decided d = engine.reevaluate(src, dst, LabFacts.TCP, LabFacts.CLIENT_PORT, port, null, null, null);
                    if (d.isDefault() || lab.rules().get(d.ruleIndex()).isComplex()) {
                        continue;
                    }
                    if (!LabFacts.route(lab, from, to, d).isDirect()) {
                        continue; // stays on cato (or has no path at all): no switch, no reset
                    }
                    cellsByPair.computeIfAbsent(List.of(u.ruleIndex(), d.ruleIndex()), k -> new ArrayList<>())
                            .add(new long[] {sp[0], sp[1], dp[0], dp[1], port});
                }
            }
        }
        List<Hazard> out = new ArrayList<>();
        cellsByPair.forEach((pair, list) -> {
            List<long[]> s = new ArrayList<>();
            List<long[]> d = new ArrayList<>();
            Set<Integer> p = new TreeSet<>();
            for (long[] c : list) {
                s.add(new long[] {c[0], c[1]});
                d.add(new long[] {c[2], c[3]});
                p.add((int) c[4]);
            }
            out.add(new Hazard(pair.get(0), pair.get(1), Intervals.of(s), Intervals.of(d), p));
        });
        out.sort((a, b) -> a.complex() != b.complex() ? Integer.compare(a.complex(), b.complex())
                : Integer.compare(a.simple(), b.simple()));
        return out;
    }

    /** The sites' addresses cut at every enabled rule's source (or destination) boundaries. */
    private static List<long[]> pieces(LabFile lab, boolean source) {
        NavigableSet<Long> cuts = new TreeSet<>();
        Intervals sites = Intervals.EMPTY;
        for (Site s : lab.sites()) {
            Intervals si = Intervals.site(s);
            si.addCuts(cuts);
            sites = sites.union(si);
        }
        for (NetworkRule r : lab.rules()) {
            if (r.enabled()) {
                Intervals.endpoints(source ? r.source() : r.destination(), lab).addCuts(cuts);
            }
        }
        return sites.pieces(cuts);
    }

}
