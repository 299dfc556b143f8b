package io.wanlab.bench.repro;

import io.wanlab.core.event.JsonWriter;
import java.util.List;

/** Renders report.json (see {@link ReportWriter#writeJson}); all steps of every ladder, uncapped. */
final class ReportJson {
    private ReportJson() {
    }

    static String render(boolean pass, List<ScenarioResult> results) {
        return JsonWriter.write(w -> {
            w.beginObject().field("verdict", pass ? "pass" : "fail");
            w.name("scenarios").beginArray();
            for (ScenarioResult r : results) {
                scenario(w, r);
            }
            w.endArray().endObject();
        }) + "\n";
    }

    private static void scenario(JsonWriter w, ScenarioResult r) {
        w.beginObject()
                .field("name", r.name())
                .field("phase", r.phase())
                .field("rules", r.rules())
                .field("predicted", r.predicted())
                .field("client", r.client())
                .field("expected", r.expected())
                .field("observed", r.observed())
                .field("pass", r.pass())
                .field("path", r.path());
        w.name("evidence").beginArray();
        for (String line : r.evidence()) {
            w.value(line);
        }
        w.endArray().field("elapsed_ms", r.elapsedMillis());
        w.name("ladder").beginArray();
        long origin = earliest(r.ladder());
        for (LadderStep s : r.ladder()) {
            w.beginObject()
                    .field("t_ms", millis(since(origin, s.timeNanos())))
                    .field("from", s.from())
                    .field("to", s.to())
                    .field("label", s.label())
                    .field("reset", s.reset())
                    .field("note", s.note())
                    .endObject();
        }
        w.endArray().endObject();
    }

    /** The earliest step time, so t_ms is never negative even if a capture delivered steps out of order. */
    private static long earliest(List<LadderStep> ladder) {
        long min = Long.MAX_VALUE;
        for (LadderStep s : ladder) {
            min = Math.min(min, s.timeNanos());
        }
        return min;
    }

    /** Nanoseconds from origin to t, saturated: absurd capture clocks must not wrap to a negative time. */
    private static long since(long origin, long t) {
        long d = t - origin;
        return d < 0 ? Long.MAX_VALUE : d;
    }

    /** Milliseconds to the microsecond, which is as fine as a capture's clock is worth reading. */
    private static double millis(long nanos) {
        return Math.round(nanos / 1_000.0) / 1_000.0;
    }
}
