package io.wanlab.core.rules;

import io.wanlab.core.lab.Transport;

/**
 * What the rulebase says about a flow. Instances are created once per rule when the rulebase is
 * compiled, so evaluating a packet never allocates.
 */
public sealed interface Decision {

    /** Rule index (0-based position in the lab file) or {@link #DEFAULT_RULE} for the implicit default. */
    int ruleIndex();

    String ruleName();

    /** The index used when no rule matches: the flow goes over the cloud (cato), as the vendor does. */
    int DEFAULT_RULE = -1;

    /** A rule decided the flow: every later packet follows {@code transport}. */
    record Decided(int ruleIndex, String ruleName, Transport transport, Transport secondary) implements Decision {
        public boolean isDefault() {
            return ruleIndex == DEFAULT_RULE;
        }

        @Override
        public String toString() {
            return "decided by " + RuleEngine.describe(ruleIndex, ruleName) + ": " + transport;
        }
    }

    /**
     * The first rule whose L3/L4 criteria match needs payload (it names an application, category
     * or domain): the flow is undecided and travels over cato until identified.
     */
    record Undecided(int ruleIndex, String ruleName) implements Decision {
        public Transport transport() {
            return Transport.CATO;
        }

        @Override
        public String toString() {
            return "undecided: blocked by complex " + RuleEngine.describe(ruleIndex, ruleName);
        }
    }
}
