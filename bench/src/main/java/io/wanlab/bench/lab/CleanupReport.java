package io.wanlab.bench.lab;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;

/**
 * What a clean-up of one lab removed: its namespaces (or containers), processes stopped, whether
 * its folder (state file, status sockets) was removed, and notes on anything left alone or that failed.
 */
public record CleanupReport(List<String> removed, List<String> stopped, boolean stateFileRemoved, List<String> notes) {
    public static final CleanupReport NOTHING = new CleanupReport(List.of(), List.of(), false, List.of());

    public CleanupReport {
        removed = List.copyOf(requireNonNull(removed, "removed"));
        stopped = List.copyOf(requireNonNull(stopped, "stopped"));
        notes = List.copyOf(requireNonNull(notes, "notes"));
    }

    /** True when there was nothing of the lab to remove. */
    public boolean nothingFound() {
        return removed.isEmpty() && stopped.isEmpty() && !stateFileRemoved;
    }

    public CleanupReport plus(CleanupReport other) {
        return new CleanupReport(concat(removed, other.removed), concat(stopped, other.stopped),
                stateFileRemoved || other.stateFileRemoved, concat(notes, other.notes));
    }

    public CleanupReport withStateFileRemoved() {
        return new CleanupReport(removed, stopped, true, notes);
    }

    /** Lines for a person about lab {@code lab}: what went, or that nothing was found; then the notes. */
    public List<String> summary(String lab) {
        List<String> lines = new ArrayList<>();
        if (nothingFound()) {
            lines.add("No lab '" + lab + "' found: no " + lab + "- namespaces, no recorded processes, no state folder."
                    + " Nothing to remove.");
        }
        for (String s : stopped) {
            lines.add("stopped " + s);
        }
        for (String r : removed) {
            lines.add("removed " + r);
        }
        if (stateFileRemoved) {
            lines.add("removed the lab's folder (state file, status sockets)");
        }
        for (String n : notes) {
            lines.add("note: " + n);
        }
        return List.copyOf(lines);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
