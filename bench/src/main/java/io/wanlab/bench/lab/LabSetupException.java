package io.wanlab.bench.lab;

import java.util.List;

/**
 * A lab command failed, timed out or could not start; or the lab cannot be set up for another
 * stated reason. The message names the command, its exit code and what it printed on stderr.
 */
public final class LabSetupException extends RuntimeException {
    /** Exit code when the command never produced one (could not start, timed out). */
    public static final int NO_EXIT = -1;

    private final List<String> argv;
    private final int exitCode;
    private final String stderr;

    public LabSetupException(String message) {
        super(message);
        this.argv = List.of();
        this.exitCode = NO_EXIT;
        this.stderr = "";
    }

    private LabSetupException(String message, List<String> argv, int exitCode, String stderr, Throwable cause) {
        super(message, cause);
        this.argv = List.copyOf(argv);
        this.exitCode = exitCode;
        this.stderr = stderr;
    }

    public static LabSetupException failed(CommandResult r) {
        String err = r.stderr().strip();
        return new LabSetupException("command failed (exit " + r.exitCode() + "): " + String.join(" ", r.argv())
                + (err.isEmpty() ? "" : ": " + err), r.argv(), r.exitCode(), r.stderr(), null);
    }

    public static LabSetupException timedOut(List<String> argv, long seconds, String stderr) {
        String err = stderr.strip();
        return new LabSetupException("command timed out after " + seconds + " s: " + String.join(" ", argv)
                + (err.isEmpty() ? "" : ": " + err), argv, NO_EXIT, stderr, null);
    }

    public static LabSetupException couldNotStart(List<String> argv, Exception cause) {
        return new LabSetupException("command could not start: " + String.join(" ", argv) + ": " + cause.getMessage(),
                argv, NO_EXIT, "", cause);
    }

    /** The failed command; empty when the failure was not a command. */
    public List<String> argv() {
        return argv;
    }

    public int exitCode() {
        return exitCode;
    }

    public String stderr() {
        return stderr;
    }
}
