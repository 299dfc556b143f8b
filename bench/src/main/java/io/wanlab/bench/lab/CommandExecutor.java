package io.wanlab.bench.lab;

import java.util.List;

/** Runs argument lists (no shell). Implementations: {@link ProcessCommandExecutor}; tests record calls instead. */
public interface CommandExecutor {
    /**
     * Runs one command and returns whatever it exited with; throws {@link LabSetupException}
     * only when it could not start or ran past its timeout.
     */
    CommandResult attempt(List<String> argv);

    /** Runs one command that must succeed; throws {@link LabSetupException} naming it, its exit code and stderr. */
    default CommandResult run(List<String> argv) {
        CommandResult r = attempt(argv);
        if (!r.ok()) {
            throw LabSetupException.failed(r);
        }
        return r;
    }

    /** Runs commands in order, stopping at the first failure. */
    default void runAll(List<List<String>> argvs) {
        for (List<String> argv : argvs) {
            run(argv);
        }
    }
}
