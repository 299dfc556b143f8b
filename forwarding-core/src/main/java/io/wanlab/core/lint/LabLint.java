package io.wanlab.core.lint;

import static java.util.Objects.requireNonNull;

import io.wanlab.core.appid.ApplicationCatalog;
import io.wanlab.core.lab.Account;
import io.wanlab.core.lab.Application;
import io.wanlab.core.lab.LabFile;
import io.wanlab.core.lab.NetworkRule;
import io.wanlab.core.rules.RuleEngine;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Predicts, without running anything, what the lab's rulebase will do wrong (DESIGN 7): the seed's
 * reset hazard, rules that never match, domains two applications claim, direct transports without
 * a link. Hand-written over the rule engine rather than a general solver: rulebases are small, and
 * asking {@link RuleEngine} itself about one flow per region of traffic keeps the lint in step with
 * what the Socket does. Stateless; every call works on its own copies.
 */
public final class LabLint {
    private LabLint() {
    }

    public static LintReport lint(LabFile lab) {
        return lint(lab, Account.DEFAULT_PROXIED_PORTS);
    }

    /** @param proxiedPorts the TCP ports the PoP proxies with TLS inspection on (the PoP's default: 443) */
    public static LintReport lint(LabFile lab, Set<Integer> proxiedPorts) {
        requireNonNull(lab, "lab");
        Set<Integer> ports = checkPorts(proxiedPorts);
        List<String> notes = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        List<HazardScan.Hazard> hazards = HazardScan.scan(lab, ports, notes);
        for (HazardScan.Hazard h : hazards) {
            findings.add(HazardText.finding(lab, h, hazards));
        }
        findings.addAll(ShadowScan.scan(lab, notes));
        findings.addAll(CatalogChecks.domainConflicts(lab));
        findings.addAll(CatalogChecks.missingLinks(lab));
        return new LintReport(lab.name(), lab.account().tlsInspection(), ports, findings, notes);
    }

    /** The lab with its rules reordered so that no reset hazard is left, or the same lab when there is none. */
    public static LabFile fix(LabFile lab) {
        return fixPlan(lab, Account.DEFAULT_PROXIED_PORTS).fixed();
    }

    public static LabFile fix(LabFile lab, Set<Integer> proxiedPorts) {
        return fixPlan(lab, proxiedPorts).fixed();
    }

    /**
     * The smallest reorder we know to be right: take the first simple rule S (in file order) that
     * some complex rule C resets, and move S just above the earliest such C, keeping the relative
     * order of every other rule. Moving S up changes only traffic S matches, and among that only the
     * part the rules it passes used to take; the moves list says which rules those are. Moving a
     * simple rule up never creates a hazard (it can only decide more flows on their first packet),
     * so each round removes at least one hazardous pair and the loop ends; the bound is a guard.
     */
    public static FixPlan fixPlan(LabFile lab, Set<Integer> proxiedPorts) {
        requireNonNull(lab, "lab");
        Set<Integer> ports = checkPorts(proxiedPorts);
        LabFile current = lab;
        List<String> moves = new ArrayList<>();
        for (int round = 0; round <= lab.rules().size() * lab.rules().size(); round++) {
            List<HazardScan.Hazard> hazards = HazardScan.scan(current, ports, new ArrayList<>());
            if (hazards.isEmpty()) {
                return new FixPlan(current, moves);
            }
            int s = hazards.stream().mapToInt(HazardScan.Hazard::simple).min().orElseThrow();
            int c = hazards.stream().filter(h -> h.simple() == s).mapToInt(HazardScan.Hazard::complex).min().orElseThrow();
            moves.add(describeMove(current, s, c));
            List<NetworkRule> rules = new ArrayList<>(current.rules());
            NetworkRule moved = rules.remove(s);
            rules.add(c, moved);
            current = current.withRules(rules);
        }
        throw new IllegalStateException("lab " + lab.name() + ": reset hazards left after "
                + lab.rules().size() * lab.rules().size() + " moves (expected: each move removes one)");
    }

    private static String describeMove(LabFile lab, int s, int c) {
        NetworkRule simple = lab.rules().get(s);
        Intervals src = Intervals.endpoints(simple.source(), lab);
        Intervals dst = Intervals.endpoints(simple.destination(), lab);
        List<String> passed = new ArrayList<>();
        for (int k = c; k < s; k++) {
            NetworkRule r = lab.rules().get(k);
            if (r.enabled() && !src.intersect(Intervals.endpoints(r.source(), lab)).isEmpty()
                    && !dst.intersect(Intervals.endpoints(r.destination(), lab)).isEmpty()) {
                passed.add(RuleRef.at(lab, k).toString());
            }
        }
        return RuleRef.at(lab, s) + " moved just above " + RuleRef.at(lab, c) + " (now #" + (c + 1) + "); where they overlap, "
                + simple.name() + " now decides instead of " + String.join(", ", passed) + ".";
    }

    static Set<Integer> checkPorts(Set<Integer> proxiedPorts) {
        requireNonNull(proxiedPorts, "proxiedPorts");
        for (Integer p : proxiedPorts) {
            if (p == null || p < 1 || p > 65535) {
                throw new IllegalArgumentException("proxied port: " + p + " (expected: 1..65535)");
            }
        }
        return new TreeSet<>(proxiedPorts);
    }

    /** Names of catalog applications, split by whether the rule at {@code index} claims their traffic. */
    static List<List<String>> splitApplications(LabFile lab, int complex, int simple, int src, int dst, int port) {
        RuleEngine engine = RuleEngine.compile(lab);
        ApplicationCatalog catalog = new ApplicationCatalog(lab.applications());
        Set<String> affected = new LinkedHashSet<>();
        Set<String> unaffected = new LinkedHashSet<>();
        for (Application a : lab.applications()) {
            String name = LabFacts.concreteName(a.domains().get(0));
            int decider = LabFacts.afterIdentification(engine, catalog, src, dst, port, name).ruleIndex();
            if (decider == simple) {
                affected.add(a.name());
            } else {
                unaffected.add(a.name());
            }
        }
        if (LabFacts.afterIdentification(engine, catalog, src, dst, port, null).ruleIndex() == simple) {
            affected.add("unidentified traffic");
        }
        return List.of(List.copyOf(affected), List.copyOf(unaffected));
    }
}
