package io.wanlab.core.lab;

import io.wanlab.core.lab.LabFileException.Problem;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Collects the problems of one lab file so that the author sees all of them at once. Capped,
 * so that a hostile file cannot make the report itself unbounded. Not thread-safe: one per load.
 */
final class Problems {
    static final int MAX_PROBLEMS = 100;

    private final String source;
    private final List<Problem> problems = new ArrayList<>();
    private int dropped;

    Problems(String source) {
        this.source = source;
    }

    String source() {
        return source;
    }

    /** Snakeyaml counts lines and columns from 0; editors and compilers count from 1. */
    Location at(Optional<Mark> mark) {
        return mark.map(m -> new Location(source, m.getLine() + 1, m.getColumn() + 1))
                .orElseGet(this::start);
    }

    Location at(Node node) {
        return node == null ? start() : at(node.getStartMark());
    }

    Location start() {
        return new Location(source, 1, 1);
    }

    /** For problems that belong to the file, not to a place in it (unreadable, too large). */
    Location file() {
        return new Location(source, 0, 0);
    }

    void add(Location location, String field, String message) {
        if (problems.size() >= MAX_PROBLEMS) {
            dropped++;
            return;
        }
        problems.add(new Problem(location, field, message));
    }

    void add(Node node, String field, String message) {
        add(at(node), field, message);
    }

    boolean isEmpty() {
        return problems.isEmpty();
    }

    /** Throws the collected problems, sorted by place in the file, if there are any. */
    void throwIfAny() {
        if (problems.isEmpty()) {
            return;
        }
        throw exception();
    }

    /** Stops the load now: for limits whose violation makes further reading pointless. */
    LabFileException abort(Location location, String field, String message) {
        add(location, field, message);
        return exception();
    }

    private LabFileException exception() {
        List<Problem> sorted = new ArrayList<>(problems);
        sorted.sort(Comparator.comparingInt((Problem p) -> p.location().line())
                .thenComparingInt(p -> p.location().column()));
        if (dropped > 0) {
            sorted.add(new Problem(file(), "file", dropped + " more problems not shown (expected: at most "
                    + MAX_PROBLEMS + " problems; fix the ones above first)"));
        }
        return new LabFileException(sorted);
    }
}
