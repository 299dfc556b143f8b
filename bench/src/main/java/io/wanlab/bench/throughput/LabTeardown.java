package io.wanlab.bench.throughput;

import static java.util.Objects.requireNonNull;

import io.wanlab.bench.lab.CleanupReport;
import io.wanlab.bench.lab.LabBackend;
import io.wanlab.bench.lab.LabCleaner;
import io.wanlab.bench.lab.LabRuns;
import java.io.PrintStream;
import java.util.List;

/**
 * Removes the lab exactly once, whichever comes first: the end of the run or the shutdown hook
 * that Ctrl-C triggers. Thread-safe; later calls return the first call's answer.
 * {@link #disarm} makes it do nothing: for when the launcher failed, has removed what it made
 * itself, and any namespace of the lab's name left belongs to someone else who started a lab of that name meanwhile.
 */
public final class LabTeardown {
    private final LabCleaner cleaner;
    private final LabBackend backend;
    private final PrintStream progress;
    private Boolean clean;

    public LabTeardown(LabCleaner cleaner, LabBackend backend, PrintStream progress) {
        this.cleaner = requireNonNull(cleaner, "cleaner");
        this.backend = requireNonNull(backend, "backend");
        this.progress = requireNonNull(progress, "progress");
    }

    public synchronized void disarm() {
        if (clean == null) {
            clean = true;
        }
    }

    /** True when no namespace of the lab is left afterwards (or it was disarmed). */
    public synchronized boolean run() {
        if (clean != null) {
            return clean;
        }
        clean = false;
        try {
            CleanupReport report = cleaner.clean();
            for (String note : report.notes()) {
                progress.println("lab down: note: " + note);
            }
            List<String> left = backend.list();
            clean = left.isEmpty();
            progress.println(clean ? "lab down (" + report.removed().size() + " namespaces removed, "
                    + report.stopped().size() + " processes stopped)"
                    : "lab down FAILED: still there: " + String.join(", ", left) + " (try '" + LabRuns.command(backend.lab(), "down") + "')");
        } catch (RuntimeException e) {
            progress.println("lab down FAILED: " + e.getMessage() + " (try '" + LabRuns.command(backend.lab(), "down") + "')");
        }
        return clean;
    }
}
