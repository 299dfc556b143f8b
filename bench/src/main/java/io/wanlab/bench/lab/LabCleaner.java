package io.wanlab.bench.lab;

import static java.util.Objects.requireNonNull;

import io.wanlab.core.topo.LabNames;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Removes one lab, whoever left it: first the processes recorded in its state file (only those
 * still alive whose command line still says "wanlab", so a recycled pid is never signalled), then
 * the backend's instances of that lab with the processes inside them, then the lab's folder (state
 * file, status sockets). Nothing of another lab is touched. Idempotent: a second run finds nothing and says so.
 */
public final class LabCleaner {
    /** The word a lab process's command line carries (the jar, the launcher or the main class). */
    static final String MARK = "wanlab";

    private final LabBackend backend;
    private final ProcessTable processes;
    private final Path folder;
    private final Path stateFile;
    private final ProcessStopper stopper;

    /** The lab of the backend, with its folder where it belongs ({@code /run/wanlab/<lab>}). */
    public LabCleaner(LabBackend backend) {
        this(backend, new LinuxProcessTable(), LabNames.runFolder(backend.lab()), NamespaceBackend.DEFAULT_GRACE);
    }

    /** {@code folder}: the lab's folder of state file and status sockets. */
    public LabCleaner(LabBackend backend, ProcessTable processes, Path folder, Duration grace) {
        this.backend = requireNonNull(backend, "backend");
        this.processes = requireNonNull(processes, "processes");
        this.folder = requireNonNull(folder, "folder");
        this.stateFile = folder.resolve(LabNames.STATE_FILE);
        this.stopper = new ProcessStopper(processes, grace);
    }

    public CleanupReport clean() {
        List<String> notes = new ArrayList<>();
        List<String> stopped = new ArrayList<>();
        boolean folderExists = Files.isDirectory(folder);
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
        if (folderExists) {
            List<String> left = removeFolder();
            report = left.isEmpty() ? report.withStateFileRemoved()
                    : report.plus(new CleanupReport(List.of(), List.of(), false, left));
        }
        return report;
    }

    /**
     * Deletes what the lab keeps in its folder (state file, its temporary files, status sockets of
     * valid node names), then the folder; anything else stays, and so does the folder, and that is
     * said. Returns the notes (empty when the folder is gone).
     */
    private List<String> removeFolder() {
        List<String> notes = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
            for (Path p : entries) {
                if (!isOurs(p.getFileName().toString())) {
                    notes.add("left " + p + " alone (not a state file or status socket)");
                    continue;
                }
                Files.deleteIfExists(p);
            }
            if (notes.isEmpty()) {
                Files.deleteIfExists(folder);
            }
        } catch (NoSuchFileException e) {
            return notes;
        } catch (IOException e) {
            notes.add("could not remove the lab's folder " + folder + ": " + e);
        }
        return notes;
    }

    private static boolean isOurs(String file) {
        if (file.equals(LabNames.STATE_FILE) || (file.startsWith(".lab-") && file.endsWith(".json.tmp"))) {
            return true;
        }
        return file.endsWith(LabNames.SOCKET_SUFFIX)
                && LabNames.nodeNameProblem(file.substring(0, file.length() - LabNames.SOCKET_SUFFIX.length())) == null;
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
