package io.wanlab.bench.verify;

import io.wanlab.bench.repro.ReproRunner;
import io.wanlab.bench.repro.ScenarioResult;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * When a verify run passes, beyond every probe doing what was predicted: the lint and the
 * Socket's decision code agreed on every probe, the fixed lab has no predicted reset left, and
 * no probe that connected before the fix fails after it. The pass line says what was shown.
 */
public final class VerifyVerdict implements ReproRunner.Verdict {
    private final List<String> disagreements;

    public VerifyVerdict(List<String> disagreements) {
        this.disagreements = List.copyOf(disagreements);
    }

    @Override
    public List<String> failures(List<ScenarioResult> results) {
        List<String> out = new ArrayList<>();
        for (String d : disagreements) {
            out.add("prediction disagreement: " + d);
        }
        for (String id : ids(results, VerifyPlan.AFTER, true)) {
            out.add("the fix leaves a reset: " + id + " is predicted to reset on the fixed lab");
        }
        for (ScenarioResult before : results) {
            if (!before.phase().equals(VerifyPlan.BEFORE) || !connected(before)) {
                continue;
            }
            for (ScenarioResult after : results) {
                if (after.phase().equals(VerifyPlan.AFTER) && after.name().equals(before.name()) && after.client().equals(before.client())
                        && !connected(after)) {
                    out.add("the fix breaks a flow that worked: " + before.name() + " (" + before.client() + ") connected before, "
                            + "observed " + after.observed() + " after");
                }
            }
        }
        return out;
    }

    @Override
    public String passLine(List<ScenarioResult> results) {
        Set<String> resets = ids(results, VerifyPlan.BEFORE, true);
        Set<String> probes = new LinkedHashSet<>();
        results.forEach(r -> probes.add(r.name()));
        boolean after = results.stream().anyMatch(r -> r.phase().equals(VerifyPlan.AFTER));
        if (resets.isEmpty()) {
            return "no reset predicted or seen; " + count(probes.size(), "probe") + " connected as predicted";
        }
        return "the reset reproduces for " + String.join(", ", resets) + (after ? " and the fix removes it" : "")
                + "; " + count(probes.size() - resets.size(), "other probe") + " as predicted" + (after ? ", before and after" : "");
    }

    static String count(int n, String what) {
        return n + " " + what + (n == 1 ? "" : "s");
    }

    private static Set<String> ids(List<ScenarioResult> results, String phase, boolean reset) {
        Set<String> out = new LinkedHashSet<>();
        for (ScenarioResult r : results) {
            if (r.phase().equals(phase) && r.expected().equals("reset") == reset) {
                out.add(r.name());
            }
        }
        return out;
    }

    private static boolean connected(ScenarioResult r) {
        return r.observed().startsWith("ok");
    }
}
