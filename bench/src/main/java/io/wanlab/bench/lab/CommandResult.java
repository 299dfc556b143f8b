package io.wanlab.bench.lab;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** What one command did: its arguments, exit code and captured output. */
public record CommandResult(List<String> argv, int exitCode, String stdout, String stderr) {
    public CommandResult {
        argv = List.copyOf(requireNonNull(argv, "argv"));
        requireNonNull(stdout, "stdout");
        requireNonNull(stderr, "stderr");
    }

    public boolean ok() {
        return exitCode == 0;
    }

    /** Non-blank lines of stdout, stripped. */
    public List<String> lines() {
        return stdout.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    }
}
