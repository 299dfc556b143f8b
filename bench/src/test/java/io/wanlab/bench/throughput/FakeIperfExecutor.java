package io.wanlab.bench.throughput;

import io.wanlab.bench.lab.CommandExecutor;
import io.wanlab.bench.lab.CommandResult;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Plays iperf3 in memory: the server "runs" until the client has run (or is told to exit at once
 * with a result), {@code ss} lists it while it runs once a number of polls went by, the client prints a canned report.
 * Every other command succeeds with no output, unless it starts with {@link #failing}. Records all.
 */
final class FakeIperfExecutor implements CommandExecutor {
    private final List<List<String>> commands = new ArrayList<>();
    /** One permit per client run: a one-off server exits once its client has run. */
    private final Semaphore clientRuns = new Semaphore(0);
    int pollsBeforeListening;
    CommandResult serverExitsAtOnce;
    boolean serverHangs;
    CommandResult client = result(0, IperfSamples.TWO_STREAMS, "");
    List<String> failing = List.of("none");
    private int polls;
    /** True between a server's start and its exit, as a real listener would be. */
    private boolean serverRunning;

    static CommandResult result(int exit, String stdout, String stderr) {
        return new CommandResult(List.of("fake"), exit, stdout, stderr);
    }

    @Override
    public CommandResult attempt(List<String> argv) {
        synchronized (this) {
            commands.add(List.copyOf(argv));
        }
        if (argv.contains("-s")) {
            synchronized (this) {
                serverRunning = true;
            }
            try {
                return server(argv);
            } finally {
                synchronized (this) {
                    serverRunning = false;
                }
            }
        }
        if (argv.contains("ss")) {
            synchronized (this) {
                return result(0, serverRunning && polls++ >= pollsBeforeListening && serverExitsAtOnce == null
                        ? "LISTEN 0 5 198.18.2.10:5201 0.0.0.0:*\n" : "State Recv-Q\n", "");
            }
        }
        if (argv.contains("-c")) {
            clientRuns.release();
            return client;
        }
        if (argv.size() >= failing.size() && argv.subList(0, failing.size()).equals(failing)) {
            return new CommandResult(argv, 2, "", "RTNETLINK answers: Network is unreachable");
        }
        return new CommandResult(argv, 0, "", "");
    }

    private CommandResult server(List<String> argv) {
        if (serverExitsAtOnce != null) {
            return serverExitsAtOnce;
        }
        try {
            if (serverHangs) {
                Thread.sleep(5_000);
            } else {
                clientRuns.tryAcquire(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return new CommandResult(argv, 0, "Server listening on 5201\n", "");
    }

    synchronized List<List<String>> commands() {
        return List.copyOf(commands);
    }

    /** The recorded commands, each as one line, without the ss polls. */
    synchronized List<String> lines() {
        return commands.stream().filter(c -> !c.contains("ss")).map(c -> String.join(" ", c)).toList();
    }
}
