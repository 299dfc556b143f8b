package io.wanlab.bench.repro;

import io.wanlab.core.json.Json;
import java.util.List;
import tools.jackson.core.JsonGenerator;

/** Renders report.json (see {@link ReportWriter#writeJson}); all steps of every ladder, uncapped. */
final class ReportJson {
    private ReportJson() {
    }

    static String render(boolean pass, List<ScenarioResult> results) {
        return Json.write(g -> {
            g.writeStartObject().writeStringProperty("verdict", pass ? "pass" : "fail");
            g.writeArrayPropertyStart("scenarios");
            for (ScenarioResult r : results) {
                scenario(g, r);
            }
            g.writeEndArray().writeEndObject();
        }) + "\n";
    }

    private static void scenario(JsonGenerator g, ScenarioResult r) {
        g.writeStartObject()
                .writeStringProperty("name", r.name())
                .writeStringProperty("phase", r.phase())
                .writeStringProperty("rules", r.rules())
                .writeStringProperty("predicted", r.predicted())
                .writeStringProperty("client", r.client())
                .writeStringProperty("expected", r.expected())
                .writeStringProperty("observed", r.observed())
                .writeBooleanProperty("pass", r.pass())
                .writeStringProperty("path", r.path());
        g.writeArrayPropertyStart("evidence");
        for (String line : r.evidence()) {
            g.writeString(line);
        }
        g.writeEndArray().writeNumberProperty("elapsed_ms", r.elapsedMillis());
        g.writeArrayPropertyStart("ladder");
        long origin = earliest(r.ladder());
        for (LadderStep s : r.ladder()) {
            g.writeStartObject()
                    .writeNumberProperty("t_ms", millis(since(origin, s.timeNanos())))
                    .writeStringProperty("from", s.from())
                    .writeStringProperty("to", s.to())
                    .writeStringProperty("label", s.label())
                    .writeBooleanProperty("reset", s.reset())
                    .writeStringProperty("note", s.note())
                    .writeEndObject();
        }
        g.writeEndArray().writeEndObject();
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
