package io.wanlab.core.lab;

import static java.util.Objects.requireNonNull;

import java.io.Serial;
import java.util.List;

/**
 * A lab file that cannot be used, with every problem found in it. The message lists the
 * problems one per line as {@code file:line:col: field: message (expected: ...)}, so that an
 * editor or a terminal can jump to each one.
 */
public final class LabFileException extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * One problem: where it is, the field path (for example {@code sites[0].subnets[1]}, indexes
     * counted from 0) and what is wrong, ending with what was expected.
     */
    public record Problem(Location location, String field, String message) {
        public Problem {
            requireNonNull(location, "location");
            requireNonNull(field, "field");
            requireNonNull(message, "message");
        }

        @Override
        public String toString() {
            return location + ": " + field + ": " + message;
        }
    }

    private final transient List<Problem> problems;

    public LabFileException(List<Problem> problems) {
        super(format(problems));
        this.problems = List.copyOf(problems);
    }

    /** The problems in the order they were found (document order, then cross-checks). */
    public List<Problem> problems() {
        return problems;
    }

    private static String format(List<Problem> problems) {
        if (requireNonNull(problems, "problems").isEmpty()) {
            throw new IllegalArgumentException("problems: [] (expected: at least one problem)");
        }
        StringBuilder sb = new StringBuilder();
        for (Problem p : problems) {
            if (!sb.isEmpty()) {
                sb.append('\n');
            }
            sb.append(p);
        }
        return sb.toString();
    }
}
