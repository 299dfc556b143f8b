package io.wanlab.bench.throughput;

import static java.util.Objects.requireNonNull;

import io.wanlab.bench.lab.CleanupReport;
import io.wanlab.bench.lab.LabBackend;
import io.wanlab.bench.lab.LabCleaner;
import java.io.PrintStream;
import java.util.List;

/**
 * Removes the lab exactly once, whichever comes first: the end of the run or the shutdown hook
 * that Ctrl-C triggers. Thread-safe; later calls return the first call's answer.
 * {@link #disarm} makes it do nothing: for when the launcher failed, has removed what it made
 * itself, and any wanlab- namespace left is someone else's lab that appeared meanwhile.
 */
final class LabTeardown {
    private final LabCleaner cleaner;
    private final LabBackend backend;
    private final PrintStream progress;
    private Boolean clean;

    LabTeardown(LabCleaner cleaner, LabBackend backend, PrintStream progress) {
        this.cleaner = requireNonNull(cleaner, "cleaner");
        this.backend = requireNonNull(backend, "backend");
        this.progress = requireNonNull(progress, "progress");
    }

    synchronized void disarm() {
        if (clean == null) {
            clean = true;
        }
    }

    /** True when no wanlab- namespace is left afterwards (or it was disarmed). */
    synchronized boolean run() {
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
                    : "lab down FAILED: still there: " + String.join(", ", left) + " (try './wanlab down')");
        } catch (RuntimeException e) {
            progress.println("lab down FAILED: " + e.getMessage() + " (try './wanlab down')");
        }
        return clean;
    }
}
