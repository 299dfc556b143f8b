package io.wanlab.bench.lab;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;

/**
 * Records commands instead of running them, answering from canned responses (exit 0 and no
 * output unless told otherwise). For tests, and for a dry run that prints what would run.
 * Thread-safe.
 */
public final class RecordingCommandExecutor implements CommandExecutor {
    private record Response(List<String> prefix, int exitCode, String stdout, String stderr) {
    }

    private final List<List<String>> commands = new ArrayList<>();
    private final List<Response> responses = new ArrayList<>();

    /**
     * Commands starting with {@code prefix} answer with this exit code and output; the latest
     * matching response wins, so a test can change its mind half-way.
     */
    public synchronized RecordingCommandExecutor respond(List<String> prefix, int exitCode, String stdout, String stderr) {
        responses.add(new Response(List.copyOf(requireNonNull(prefix, "prefix")), exitCode,
                requireNonNull(stdout, "stdout"), requireNonNull(stderr, "stderr")));
        return this;
    }

    public RecordingCommandExecutor respond(List<String> prefix, String stdout) {
        return respond(prefix, 0, stdout, "");
    }

    public RecordingCommandExecutor fail(List<String> prefix, int exitCode, String stderr) {
        return respond(prefix, exitCode, "", stderr);
    }

    @Override
    public synchronized CommandResult attempt(List<String> argv) {
        List<String> copy = List.copyOf(requireNonNull(argv, "argv"));
        commands.add(copy);
        for (Response r : responses.reversed()) {
            if (copy.size() >= r.prefix().size() && copy.subList(0, r.prefix().size()).equals(r.prefix())) {
                return new CommandResult(copy, r.exitCode(), r.stdout(), r.stderr());
            }
        }
        return new CommandResult(copy, 0, "", "");
    }

    /** Every command attempted so far, in order. */
    public synchronized List<List<String>> commands() {
        return List.copyOf(commands);
    }

    /** Every command attempted so far, each joined with single spaces. */
    public synchronized List<String> lines() {
        return commands.stream().map(c -> String.join(" ", c)).toList();
    }
}
