package io.wanlab.core.rules;

import java.util.List;

/** Why the rulebase decided as it did: one line per rule considered, then the decision. */
public record Explanation(List<String> lines, Decision decision) {
    public Explanation {
        lines = List.copyOf(lines);
    }

    @Override
    public String toString() {
        return String.join("; ", lines);
    }
}
