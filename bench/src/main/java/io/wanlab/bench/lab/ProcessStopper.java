package io.wanlab.bench.lab;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** SIGTERM to a set of processes, a grace period for them to exit, then SIGKILL to the rest. */
final class ProcessStopper {
    private static final long POLL_MILLIS = 50;
    private static final Duration AFTER_KILL = Duration.ofSeconds(1);

    /** How one process ended: {@code forced} when it needed SIGKILL, {@code survived} when even that did not show. */
    record Outcome(long pid, String label, boolean forced, boolean survived) {
        String describe() {
            return "pid " + pid + " (" + label + ")" + (survived ? " did not exit after SIGKILL" : forced ? " (SIGKILL)" : "");
        }
    }

    private final ProcessTable processes;
    private final Duration grace;

    ProcessStopper(ProcessTable processes, Duration grace) {
        this.processes = requireNonNull(processes, "processes");
        this.grace = requireNonNull(grace, "grace");
    }

    /** Stops every pid of the map (pid to a label for the report), never this process itself or pid 1. */
    List<Outcome> stop(Map<Long, String> targets) {
        Map<Long, String> live = new LinkedHashMap<>();
        for (Map.Entry<Long, String> e : targets.entrySet()) {
            long pid = e.getKey();
            if (pid > 1 && pid != processes.self() && processes.isAlive(pid)) {
                live.put(pid, e.getValue());
            }
        }
        for (long pid : live.keySet()) {
            processes.terminate(pid);
        }
        List<Long> remaining = waitForExit(new ArrayList<>(live.keySet()), grace);
        for (long pid : remaining) {
            processes.kill(pid);
        }
        List<Long> survivors = waitForExit(remaining, AFTER_KILL);
        List<Outcome> out = new ArrayList<>();
        for (Map.Entry<Long, String> e : live.entrySet()) {
            long pid = e.getKey();
            out.add(new Outcome(pid, e.getValue(), remaining.contains(pid), survivors.contains(pid)));
        }
        return out;
    }

    private List<Long> waitForExit(List<Long> pids, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        List<Long> alive = new ArrayList<>(pids);
        while (true) {
            alive.removeIf(pid -> !processes.isAlive(pid));
            if (alive.isEmpty() || System.nanoTime() - deadline >= 0) {
                return alive;
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return alive;
            }
        }
    }
}
