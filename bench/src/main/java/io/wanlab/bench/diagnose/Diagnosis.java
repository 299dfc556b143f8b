package io.wanlab.bench.diagnose;

import java.util.List;
import java.util.Map;

/**
 * One capture's diagnosis.
 *
 * @param frames  frames read
 * @param skipped frames that were not IPv4 TCP, by reason
 */
public record Diagnosis(String file, long frames, Map<String, Long> skipped, List<FlowReport> flows,
        List<RulesReplay.Result> replays) {
    public Diagnosis {
        skipped = Map.copyOf(skipped);
        flows = List.copyOf(flows);
        replays = List.copyOf(replays);
    }

    public List<Finding> findings() {
        return flows.stream().flatMap(f -> f.findings().stream()).toList();
    }

    /** Replays that predict a reset. */
    public long predictedResets() {
        return replays.stream().filter(RulesReplay.Result::reset).count();
    }
}
