package io.wanlab.core.lint;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What {@link LabLint} found in one lab, in a stable order (kind, then rule positions). {@code notes}
 * say what the lint could not check (for example a rulebase too large for the exact analysis).
 */
public record LintReport(String lab, boolean tlsInspection, Set<Integer> proxiedPorts, List<Finding> findings,
        List<String> notes) {
    public LintReport {
        proxiedPorts = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(proxiedPorts));
        findings = List.copyOf(findings);
        notes = List.copyOf(notes);
    }

    public List<Finding> ofKind(FindingKind kind) {
        return findings.stream().filter(f -> f.kind() == kind).toList();
    }

    public boolean isClean() {
        return findings.isEmpty();
    }
}
