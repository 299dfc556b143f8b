package io.wanlab.bench.throughput;

import static java.util.Objects.requireNonNull;

import io.wanlab.bench.lab.CommandExecutor;
import io.wanlab.bench.lab.CommandResult;
import io.wanlab.bench.lab.LabSetupException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Switches a running lab's sockets to the kernel baseline routes and back ({@link BaselineRoutes}): putting the TUN
 * routes back tries every route even when one fails, and reports all that failed. Shared by the throughput and
 * handshake benchmarks.
 */
public final class KernelRoutes {
    private final CommandExecutor executor;
    private final BaselineRoutes routes;
    private final PrintStream progress;

    public KernelRoutes(CommandExecutor executor, BaselineRoutes routes, PrintStream progress) {
        this.executor = requireNonNull(executor, "executor");
        this.routes = requireNonNull(routes, "routes");
        this.progress = requireNonNull(progress, "progress");
    }

    public void toKernel() {
        progress.println("switching the sockets' routes from their TUNs to the kernel (off-cloud veth)");
        executor.runAll(routes.toKernel());
    }

    /** Puts the TUN routes back; throws naming every route that could not be restored. */
    public void restore() {
        List<String> failures = restoreAll();
        if (!failures.isEmpty()) {
            throw new ThroughputException("could not restore the TUN routes: " + String.join("; ", failures));
        }
    }

    /** Puts the TUN routes back after {@code primary} ended the measurement; what fails is added to it as suppressed. */
    public void restoreAfter(Exception primary) {
        for (String f : restoreAll()) {
            primary.addSuppressed(new ThroughputException("could not restore a TUN route: " + f));
        }
    }

    /** Every route is tried even when one fails; returns what failed. */
    private List<String> restoreAll() {
        progress.println("restoring the TUN routes");
        List<String> failures = new ArrayList<>();
        for (List<String> argv : routes.toTun()) {
            try {
                CommandResult r = executor.attempt(argv);
                if (!r.ok()) {
                    failures.add(String.join(" ", argv) + " (exit " + r.exitCode() + "): " + r.stderr().strip());
                }
            } catch (LabSetupException e) {
                failures.add(e.getMessage());
            }
        }
        return failures;
    }
}
