package io.wanlab.core.lint;

import static java.util.Objects.requireNonNull;

/** A rule as people name it: its 1-based position in the file and its name, printed {@code #2 "name"}. */
public record RuleRef(int position, String name) {
    public RuleRef {
        if (position < 1) {
            throw new IllegalArgumentException("position: " + position + " (expected: 1 or more)");
        }
        requireNonNull(name, "name");
    }

    static RuleRef at(io.wanlab.core.lab.LabFile lab, int index) {
        return new RuleRef(index + 1, lab.rules().get(index).name());
    }

    @Override
    public String toString() {
        return "#" + position + " \"" + name + "\"";
    }
}
