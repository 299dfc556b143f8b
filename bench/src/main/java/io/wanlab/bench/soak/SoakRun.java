package io.wanlab.bench.soak;

import static java.util.Objects.requireNonNull;

import io.wanlab.bench.lab.NodeSample;
import io.wanlab.bench.repro.AccountingCheck;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A soak of a lab that is up: steady new TLS connections ({@link SoakConnections}) for
 * {@code length}, the {@link SoakStep}s on their schedules, every {@code sampleEvery} each node's
 * heap and RSS, and every {@code reportEvery} a line per stretch: connections made and failed (by
 * path), steps, and each node's memory. At the end: Netty's leak reports in the node logs, every
 * device's books, and the memory trend from the first sample after {@code warmUp} to the last.
 */
final class SoakRun {
    /** How long after a reload or flap ends a failed connection is still put down to it. */
    static final Duration GRACE = Duration.ofSeconds(3);

    record Plan(String lab, String clientHost, List<String> nodes, List<String> devices, Path run, Duration length, double rate,
            Duration sampleEvery, Duration reportEvery, Duration warmUp) {
        Plan {
            nodes = List.copyOf(nodes);
            devices = List.copyOf(devices);
            requireNonNull(run, "run");
            if (!(rate > 0 && rate <= SoakCommand.MAX_RATE)) {
                throw new IllegalArgumentException("--rate " + rate + " (expected: more than 0, at most " + SoakCommand.MAX_RATE + " per second)");
            }
        }
    }

    private final Plan plan;
    private final List<SoakStep> steps;
    private final AtomicReference<SoakPhase> phase;
    private final PrintStream out;
    /** [start, end + grace] in ms since the soak started, and the step's name, of each disturbing step. */
    private final List<long[]> windows = new ArrayList<>();
    private final List<String> windowNames = new ArrayList<>();

    SoakRun(Plan plan, List<SoakStep> steps, AtomicReference<SoakPhase> phase, PrintStream out) {
        this.plan = requireNonNull(plan, "plan");
        this.steps = List.copyOf(steps);
        this.phase = requireNonNull(phase, "phase");
        this.out = requireNonNull(out, "out");
    }

    SoakReport run() throws Exception {
        long start = System.nanoTime();
        SoakConnections connections = new SoakConnections(plan.lab(), plan.clientHost(), plan.run(), plan.rate(), phase, start);
        SoakTally total = new SoakTally();
        SoakTally stretch = new SoakTally();
        Map<String, List<long[]>> memory = new LinkedHashMap<>();
        List<String> stretches = new ArrayList<>();
        long[] due = new long[steps.size()];
        for (int i = 0; i < steps.size(); i++) {
            due[i] = steps.get(i).offset().toMillis();
        }
        long end = plan.length().toMillis();
        long nextSample = 0;
        long nextReport = plan.reportEvery().toMillis();
        int stretchNumber = 0;
        out.printf("soak: %d s, %.1f new TLS connections/s from %s, phases starting with %s; steps: %s%n", end / 1000, plan.rate(),
                plan.clientHost(), phase.get().name(), steps.stream().map(s -> s.name() + " every " + s.period().toSeconds() + " s").toList());
        connections.start();
        try {
            while (true) {
                long now = millis(start);
                if (now >= nextSample) {
                    sampleMemory(now, memory);
                    nextSample = now + plan.sampleEvery().toMillis();
                }
                for (int i = 0; i < steps.size(); i++) {
                    if (now >= due[i] && now < end) {
                        runStep(steps.get(i), start, total, stretch);
                        due[i] += steps.get(i).period().toMillis();
                    }
                }
                classify(connections.drain(), total, stretch);
                now = millis(start);
                if (now >= nextReport || now >= end) {
                    stretchNumber++;
                    String line = String.format("%s %d (%d s): %s", plan.reportEvery().toSeconds() == 60 ? "minute" : "stretch",
                            stretchNumber, now / 1000, stretch.line());
                    out.println(line);
                    stretches.add(line);
                    for (String node : plan.nodes()) {
                        List<long[]> m = memory.getOrDefault(node, List.of());
                        long[] last = m.isEmpty() ? new long[] {0, -1, -1} : m.getLast();
                        out.println("    " + node + ": rss " + NodeSample.mb(last[1]) + ", heap " + NodeSample.mb(last[2]));
                    }
                    stretch = new SoakTally();
                    nextReport += plan.reportEvery().toMillis();
                }
                if (now >= end) {
                    break;
                }
                if (connections.failure() != null) {
                    break;
                }
                Thread.sleep(Math.min(200, Math.max(1, Math.min(end, nextSample) - now)));
            }
        } finally {
            connections.stop();
        }
        classify(connections.drain(), total, stretch);
        sampleMemory(millis(start), memory);
        LeakScan.Result leaks = LeakScan.scan(plan.nodes().stream().map(n -> plan.run().resolve(n + ".log")).toList());
        List<String> books = AccountingCheck.after(plan.lab(), plan.devices());
        Map<String, NodeSample> last = new LinkedHashMap<>();
        for (String node : plan.nodes()) {
            last.put(node, NodeSample.ask(plan.lab(), node));
        }
        return new SoakReport(plan.length(), plan.rate(), total, stretches, memory, plan.warmUp().toMillis(), leaks, books, last,
                connections.failure());
    }

    private void runStep(SoakStep step, long start, SoakTally total, SoakTally stretch) {
        long from = millis(start);
        String failure = null;
        String line;
        try {
            line = step.run();
        } catch (Exception e) {
            failure = e.getClass().getSimpleName() + ": " + e.getMessage();
            line = "FAILED: " + failure;
        }
        long to = millis(start);
        if (step.disturbs()) {
            windows.add(new long[] {from, to + GRACE.toMillis()});
            windowNames.add(step.name());
        }
        total.step(step.name(), failure);
        stretch.step(step.name(), failure);
        out.printf("  %3d s %s: %s%n", from / 1000, step.name(), line);
    }

    private void classify(List<SoakConnections.Made> made, SoakTally total, SoakTally stretch) {
        for (SoakConnections.Made m : made) {
            String why = disturbance(m.startMillis(), m.endMillis());
            total.add(m, why);
            stretch.add(m, why);
        }
    }

    /** The disturbing step whose window overlaps [from, to], or null. */
    private String disturbance(long from, long to) {
        for (int i = 0; i < windows.size(); i++) {
            long[] w = windows.get(i);
            if (from <= w[1] && to >= w[0]) {
                return windowNames.get(i);
            }
        }
        return null;
    }

    private void sampleMemory(long now, Map<String, List<long[]>> memory) {
        for (String node : plan.nodes()) {
            NodeSample s = NodeSample.ask(plan.lab(), node);
            memory.computeIfAbsent(node, k -> new ArrayList<>()).add(new long[] {now, s.rss(), s.heapUsed()});
        }
    }

    private static long millis(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
