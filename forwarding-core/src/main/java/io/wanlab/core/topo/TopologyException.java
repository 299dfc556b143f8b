package io.wanlab.core.topo;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** A lab file that cannot become a live topology; lists every problem found, one sentence each. */
public final class TopologyException extends IllegalArgumentException {
    private final List<String> problems;

    public TopologyException(String lab, List<String> problems) {
        super(message(requireNonNull(lab, "lab"), requireNonNull(problems, "problems")));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }

    private static String message(String lab, List<String> problems) {
        StringBuilder sb = new StringBuilder("lab '").append(lab).append("' cannot be built (")
                .append(problems.size()).append(problems.size() == 1 ? " problem):" : " problems):");
        for (String p : problems) {
            sb.append("\n  - ").append(p);
        }
        return sb.toString();
    }
}
