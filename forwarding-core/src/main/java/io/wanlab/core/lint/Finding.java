package io.wanlab.core.lint;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One thing the lint found. {@code summary} is one sentence; {@code details} are further sentences
 * (what breaks, what does not); {@code traffic} and {@code fix} are null when they do not apply.
 */
public record Finding(FindingKind kind, List<RuleRef> rules, String summary, List<String> details, Traffic traffic,
        String fix) {
    public Finding {
        requireNonNull(kind, "kind");
        rules = List.copyOf(requireNonNull(rules, "rules"));
        requireNonNull(summary, "summary");
        details = List.copyOf(requireNonNull(details, "details"));
    }
}
