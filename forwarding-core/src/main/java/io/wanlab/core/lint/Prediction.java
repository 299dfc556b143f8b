package io.wanlab.core.lint;

import static java.util.Objects.requireNonNull;

/**
 * What the lab should do with one probe.
 *
 * @param synRule the rule that decides the SYN, or that leaves it undecided; null for the default rule
 * @param synUndecided whether the SYN was left undecided (a complex rule matched first)
 * @param finalRule the rule that decides the flow after identification (the SYN's rule when it decided); null for the default
 * @param path the transports, e.g. {@code "SYN: cato > pop (proxy answers); ClientHello: off-cloud"}
 */
public record Prediction(Outcome outcome, RuleRef synRule, boolean synUndecided, RuleRef finalRule, String path, String reason) {
    public Prediction {
        requireNonNull(outcome, "outcome");
        requireNonNull(path, "path");
        requireNonNull(reason, "reason");
    }

    /** The SYN's decision in words: {@code #1 "CRM over Cato" (undecided)}. */
    public String synDecision() {
        return (synRule == null ? "the default rule" : synRule.toString()) + (synUndecided ? " (undecided)" : "");
    }
}
