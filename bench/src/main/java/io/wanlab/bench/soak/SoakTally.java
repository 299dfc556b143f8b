package io.wanlab.bench.soak;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Connections and steps counted over a stretch of a soak (a minute, or the whole run). A
 * connection is {@code made} when it worked as its scenario predicts, {@code predicted} when it
 * failed exactly as predicted (the seed's reset, the untrusted inspection CA), {@code explained}
 * when it failed otherwise during a reload or a flap (or across a reload), and {@code unexplained}
 * in every other case. One thread.
 */
final class SoakTally {
    long connections;
    long made;
    long predicted;
    long explained;
    long unexplained;
    /** Per path: [connections, as predicted]. */
    final Map<String, long[]> byPath = new TreeMap<>();
    final Map<String, Long> steps = new TreeMap<>();
    final List<String> failedSteps = new ArrayList<>();
    final List<String> unexplainedDetails = new ArrayList<>();

    void add(SoakConnections.Made m, String disturbance) {
        connections++;
        long[] p = byPath.computeIfAbsent(m.path(), k -> new long[2]);
        p[0]++;
        if (m.asPredicted()) {
            p[1]++;
            if (m.probe().expect() == io.wanlab.bench.repro.Scenario.Expect.OK) {
                made++;
            } else {
                predicted++;
            }
        } else if (disturbance != null || !m.phase().equals(m.endPhase())) {
            explained++;
        } else {
            unexplained++;
            if (unexplainedDetails.size() < 20) {
                unexplainedDetails.add(String.format("%d.%03d s %s in phase %s: %s (%s), expected %s", m.startMillis() / 1000,
                        m.startMillis() % 1000, m.probe().name(), m.phase(), m.outcome().label(), m.detail(), m.probe().expect().label()));
            }
        }
    }

    void step(String name, String failure) {
        steps.merge(name, 1L, Long::sum);
        if (failure != null) {
            failedSteps.add(name + ": " + failure);
        }
    }

    long failed() {
        return connections - made;
    }

    String line() {
        StringBuilder sb = new StringBuilder();
        sb.append("connections ").append(connections).append(": made ").append(made).append(", failed ").append(failed())
                .append(" (as predicted ").append(predicted).append(", during reload/flap ").append(explained)
                .append(", UNEXPLAINED ").append(unexplained).append(')');
        List<String> paths = new ArrayList<>();
        byPath.forEach((path, n) -> paths.add(path + " " + n[1] + "/" + n[0]));
        sb.append("; by path (as predicted/all): ").append(String.join(", ", paths));
        List<String> s = new ArrayList<>();
        steps.forEach((name, n) -> s.add(name + " " + n));
        sb.append("; steps: ").append(s.isEmpty() ? "none" : String.join(", ", s));
        if (!failedSteps.isEmpty()) {
            sb.append("; FAILED STEPS ").append(failedSteps.size());
        }
        return sb.toString();
    }
}
