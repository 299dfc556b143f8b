package io.wanlab.core.lint;

import static java.util.Objects.requireNonNull;

import io.wanlab.core.lab.LabFile;
import java.util.List;

/** A fixed lab and, in words, each move that fixed it (empty when nothing needed to move). */
public record FixPlan(LabFile fixed, List<String> moves) {
    public FixPlan {
        requireNonNull(fixed, "fixed");
        moves = List.copyOf(moves);
    }

    public boolean changed() {
        return !moves.isEmpty();
    }
}
