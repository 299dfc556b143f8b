package io.wanlab.bench.repro;

import static io.wanlab.bench.repro.ReportWriter.escape;

import java.util.List;
import java.util.Locale;

/** Renders junit.xml (see {@link ReportWriter#writeJunit}) in the shape Surefire writes and CI servers read. */
final class ReportJunit {
    private ReportJunit() {
    }

    static String render(List<ScenarioResult> results, long totalMillis) {
        int failures = 0;
        for (ScenarioResult r : results) {
            if (!r.pass()) {
                failures++;
            }
        }
        StringBuilder out = new StringBuilder(512 + results.size() * 256);
        out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        out.append("<testsuite name=\"wanlab repro\" tests=\"").append(results.size())
                .append("\" failures=\"").append(failures)
                .append("\" errors=\"0\" skipped=\"0\" time=\"").append(seconds(totalMillis)).append("\">\n");
        for (ScenarioResult r : results) {
            testcase(out, r);
        }
        return out.append("</testsuite>\n").toString();
    }

    private static void testcase(StringBuilder out, ScenarioResult r) {
        out.append("  <testcase classname=\"").append(escape("repro." + r.name() + (r.phase().isEmpty() ? "" : "." + r.phase())))
                .append("\" name=\"").append(escape(r.client()))
                .append("\" time=\"").append(seconds(r.elapsedMillis())).append('"');
        if (r.pass()) {
            out.append("/>\n");
            return;
        }
        out.append(">\n    <failure message=\"")
                .append(escape("expected " + r.expected() + ", observed " + r.observed()))
                .append("\" type=\"repro\">");
        for (String line : r.evidence()) {
            out.append(escape(line)).append('\n');
        }
        out.append("</failure>\n  </testcase>\n");
    }

    /** Seconds with millisecond precision; a negative duration (a clock step) reads as zero. */
    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.3f", Math.max(0, millis) / 1000.0);
    }
}
