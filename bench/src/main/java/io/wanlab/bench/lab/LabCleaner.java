package io.wanlab.bench.lab;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Removes a lab, whoever left it: first the processes recorded in the state file (only those still
 * alive whose command line still says "wanlab", so a recycled pid is never signalled), then
 * everything of the backend that carries the lab's prefix with the processes inside it, then the
 * state file. Nothing without the prefix is touched. Idempotent: a second run finds nothing and says so.
 */
public final class LabCleaner {
    /** The word a lab process's command line carries (the jar, the launcher or the main class). */
    static final String MARK = "wanlab";

    private final LabBackend backend;
    private final ProcessTable processes;
    private final Path stateFile;
    private final ProcessStopper stopper;

    public LabCleaner(LabBackend backend) {
        this(backend, new LinuxProcessTable(), LabState.DEFAULT_FILE, NamespaceBackend.DEFAULT_GRACE);
    }

    public LabCleaner(LabBackend backend, ProcessTable processes, Path stateFile, Duration grace) {
        this.backend = requireNonNull(backend, "backend");
        this.processes = requireNonNull(processes, "processes");
        this.stateFile = requireNonNull(stateFile, "stateFile");
        this.stopper = new ProcessStopper(processes, grace);
    }

    public CleanupReport clean() {
        List<String> notes = new ArrayList<>();
        List<String> stopped = new ArrayList<>();
        boolean stateExists = Files.exists(stateFile);
        Optional<LabState> state = readState(notes);
        if (state.isPresent()) {
            Map<Long, String> targets = new LinkedHashMap<>();
            for (Map.Entry<String, Long> e : state.get().pids().entrySet()) {
                long pid = e.getValue();
                if (pid == processes.self() || !processes.isAlive(pid)) {
                    continue;
                }
                String cmdline = processes.commandLine(pid).orElse("");
                if (!cmdline.contains(MARK)) {
                    notes.add("pid " + pid + " (" + e.getKey() + ") is now another program ('" + abbreviate(cmdline)
                            + "'): left alone");
                    continue;
                }
                targets.put(pid, e.getKey());
            }
            for (ProcessStopper.Outcome o : stopper.stop(targets)) {
                (o.survived() ? notes : stopped).add(o.describe());
            }
        }
        CleanupReport report = new CleanupReport(List.of(), stopped, false, notes).plus(backend.destroy());
        if (stateExists) {
            try {
                Files.deleteIfExists(stateFile);
                report = report.withStateFileRemoved();
            } catch (IOException e) {
                report = report.plus(new CleanupReport(List.of(), List.of(), false,
                        List.of("could not remove the state file " + stateFile + ": " + e.getMessage())));
            }
        }
        return report;
    }

    private Optional<LabState> readState(List<String> notes) {
        try {
            return LabState.read(stateFile);
        } catch (IOException | IllegalArgumentException e) {
            notes.add("state file unreadable, its processes were not stopped: " + e.getMessage());
            return Optional.empty();
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }
}
