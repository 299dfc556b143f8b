package io.wanlab.core.lint;

import java.util.List;

/** The probes for a lab, and, for each one that could not be built, why (never a faked probe). */
public record ProbePlan(List<Probe> probes, List<String> notConstructible) {
    public ProbePlan {
        probes = List.copyOf(probes);
        notConstructible = List.copyOf(notConstructible);
    }
}
