package io.wanlab.bench.repro;

import static io.wanlab.bench.repro.ReportWriter.escape;

import java.util.List;
import java.util.Locale;

/**
 * Renders report.html (see {@link ReportWriter#writeHtml}): a verdict banner, a summary table
 * linking to one section per result, and in each section the evidence and the ladder. The page
 * is also well-formed XML (every element closed, only XML's own entities), which keeps it easy
 * to check and to post-process.
 */
final class ReportHtml {
    private static final String MISSING = "MISSING: ";

    private static final String CSS = """
            :root { color-scheme: light; }
            body { font: 14px/1.45 system-ui, -apple-system, 'Segoe UI', sans-serif; color: #263238; margin: 0; background: #fafbfc; }
            header { padding: 18px 28px; color: #fff; }
            header.pass { background: #2e7d32; }
            header.fail { background: #c62828; }
            header h1 { margin: 0; font-size: 22px; }
            header p { margin: 4px 0 0; font-size: 15px; opacity: .95; }
            main { padding: 8px 28px 40px; max-width: 1400px; }
            h2 { font-size: 17px; margin: 32px 0 8px; padding-top: 12px; border-top: 1px solid #cfd8dc; }
            h3 { font-size: 14px; margin: 16px 0 6px; color: #455a64; }
            table.summary { border-collapse: collapse; width: 100%; margin-top: 16px; background: #fff; }
            table.summary th, table.summary td { border: 1px solid #cfd8dc; padding: 5px 8px; text-align: left; vertical-align: top; }
            table.summary th { background: #eceff1; font-weight: 600; }
            table.summary td { overflow-wrap: anywhere; }
            td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
            .badge { display: inline-block; white-space: nowrap; padding: 1px 8px; border-radius: 10px;
                     color: #fff; font-size: 12px; font-weight: 600; }
            .badge.pass { background: #2e7d32; }
            .badge.fail { background: #c62828; }
            dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 0; }
            dl.facts dt { color: #607d8b; }
            dl.facts dd { margin: 0; overflow-wrap: anywhere; }
            ul.evidence { margin: 0; padding-left: 20px; font-size: 12.5px;
                          font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace; }
            ul.evidence li { white-space: pre-wrap; overflow-wrap: anywhere; }
            ul.evidence li.missing { color: #c62828; font-weight: 600; }
            .ladder-box { overflow-x: auto; background: #fff; border: 1px solid #cfd8dc; padding: 6px 0; }
            .ladder-box svg { display: block; }
            p.none { color: #607d8b; font-style: italic; margin: 0; }
            a { color: inherit; }
            """;

    private ReportHtml() {
    }

    static String render(boolean pass, List<ScenarioResult> results, String title) {
        int passed = 0;
        for (ScenarioResult r : results) {
            if (r.pass()) {
                passed++;
            }
        }
        String verdict = pass ? "pass" : "fail";
        StringBuilder out = new StringBuilder(8192);
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n")
                .append("<title>").append(escape(title)).append(" — ").append(verdict).append("</title>\n")
                .append("<style>\n").append(CSS).append("</style>\n</head>\n<body>\n");
        out.append("<header class=\"verdict ").append(verdict).append("\"><h1>").append(escape(title)).append("</h1>")
                .append("<p>Verdict: <strong>").append(pass ? "PASS" : "FAIL").append("</strong> — ")
                .append(passed).append(" of ").append(results.size()).append(results.size() == 1 ? " run" : " runs")
                .append(" passed</p></header>\n<main>\n");
        summary(out, results);
        for (int i = 0; i < results.size(); i++) {
            section(out, results.get(i), i);
        }
        return out.append("</main>\n</body>\n</html>\n").toString();
    }

    private static void summary(StringBuilder out, List<ScenarioResult> results) {
        out.append("<table class=\"summary\">\n<thead><tr><th>scenario</th><th>client</th><th>expected</th><th>observed</th>")
                .append("<th>pass</th><th>path</th><th>elapsed</th></tr></thead>\n<tbody>\n");
        for (int i = 0; i < results.size(); i++) {
            ScenarioResult r = results.get(i);
            out.append("<tr><td><a href=\"#").append(anchor(i)).append("\">").append(escape(r.id())).append("</a></td>")
                    .append("<td>").append(escape(r.client())).append("</td>")
                    .append("<td>").append(escape(r.expected())).append("</td>")
                    .append("<td>").append(escape(r.observed())).append("</td>")
                    .append("<td>").append(badge(r.pass())).append("</td>")
                    .append("<td>").append(escape(r.path())).append("</td>")
                    .append("<td class=\"num\">").append(elapsed(r.elapsedMillis())).append("</td></tr>\n");
        }
        if (results.isEmpty()) {
            out.append("<tr><td colspan=\"7\"><p class=\"none\">no scenarios ran</p></td></tr>\n");
        }
        out.append("</tbody>\n</table>\n");
    }

    private static void section(StringBuilder out, ScenarioResult r, int i) {
        out.append("<section id=\"").append(anchor(i)).append("\">\n<h2>").append(escape(r.id())).append(" · ")
                .append(escape(r.client())).append(' ').append(badge(r.pass())).append("</h2>\n");
        out.append("<dl class=\"facts\">");
        if (!r.rules().isEmpty()) {
            out.append("<dt>rules</dt><dd>").append(escape(r.rules())).append("</dd>");
        }
        if (!r.predicted().isEmpty()) {
            out.append("<dt>predicted</dt><dd>").append(escape(r.predicted())).append("</dd>");
        }
        out.append("<dt>expected</dt><dd>").append(escape(r.expected()))
                .append("</dd><dt>observed</dt><dd>").append(escape(r.observed()))
                .append("</dd><dt>path</dt><dd>").append(escape(r.path()))
                .append("</dd><dt>elapsed</dt><dd>").append(elapsed(r.elapsedMillis())).append("</dd></dl>\n");
        out.append("<h3>Evidence</h3>\n");
        if (r.evidence().isEmpty()) {
            out.append("<p class=\"none\">no evidence recorded</p>\n");
        } else {
            out.append("<ul class=\"evidence\">\n");
            for (String line : r.evidence()) {
                out.append(line.startsWith(MISSING) ? "<li class=\"missing\">" : "<li>").append(escape(line)).append("</li>\n");
            }
            out.append("</ul>\n");
        }
        out.append("<h3>Ladder</h3>\n<div class=\"ladder-box\">\n").append(LadderSvg.render(r.ladder(), r.lanes())).append("</div>\n</section>\n");
    }

    /** Positional, so that hostile or repeated scenario names cannot collide or break the id. */
    private static String anchor(int i) {
        return "run-" + (i + 1);
    }

    private static String badge(boolean pass) {
        return pass ? "<span class=\"badge pass\">pass</span>" : "<span class=\"badge fail\">fail</span>";
    }

    private static String elapsed(long millis) {
        if (millis < 1000) {
            return millis + " ms";
        }
        return String.format(Locale.ROOT, "%.2f s", millis / 1000.0);
    }
}
