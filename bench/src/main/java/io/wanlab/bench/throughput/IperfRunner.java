package io.wanlab.bench.throughput;

import static java.util.Objects.requireNonNull;

import io.wanlab.bench.lab.CommandExecutor;
import io.wanlab.bench.lab.CommandResult;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One iperf3 measurement: starts the one-off server on its own thread, waits until {@code ss}
 * lists it as listening (polling with back-off, never a guessed sleep), runs the client, parses its
 * report, and waits for the server to exit so the port is free for the next run. The executor's
 * own timeout bounds every command; it must exceed the test's duration.
 */
public final class IperfRunner {
    /** How long the one-off server may sit with no client before it exits by itself. */
    static final int SERVER_IDLE_SECONDS = 15;

    private final CommandExecutor executor;
    private final IperfCommands commands;
    private final Duration listenTimeout;
    private final Duration exitTimeout;

    public IperfRunner(CommandExecutor executor, IperfCommands commands) {
        this(executor, commands, Duration.ofSeconds(10), Duration.ofSeconds(10));
    }

    IperfRunner(CommandExecutor executor, IperfCommands commands, Duration listenTimeout, Duration exitTimeout) {
        this.executor = requireNonNull(executor, "executor");
        this.commands = requireNonNull(commands, "commands");
        this.listenTimeout = requireNonNull(listenTimeout, "listenTimeout");
        this.exitTimeout = requireNonNull(exitTimeout, "exitTimeout");
    }

    public IperfResult measure(int seconds, int parallel) throws InterruptedException {
        return measure(seconds, parallel, IperfCommands.Mode.TCP);
    }

    public IperfResult measure(int seconds, int parallel, IperfCommands.Mode mode) throws InterruptedException {
        IperfCommands.requireSeconds(seconds);
        IperfCommands.requireParallel(parallel);
        CompletableFuture<CommandResult> server = new CompletableFuture<>();
        Thread.ofPlatform().daemon().name("iperf3-server").start(() -> {
            try {
                server.complete(executor.attempt(commands.server(SERVER_IDLE_SECONDS)));
            } catch (RuntimeException e) {
                server.completeExceptionally(e);
            }
        });
        awaitListening(server);
        CommandResult client = executor.attempt(commands.client(seconds, parallel, mode));
        IperfResult result = clientResult(client);
        awaitExit(server);
        return result;
    }

    private void awaitListening(CompletableFuture<CommandResult> server) throws InterruptedException {
        long deadline = System.nanoTime() + listenTimeout.toNanos();
        long pause = 10;
        while (true) {
            CommandResult ss = executor.attempt(commands.listeners());
            if (ss.ok() && commands.listening(ss.stdout())) {
                return;
            }
            if (server.isDone()) {
                throw new ThroughputException("iperf3 server in " + commands.serverNode() + " ended before it listened on "
                        + commands.serverAddress() + ":" + commands.port() + ": " + describe(server));
            }
            if (System.nanoTime() > deadline) {
                throw new ThroughputException("iperf3 server in " + commands.serverNode() + " not listening on "
                        + commands.serverAddress() + ":" + commands.port() + " after " + seconds(listenTimeout)
                        + (ss.ok() ? "" : " (ss failed: " + ss.stderr().strip() + ")"));
            }
            Thread.sleep(pause);
            pause = Math.min(200, pause * 2);
        }
    }

    private static IperfResult clientResult(CommandResult client) {
        if (client.stdout().isBlank()) {
            throw new ThroughputException("iperf3 client exited with " + client.exitCode() + " and printed no report"
                    + stderrPart(client));
        }
        IperfResult result = IperfOutputParser.parse(client.stdout());
        if (!client.ok()) {
            throw new ThroughputException("iperf3 client exited with " + client.exitCode() + " after a report without an error"
                    + stderrPart(client));
        }
        return result;
    }

    private void awaitExit(CompletableFuture<CommandResult> server) throws InterruptedException {
        try {
            server.get(exitTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new ThroughputException("iperf3 server in " + commands.serverNode() + " still running "
                    + seconds(exitTimeout) + " after its test ended (expected: -1 makes it exit)");
        } catch (ExecutionException e) {
            // The server ran (it listened) and the client has its numbers: how the server's command ended changes nothing.
        }
    }

    private static String describe(CompletableFuture<CommandResult> server) {
        try {
            CommandResult r = server.getNow(null);
            String out = (r.stderr() + " " + r.stdout()).strip();
            out = out.length() <= 400 ? out : "..." + out.substring(out.length() - 400);
            return "exit " + r.exitCode() + (out.isEmpty() ? "" : ": " + out);
        } catch (CompletionException e) {
            return String.valueOf(e.getCause().getMessage());
        }
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }

    private static String stderrPart(CommandResult r) {
        String err = r.stderr().strip();
        return err.isEmpty() ? "" : ": " + err;
    }
}
