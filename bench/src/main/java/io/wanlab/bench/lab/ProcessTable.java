package io.wanlab.bench.lab;

import java.util.Optional;

/** The host's processes as clean-up needs them; {@link LinuxProcessTable} reads /proc, tests use a fake. */
public interface ProcessTable {
    /** True while the process exists and is not a zombie. */
    boolean isAlive(long pid);

    /** The process's arguments joined with spaces; empty when it is gone or unreadable. */
    Optional<String> commandLine(long pid);

    /** SIGTERM. */
    void terminate(long pid);

    /** SIGKILL. */
    void kill(long pid);

    /** This process's own pid, which clean-up never signals. */
    long self();
}
