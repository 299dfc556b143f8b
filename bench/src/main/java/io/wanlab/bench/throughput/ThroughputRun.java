package io.wanlab.bench.throughput;

import static java.util.Objects.requireNonNull;

import io.wanlab.bench.lab.CommandExecutor;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Optional;

/**
 * Both measurements on a running lab: first through the emulators as the lab routes it, then
 * with the sockets' TUN routes swapped for kernel routes over the off-cloud veth, then the TUN
 * routes put back, also when the baseline fails. The lab's life is the caller's business.
 */
public final class ThroughputRun {
    public static final String LAB_PATH = "lab (emulators)";
    public static final String BASELINE_PATH = "baseline (kernel)";

    /** Reads the client-side Socket's direct-link counters; empty when they cannot be read. */
    @FunctionalInterface
    public interface CounterSource {
        Optional<LinkCounters> read();
    }

    /** The CPU seconds the lab's node processes have used so far (utime + stime); empty when they cannot be read. */
    @FunctionalInterface
    public interface CpuSource {
        java.util.OptionalDouble seconds();
    }

    private final IperfRunner iperf;
    private int warmupSeconds;
    private CpuSource cpu = java.util.OptionalDouble::empty;
    private final KernelRoutes routes;
    private final CounterSource counters;
    private final PrintStream progress;

    public ThroughputRun(CommandExecutor executor, IperfRunner iperf, BaselineRoutes routes, CounterSource counters,
            PrintStream progress) {
        this.iperf = requireNonNull(iperf, "iperf");
        this.routes = new KernelRoutes(executor, routes, progress);
        this.counters = requireNonNull(counters, "counters");
        this.progress = requireNonNull(progress, "progress");
    }

    /** Where the nodes' CPU time comes from (default: unknown). */
    public ThroughputRun withCpu(CpuSource source) {
        this.cpu = requireNonNull(source, "source");
        return this;
    }

    /**
     * Carries traffic through the lab path for this long before anything is measured (0: none):
     * the nodes are JVMs, and their first seconds are spent compiling the forwarding path, which
     * a lab that runs for minutes does not pay again. The kernel path needs no warm-up.
     */
    public ThroughputRun withWarmup(int seconds) {
        if (seconds < 0 || seconds > IperfCommands.MAX_SECONDS) {
            throw new IllegalArgumentException("warm-up: " + seconds + " s (expected: 0.." + IperfCommands.MAX_SECONDS + ")");
        }
        this.warmupSeconds = seconds;
        return this;
    }

    public ThroughputReport run(int seconds, int parallel) throws InterruptedException {
        return run(seconds, parallel, IperfCommands.Mode.TCP);
    }

    public ThroughputReport run(int seconds, int parallel, IperfCommands.Mode mode) throws InterruptedException {
        IperfCommands.requireSeconds(seconds);
        IperfCommands.requireParallel(parallel);
        requireNonNull(mode, "mode");
        if (warmupSeconds > 0) {
            progress.println("warming the lab path up " + warmupSeconds + " s (the nodes compile their forwarding code; not measured)");
            IperfResult w = iperf.measure(warmupSeconds, parallel, mode);
            progress.println(String.format(Locale.ROOT, "warm-up: %.1f Mbit/s received", w.receiverMbps()));
        }
        progress.println("measuring lab path " + seconds + " s, " + mode.label()
                + " (client > socket-a > off-cloud link > socket-b > server)");
        PathResult lab = measure(LAB_PATH, seconds, parallel, mode);
        PathResult baseline;
        try {
            routes.toKernel();
            progress.println("measuring kernel baseline " + seconds + " s (same namespaces and veths, no emulator)");
            baseline = measure(BASELINE_PATH, seconds, parallel, mode);
        } catch (RuntimeException | InterruptedException e) {
            routes.restoreAfter(e);
            throw e;
        }
        routes.restore();
        return new ThroughputReport(seconds, parallel, mode, lab, baseline);
    }

    private PathResult measure(String path, int seconds, int parallel, IperfCommands.Mode mode) throws InterruptedException {
        Optional<LinkCounters> before = counters.read();
        java.util.OptionalDouble cpuBefore = cpu.seconds();
        IperfResult r = iperf.measure(seconds, parallel, mode);
        java.util.OptionalDouble cpuAfter = cpu.seconds();
        Optional<LinkCounters> after = counters.read();
        Optional<LinkCounters> delta = before.isPresent() && after.isPresent()
                ? Optional.of(after.get().since(before.get())) : Optional.empty();
        progress.println(String.format(Locale.ROOT, "%s: %.1f Mbit/s sent, %.1f Mbit/s received", path,
                r.senderMbps(), r.receiverMbps()));
        java.util.OptionalDouble nodeCpu = cpuBefore.isPresent() && cpuAfter.isPresent()
                ? java.util.OptionalDouble.of(Math.max(0, cpuAfter.getAsDouble() - cpuBefore.getAsDouble())) : java.util.OptionalDouble.empty();
        return new PathResult(path, r, delta, nodeCpu);
    }

}
