package io.wanlab.bench.repro;

import static io.wanlab.bench.repro.ReportWriterTest.T0;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ReportJsonTest {
    @Test
    void scenarioHasEveryFieldInOrder() {
        Map<String, Object> scenario = scenarios(ReportJson.render(true, List.of(ReportWriterTest.passing()))).getFirst();
        assertThat(scenario.keySet()).containsExactly(
                "name", "phase", "rules", "predicted", "client", "expected", "observed", "pass", "path", "evidence", "elapsed_ms", "ladder");
        assertThat(scenario.get("expected")).isEqualTo("ok");
        assertThat(scenario.get("observed")).isEqualTo("ok (200, 120 B)");
        assertThat(scenario.get("pass")).isEqualTo(true);
        assertThat(scenario.get("path")).isEqualTo("SYN: socket-a > off-cloud > socket-b; ClientHello: socket-a > off-cloud > socket-b");
        assertThat(scenario.get("elapsed_ms")).isEqualTo(850L);
        Map<String, Object> step = TinyJson.asMap(TinyJson.asList(scenario.get("ladder")).get(1));
        assertThat(step.keySet()).containsExactly("t_ms", "from", "to", "label", "reset", "note");
        assertThat(step.get("from")).isEqualTo("socket-a");
        assertThat(step.get("to")).isEqualTo("socket-b");
        assertThat(step.get("label")).isEqualTo("SYN");
        assertThat(step.get("reset")).isEqualTo(false);
        assertThat(step.get("note")).isEqualTo("rule #1 simple-direct, off-cloud");
    }

    @Test
    void verdictFollowsTheCallerNotTheResults() {
        assertThat(ReportJson.render(false, List.of(ReportWriterTest.passing()))).startsWith("{\"verdict\":\"fail\"");
        assertThat(ReportJson.render(true, List.of())).isEqualTo("{\"verdict\":\"pass\",\"scenarios\":[]}\n");
    }

    @Test
    void timesCountFromTheEarliestStepToTheMicrosecond() {
        ScenarioResult r = withLadder(List.of(
                new LadderStep(T0 + 2_500_000, "client", "socket-a", "late", false, ""),
                new LadderStep(T0, "client", "socket-a", "first", false, ""),
                new LadderStep(T0 + 1_234_567, "socket-a", "pop", "mid", false, "")));
        List<Object> ladder = TinyJson.asList(scenarios(ReportJson.render(true, List.of(r))).getFirst().get("ladder"));
        assertThat(ladder).extracting(s -> TinyJson.asMap(s).get("t_ms"))
                .as("capture order kept, times relative to the earliest, never negative")
                .containsExactly(2.5, 0.0, 1.235);
    }

    @Test
    void absurdClocksDoNotWrapNegative() {
        ScenarioResult r = withLadder(List.of(
                new LadderStep(Long.MIN_VALUE, "client", "socket-a", "a", false, ""),
                new LadderStep(Long.MAX_VALUE, "client", "socket-a", "b", false, "")));
        List<Object> ladder = TinyJson.asList(scenarios(ReportJson.render(true, List.of(r))).getFirst().get("ladder"));
        assertThat((Double) TinyJson.asMap(ladder.get(1)).get("t_ms")).isPositive();
    }

    @ParameterizedTest(name = "{index}: {0}")
    @ValueSource(strings = {"quote \" and backslash \\", "newline\nand tab\t", "nul \u0000 esc \u001b[31m", "unpaired \ud800 surrogate",
            "emoji \ud83d\ude00", "</script><!--", "{\"verdict\":\"pass\"}"})
    void hostileTextRoundTrips(String text) {
        ScenarioResult r = new ScenarioResult(text, text, text, text, false, text, List.of(text), 1,
                List.of(new LadderStep(T0, text, text, text, true, text)));
        Map<String, Object> scenario = scenarios(ReportJson.render(false, List.of(r))).getFirst();
        String expected = text.replace('\ud800', '\ufffd'); // JsonWriter escapes it; the parser below reads it as U+FFFD
        assertThat(scenario.get("name")).isEqualTo(expected);
        assertThat(TinyJson.asList(scenario.get("evidence"))).containsExactly(expected);
        assertThat(TinyJson.asMap(TinyJson.asList(scenario.get("ladder")).getFirst()).get("note")).isEqualTo(expected);
    }

    private static ScenarioResult withLadder(List<LadderStep> ladder) {
        return new ScenarioResult("s", "builtin", "ok", "ok", true, "p", List.of(), 1, ladder);
    }

    private static List<Map<String, Object>> scenarios(String json) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object o : TinyJson.asList(TinyJson.asMap(TinyJson.parse(json)).get("scenarios"))) {
            out.add(TinyJson.asMap(o));
        }
        return out;
    }

    /**
     * Just enough of a strict JSON reader to check the report's structure: Map (in order), List,
     * String, Long, Double, Boolean, null. An unpaired surrogate escape reads as U+FFFD.
     */
    static final class TinyJson {
        private final String s;
        private int i;

        private TinyJson(String s) {
            this.s = s;
        }

        @SuppressWarnings("unchecked")
        static Map<String, Object> asMap(Object o) {
            return (Map<String, Object>) o;
        }

        @SuppressWarnings("unchecked")
        static List<Object> asList(Object o) {
            return (List<Object>) o;
        }

        static Object parse(String s) {
            TinyJson p = new TinyJson(s.strip());
            Object v = p.value();
            if (p.i != p.s.length()) {
                throw new IllegalArgumentException("json: trailing text at " + p.i);
            }
            return v;
        }

        private Object value() {
            char c = s.charAt(i);
            return switch (c) {
                case '{' -> object();
                case '[' -> array();
                case '"' -> string();
                case 't' -> literal("true", Boolean.TRUE);
                case 'f' -> literal("false", Boolean.FALSE);
                case 'n' -> literal("null", null);
                default -> number();
            };
        }

        private Map<String, Object> object() {
            Map<String, Object> map = new LinkedHashMap<>();
            i++;
            if (s.charAt(i) == '}') {
                i++;
                return map;
            }
            while (true) {
                String key = string();
                expect(':');
                if (map.put(key, value()) != null) {
                    throw new IllegalArgumentException("json: duplicate " + key);
                }
                if (s.charAt(i) == '}') {
                    i++;
                    return map;
                }
                expect(',');
            }
        }

        private List<Object> array() {
            List<Object> list = new ArrayList<>();
            i++;
            if (s.charAt(i) == ']') {
                i++;
                return list;
            }
            while (true) {
                list.add(value());
                if (s.charAt(i) == ']') {
                    i++;
                    return list;
                }
                expect(',');
            }
        }

        private String string() {
            expect('"');
            StringBuilder sb = new StringBuilder();
            while (true) {
                char c = s.charAt(i++);
                if (c == '"') {
                    return sb.toString();
                }
                if (c < 0x20) {
                    throw new IllegalArgumentException("json: raw control character at " + (i - 1));
                }
                if (c != '\\') {
                    sb.append(c);
                    continue;
                }
                char e = s.charAt(i++);
                switch (e) {
                    case '"', '\\', '/' -> sb.append(e);
                    case 'n' -> sb.append('\n');
                    case 't' -> sb.append('\t');
                    case 'r' -> sb.append('\r');
                    case 'b' -> sb.append('\b');
                    case 'f' -> sb.append('\f');
                    case 'u' -> {
                        char u = (char) Integer.parseInt(s.substring(i, i + 4), 16);
                        i += 4;
                        sb.append(Character.isSurrogate(u) ? '\ufffd' : u);
                    }
                    default -> throw new IllegalArgumentException("json: bad escape at " + i);
                }
            }
        }

        private Object number() {
            int start = i;
            while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) {
                i++;
            }
            String n = s.substring(start, i);
            if (n.isEmpty()) {
                throw new IllegalArgumentException("json: a value at " + start);
            }
            return n.contains(".") || n.contains("e") || n.contains("E") ? (Object) Double.parseDouble(n) : (Object) Long.parseLong(n);
        }

        private Object literal(String word, Object v) {
            if (!s.startsWith(word, i)) {
                throw new IllegalArgumentException("json: " + word + " at " + i);
            }
            i += word.length();
            return v;
        }

        private void expect(char c) {
            if (s.charAt(i) != c) {
                throw new IllegalArgumentException("json: '" + c + "' at " + i + ", found '" + s.charAt(i) + "'");
            }
            i++;
        }
    }
}
