package io.wanlab.core.rules;

import static java.util.Objects.requireNonNull;

import io.wanlab.core.lab.LabFile;
import io.wanlab.core.lab.NetworkRule;
import io.wanlab.core.lab.Transport;
import java.util.ArrayList;
import java.util.List;

/**
 * The Socket's slow path (DESIGN 4.1): the rulebase compiled once, evaluated on a flow's first
 * packet and again once its application is known.
 *
 * <p>First match wins. On the first packet, rules whose L3/L4 criteria do not match are skipped;
 * the first that matches decides if it is simple, or leaves the flow {@link Decision.Undecided}
 * if it is complex. After identification, a complex rule matches only if its payload criteria
 * match too. No rule matching means the implicit default: cato.
 *
 * <p>Evaluation is not a linear scan. Each rule is indexed under one dimension, the one where
 * its criterion is narrowest (destination, source or destination port); rules with no usable
 * criterion sit in one "any" list. A packet's candidates are the rules listed for its value in
 * each dimension plus the any list, merged in rule order and checked in full: a superset of
 * the matching rules, usually a handful. Evaluation allocates nothing and the engine is
 * immutable, so any thread may share one instance.
 */
public final class RuleEngine {
    /** Explanations list at most this many skipped rules, then summarise the rest. */
    static final int EXPLAIN_LIMIT = 32;

    private final LabFile lab;
    private final CompiledRule[] rules;
    private final DimensionIndex byDestination;
    private final DimensionIndex bySource;
    private final DimensionIndex byPort;
    /** Rules no dimension indexes: candidates for every packet. */
    private final int[] anyRules;
    private final Decision.Decided defaultDecision =
            new Decision.Decided(Decision.DEFAULT_RULE, "default", Transport.CATO, Transport.NONE);

    private RuleEngine(LabFile lab) {
        this.lab = lab;
        List<CompiledRule> compiled = new ArrayList<>();
        List<NetworkRule> all = lab.rules();
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).enabled()) {
                compiled.add(new CompiledRule(i, all.get(i), lab));
            }
        }
        this.rules = compiled.toArray(CompiledRule[]::new);
        int[][] dst = new int[rules.length][];
        int[][] src = new int[rules.length][];
        int[][] ports = new int[rules.length][];
        for (int i = 0; i < rules.length; i++) {
            dst[i] = rules[i].dst;
            src[i] = rules[i].src;
            ports[i] = rules[i].ports;
        }
        this.byDestination = DimensionIndex.partition(dst);
        this.bySource = DimensionIndex.partition(src);
        this.byPort = DimensionIndex.partition(ports);
        int[][] assigned = RuleIndexPlan.assign(new DimensionIndex[] {byDestination, bySource, byPort},
                new int[][][] {dst, src, ports}, new double[] {0x1p32, 0x1p32, 65536});
        byDestination.assign(dst, assigned[0]);
        bySource.assign(src, assigned[1]);
        byPort.assign(ports, assigned[2]);
        this.anyRules = assigned[3];
    }

    /** Compiles the lab's rules; throws IllegalArgumentException if a rule names an unknown site. */
    public static RuleEngine compile(LabFile lab) {
        return new RuleEngine(requireNonNull(lab, "lab"));
    }

    public LabFile lab() {
        return lab;
    }

    /** Number of enabled rules compiled. */
    public int size() {
        return rules.length;
    }

    /** The decision for a flow's first packet. Allocates nothing. */
    public Decision evaluateFirst(int srcIp, int dstIp, int ipProtocol, int srcPort, int dstPort) {
        int c = firstMatch(srcIp, dstIp, ipProtocol, dstPort, false, null, null, null);
        if (c < 0) {
            return defaultDecision;
        }
        CompiledRule r = rules[c];
        return r.complex ? r.undecided : r.decided;
    }

    /**
     * The decision once the flow's application is identified (or identification gave up: pass
     * nulls). Complex rules now match only on their payload criteria. Allocates nothing when
     * {@code serverName} is already lowercase without a trailing dot.
     *
     * @param application catalog name or null
     * @param category catalog category or null (looked up from the application when null)
     * @param serverName SNI or HTTP Host, or null
     */
    public Decision.Decided reevaluate(int srcIp, int dstIp, int ipProtocol, int srcPort, int dstPort,
            String application, String category, String serverName) {
        String cat = category != null || application == null ? category : CompiledRule.applicationCategory(lab, application);
        String host = CompiledRule.normalizeServerName(serverName);
        int c = firstMatch(srcIp, dstIp, ipProtocol, dstPort, true, application, cat, host);
        return c < 0 ? defaultDecision : rules[c].decided;
    }

    /** How many rules a packet's lookup would check in full: the index's selectivity, for tests. */
    int candidateCount(int srcIp, int dstIp, int dstPort) {
        return byDestination.list(byDestination.interval(dstIp)).length + bySource.list(bySource.interval(srcIp)).length
                + byPort.list(byPort.interval(dstPort)).length + anyRules.length;
    }

    /** Whether moving from {@code current} to {@code next} changes the path a flow takes. */
    public static boolean switches(Transport current, Decision next) {
        Transport t = next instanceof Decision.Decided d ? d.transport() : Transport.CATO;
        return effective(current) != effective(t);
    }

    /** Automatic lets the cloud pick; in the lab it rides the cato tunnel. */
    public static Transport effective(Transport t) {
        return t == Transport.AUTOMATIC ? Transport.CATO : t;
    }

    private int firstMatch(int srcIp, int dstIp, int proto, int dstPort, boolean payloadKnown,
            String application, String category, String serverName) {
        int[] a = byDestination.list(byDestination.interval(dstIp));
        int[] b = bySource.list(bySource.interval(srcIp));
        int[] p = byPort.list(byPort.interval(dstPort));
        int[] d = anyRules;
        int i = 0;
        int j = 0;
        int k = 0;
        int m = 0;
        // A four-way merge of ascending lists, so candidates are tried in rule order. A rule is
        // listed in one dimension only, so no candidate comes twice.
        while (true) {
            int c = Integer.MAX_VALUE;
            int from = -1;
            if (i < a.length) {
                c = a[i];
                from = 0;
            }
            if (j < b.length && b[j] < c) {
                c = b[j];
                from = 1;
            }
            if (k < p.length && p[k] < c) {
                c = p[k];
                from = 2;
            }
            if (m < d.length && d[m] < c) {
                c = d[m];
                from = 3;
            }
            switch (from) {
                case 0 -> i++;
                case 1 -> j++;
                case 2 -> k++;
                case 3 -> m++;
                default -> {
                    return -1;
                }
            }
            CompiledRule r = rules[c];
            if (!r.matchesL34(srcIp, dstIp, proto, dstPort)) {
                continue;
            }
            if (!payloadKnown || !r.complex || r.matchesPayload(application, category, serverName)) {
                return c;
            }
        }
    }

    /**
     * Why a flow got its decision: one line per rule considered, in order, for the event log.
     * Allocates; call it when writing an event, not per packet.
     *
     * @param identified false for a first-packet explanation; true after identification
     */
    public Explanation explain(int srcIp, int dstIp, int ipProtocol, int srcPort, int dstPort,
            boolean identified, String application, String category, String serverName) {
        String cat = category != null || application == null ? category : CompiledRule.applicationCategory(lab, application);
        String host = CompiledRule.normalizeServerName(serverName);
        List<String> lines = new ArrayList<>();
        int skipped = 0;
        int compiledIndex = 0;
        List<NetworkRule> all = lab.rules();
        for (int i = 0; i < all.size(); i++) {
            NetworkRule rule = all.get(i);
            if (!rule.enabled()) {
                skipped = note(lines, skipped, describe(i, rule.name()) + ": skipped: disabled");
                continue;
            }
            CompiledRule r = rules[compiledIndex++];
            String miss = Mismatch.l34(r, srcIp, dstIp, ipProtocol, dstPort);
            if (miss != null) {
                skipped = note(lines, skipped, describe(i, rule.name()) + ": skipped: " + miss);
                continue;
            }
            if (!r.complex) {
                lines.add(describe(i, rule.name()) + ": matches (simple) -> " + rule.primary());
                return new Explanation(lines, r.decided);
            }
            if (!identified) {
                lines.add(describe(i, rule.name()) + ": L3/L4 match but the rule is complex ("
                        + Mismatch.payloadCriteria(r) + "): undecided, the flow rides cato until identified");
                return new Explanation(lines, r.undecided);
            }
            if (r.matchesPayload(application, cat, host)) {
                lines.add(describe(i, rule.name()) + ": matches (complex, " + Mismatch.identity(application, cat, host)
                        + ") -> " + rule.primary());
                return new Explanation(lines, r.decided);
            }
            skipped = note(lines, skipped, describe(i, rule.name()) + ": skipped: " + Mismatch.identity(application, cat, host)
                    + " does not match " + Mismatch.payloadCriteria(r));
        }
        if (skipped > EXPLAIN_LIMIT) {
            lines.add("... " + (skipped - EXPLAIN_LIMIT) + " more rules skipped");
        }
        lines.add("no rule matches: default -> cato");
        return new Explanation(lines, defaultDecision);
    }

    private static int note(List<String> lines, int skipped, String line) {
        if (skipped < EXPLAIN_LIMIT) {
            lines.add(line);
        }
        return skipped + 1;
    }

    static String describe(int ruleIndex, String ruleName) {
        return ruleIndex == Decision.DEFAULT_RULE ? "the default rule" : "rule #" + (ruleIndex + 1) + " '" + ruleName + "'";
    }
}
