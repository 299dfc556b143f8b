package io.wanlab.bench.repro;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes the outcome of {@code wanlab repro} as report.json (for tools), junit.xml (for CI) and
 * report.html (for people: a summary and a ladder diagram per scenario and client). Each file is
 * rendered in memory and written in one go as UTF-8, replacing any old file. Stateless; safe from
 * any thread.
 */
public final class ReportWriter {
    private ReportWriter() {
    }

    /**
     * report.json: {@code {"verdict": "pass"|"fail", "scenarios": [{name, client, expected, observed,
     * pass, path, evidence, elapsed_ms, ladder: [{t_ms, from, to, label, reset, note}]}]}}, where
     * t_ms counts milliseconds from the scenario's earliest step.
     */
    public static void writeJson(Path file, boolean pass, List<ScenarioResult> results) throws IOException {
        requireNonNull(file, "file");
        requireNonNull(results, "results");
        write(file, ReportJson.render(pass, results));
    }

    /**
     * junit.xml: one testsuite "wanlab repro", one testcase per result (classname
     * {@code repro.<scenario>}, name {@code <client>}); a failed result carries a failure whose
     * message says what was expected and observed and whose body lists the evidence.
     */
    public static void writeJunit(Path file, List<ScenarioResult> results, long totalMillis) throws IOException {
        requireNonNull(file, "file");
        requireNonNull(results, "results");
        if (totalMillis < 0) {
            throw new IllegalArgumentException("totalMillis: " + totalMillis + " (expected: >= 0)");
        }
        write(file, ReportJunit.render(results, totalMillis));
    }

    /**
     * report.html: one self-contained page (inline CSS and SVG, no script, nothing fetched) with
     * the verdict, a summary table and, per result, its evidence and a ladder diagram.
     */
    public static void writeHtml(Path file, boolean pass, List<ScenarioResult> results, String title) throws IOException {
        requireNonNull(file, "file");
        requireNonNull(results, "results");
        requireNonNull(title, "title");
        write(file, ReportHtml.render(pass, results, title));
    }

    private static void write(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    /**
     * Escapes text for XML and HTML, in element content and in quoted attributes alike. Characters
     * XML 1.0 forbids (C0 controls other than tab, newline and return, C1 controls, unpaired
     * surrogates, U+FFFE and U+FFFF) become U+FFFD, so a hostile capture comment cannot make the
     * file unreadable; tab, newline and return become character references so attributes keep them.
     */
    static String escape(String s) {
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String replacement = replacement(s, i, c);
            if (replacement == null) {
                if (out != null) {
                    out.append(c);
                }
                continue;
            }
            if (out == null) {
                out = new StringBuilder(s.length() + 16).append(s, 0, i);
            }
            out.append(replacement);
        }
        return out == null ? s : out.toString();
    }

    /** The text that replaces the char at {@code i}, or null when it passes through. */
    private static String replacement(String s, int i, char c) {
        return switch (c) {
            case '&' -> "&amp;";
            case '<' -> "&lt;";
            case '>' -> "&gt;";
            case '"' -> "&quot;";
            case '\'' -> "&#39;";
            case '\t' -> "&#9;";
            case '\n' -> "&#10;";
            case '\r' -> "&#13;";
            default -> forbidden(s, i, c) ? "\ufffd" : null;
        };
    }

    private static boolean forbidden(String s, int i, char c) {
        if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0xfffe || c == 0xffff) {
            return true;
        }
        if (Character.isHighSurrogate(c)) {
            return i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1));
        }
        if (Character.isLowSurrogate(c)) {
            return i == 0 || !Character.isHighSurrogate(s.charAt(i - 1));
        }
        return false;
    }
}
