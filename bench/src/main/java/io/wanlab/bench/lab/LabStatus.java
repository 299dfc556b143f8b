package io.wanlab.bench.lab;

import static java.util.Objects.requireNonNull;

import io.wanlab.core.topo.LabNames;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What of one lab is up right now: the backend's instances of that lab and, from its state file,
 * each recorded process and whether it still runs (alive and its command line still says "wanlab").
 */
public record LabStatus(String lab, List<String> instances, Path stateFile, Optional<LabState> state,
        Map<String, ProcessState> processes, Optional<String> stateProblem) {

    public enum ProcessState {
        RUNNING,
        GONE,
        /** The pid is alive but runs another program now. */
        REUSED
    }

    public LabStatus {
        requireNonNull(lab, "lab");
        instances = List.copyOf(requireNonNull(instances, "instances"));
        requireNonNull(stateFile, "stateFile");
        requireNonNull(state, "state");
        processes = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(processes, "processes")));
        requireNonNull(stateProblem, "stateProblem");
    }

    /** {@code folder}: the lab's folder, which holds its state file. */
    public static LabStatus read(LabBackend backend, ProcessTable table, Path folder) {
        requireNonNull(backend, "backend");
        requireNonNull(table, "table");
        Path stateFile = requireNonNull(folder, "folder").resolve(LabNames.STATE_FILE);
        Optional<LabState> state = Optional.empty();
        Optional<String> problem = Optional.empty();
        try {
            state = LabState.read(stateFile);
        } catch (IOException | IllegalArgumentException e) {
            problem = Optional.of(e.getMessage());
        }
        Map<String, ProcessState> procs = new LinkedHashMap<>();
        state.ifPresent(s -> s.pids().forEach((name, pid) -> procs.put(name, stateOf(table, pid))));
        return new LabStatus(backend.lab(), backend.list(), stateFile, state, procs, problem);
    }

    private static ProcessState stateOf(ProcessTable table, long pid) {
        if (!table.isAlive(pid)) {
            return ProcessState.GONE;
        }
        return table.commandLine(pid).orElse("").contains(LabCleaner.MARK) ? ProcessState.RUNNING : ProcessState.REUSED;
    }

    /** True when nothing of a lab is around. */
    public boolean down() {
        return instances.isEmpty() && state.isEmpty() && stateProblem.isEmpty();
    }

    /** One line for a listing of every lab: name, run folder, nodes and how many of its processes run. */
    public String summaryLine() {
        if (stateProblem.isPresent()) {
            return lab + ": state file unreadable (" + stateProblem.get() + "); namespaces: " + namespaces();
        }
        if (state.isEmpty()) {
            return lab + ": no state file (" + stateFile + "); namespaces: " + namespaces();
        }
        long running = processes.values().stream().filter(p -> p == ProcessState.RUNNING).count();
        List<String> nodes = new ArrayList<>();
        for (String instance : instances) {
            nodes.add(LabNames.nodeOf(lab, instance));
        }
        return lab + ": run folder " + state.get().runFolder() + "; nodes " + (nodes.isEmpty() ? "none" : String.join(", ", nodes))
                + "; " + running + " of " + processes.size() + " processes running";
    }

    private String namespaces() {
        return instances.isEmpty() ? "none" : String.join(", ", instances);
    }

    /** Lines for a person. */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        if (down()) {
            out.add("Lab '" + lab + "' is not up: no " + lab + "- namespaces and no state file (" + stateFile + ").");
            return out;
        }
        out.add("lab: " + lab);
        out.add("lab instances: " + (instances.isEmpty() ? "none" : String.join(", ", instances)));
        if (stateProblem.isPresent()) {
            out.add("state file unreadable: " + stateProblem.get());
        } else if (state.isEmpty()) {
            out.add("state file: none (" + stateFile + ")");
        }
        state.ifPresent(s -> {
            out.add("lab file: " + s.labFile());
            out.add("run folder: " + s.runFolder());
            out.add("started: " + s.startedAt());
            s.pids().forEach((name, pid) -> out.add("  " + name + ": pid " + pid + " "
                    + processes.get(name).name().toLowerCase(Locale.ROOT)));
        });
        return out;
    }
}
