package io.wanlab.bench.throughput;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SmallJsonTest {
    @Test
    void readsEveryKindOfValue() {
        Object v = SmallJson.parse(" {\"a\": [1, -2.5e3, 0.125, true, false, null], \"s\": \"x\\\"\\u00e9\\n\", \"o\": {}} ");

        assertThat(v).isEqualTo(Map.of("a", Arrays.asList(1.0, -2500.0, 0.125, true, false, null),
                "s", "x\"é\n", "o", Map.of()));
    }

    @Test
    void aRepeatedMemberKeepsItsLastValue() {
        assertThat(SmallJson.parse("{\"sock_bufsize\": 0, \"sock_bufsize\": 1}")).isEqualTo(Map.of("sock_bufsize", 1.0));
    }

    @Test
    void nestingUpToTheLimitIsFine() {
        String deep = "[".repeat(SmallJson.MAX_DEPTH + 1) + "]".repeat(SmallJson.MAX_DEPTH + 1);
        assertThat(SmallJson.parse(deep)).isInstanceOf(List.class);
    }

    @ParameterizedTest(name = "{index}: {0}")
    @CsvSource(delimiter = '|', value = {
        "leading zero digits | 012 | the end of the document",
        "bare minus | - | a digit",
        "dot without digits | 1. | a digit after the decimal point",
        "exponent without digits | 1e+ | a digit in the exponent",
        "hex | 0x10 | the end of the document",
        "NaN | NaN | a value",
        "Infinity | Infinity | a value",
        "single quotes | {'a': 1} | a quoted member name",
        "trailing comma | [1,] | a value",
        "unterminated string | \"abc | a closing quote",
        "bad escape | \"\\x\" | a valid escape",
        "short unicode escape | \"\\u12\" | four hex digits",
        "control character | \"a\tb\" | no control characters",
        "missing colon | {\"a\" 1} | ''':'''",
        "very long number | 1111111111111111111111111111111111111111111111111111111111111111111111 | a number of at most 64 characters",
    })
    void malformedInputNamesOffsetAndExpectation(String name, String json, String expected) {
        assertThatThrownBy(() -> SmallJson.parse(json))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("JSON at offset ")
                .hasMessageContaining("(expected: " + expected);
    }

    @Test
    void tooMuchInputIsRefusedBeforeParsing() {
        assertThatThrownBy(() -> SmallJson.parse(" ".repeat(SmallJson.MAX_LENGTH + 1)))
                .hasMessage("JSON: " + (SmallJson.MAX_LENGTH + 1) + " characters (expected: at most " + SmallJson.MAX_LENGTH + ")");
    }
}
