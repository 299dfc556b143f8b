package io.wanlab.bench.repro;

import static io.wanlab.bench.repro.ReportWriterTest.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.wanlab.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.List;
import tools.jackson.databind.JsonNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ReportJsonTest {
    @Test
    void scenarioHasEveryFieldInOrder() {
        JsonNode scenario = scenarios(ReportJson.render(true, List.of(ReportWriterTest.passing()))).getFirst();
        assertThat(scenario.propertyNames()).containsExactly(
                "name", "phase", "rules", "predicted", "client", "expected", "observed", "pass", "path", "evidence", "elapsed_ms", "ladder");
        assertThat(scenario.get("expected").stringValue()).isEqualTo("ok");
        assertThat(scenario.get("observed").stringValue()).isEqualTo("ok (200, 120 B)");
        assertThat(scenario.get("pass").isBoolean()).isTrue();
        assertThat(scenario.get("pass").booleanValue()).isTrue();
        assertThat(scenario.get("path").stringValue())
                .isEqualTo("SYN: socket-a > off-cloud > socket-b; ClientHello: socket-a > off-cloud > socket-b");
        assertThat(scenario.get("elapsed_ms").isIntegralNumber()).as("elapsed_ms is a whole number").isTrue();
        assertThat(scenario.get("elapsed_ms").longValue()).isEqualTo(850L);
        JsonNode step = scenario.get("ladder").get(1);
        assertThat(step.propertyNames()).containsExactly("t_ms", "from", "to", "label", "reset", "note");
        assertThat(step.get("from").stringValue()).isEqualTo("socket-a");
        assertThat(step.get("to").stringValue()).isEqualTo("socket-b");
        assertThat(step.get("label").stringValue()).isEqualTo("SYN");
        assertThat(step.get("reset").isBoolean()).isTrue();
        assertThat(step.get("reset").booleanValue()).isFalse();
        assertThat(step.get("note").stringValue()).isEqualTo("rule #1 simple-direct, off-cloud");
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
        JsonNode ladder = scenarios(ReportJson.render(true, List.of(r))).getFirst().get("ladder");
        assertThat(ladder.valueStream().map(s -> s.get("t_ms").doubleValue()).toList())
                .as("capture order kept, times relative to the earliest, never negative")
                .containsExactly(2.5, 0.0, 1.235);
    }

    @Test
    void absurdClocksDoNotWrapNegative() {
        ScenarioResult r = withLadder(List.of(
                new LadderStep(Long.MIN_VALUE, "client", "socket-a", "a", false, ""),
                new LadderStep(Long.MAX_VALUE, "client", "socket-a", "b", false, "")));
        JsonNode ladder = scenarios(ReportJson.render(true, List.of(r))).getFirst().get("ladder");
        assertThat(ladder.get(1).get("t_ms").doubleValue()).isPositive();
    }

    @ParameterizedTest(name = "{index}: {0}")
    @ValueSource(strings = {"quote \" and backslash \\", "newline\nand tab\t", "nul \u0000 esc \u001b[31m", "unpaired \ud800 surrogate",
            "emoji \ud83d\ude00", "</script><!--", "{\"verdict\":\"pass\"}"})
    void hostileTextRoundTrips(String text) {
        ScenarioResult r = new ScenarioResult(text, text, text, text, false, text, List.of(text), 1,
                List.of(new LadderStep(T0, text, text, text, true, text)));
        String json = ReportJson.render(false, List.of(r));
        assertThat(StandardCharsets.UTF_8.newEncoder().canEncode(json)).as("the report can be written as UTF-8").isTrue();
        JsonNode scenario = scenarios(json).getFirst();
        assertThat(scenario.get("name").stringValue()).as("surrogates escaped, so even an unpaired one comes back").isEqualTo(text);
        assertThat(scenario.get("evidence").get(0).stringValue()).isEqualTo(text);
        assertThat(scenario.get("evidence").size()).isEqualTo(1);
        assertThat(scenario.get("ladder").get(0).get("note").stringValue()).isEqualTo(text);
    }

    private static ScenarioResult withLadder(List<LadderStep> ladder) {
        return new ScenarioResult("s", "builtin", "ok", "ok", true, "p", List.of(), 1, ladder);
    }

    /** The report's scenarios, read back strictly (duplicate members would fail). */
    static List<JsonNode> scenarios(String json) {
        return Json.strict().readTree(json).get("scenarios").valueStream().toList();
    }
}
