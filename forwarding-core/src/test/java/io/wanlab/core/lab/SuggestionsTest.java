package io.wanlab.core.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SuggestionsTest {
    private static final List<String> FIELDS = List.of("name", "subnets", "socket", "tlsInspection", "tcp", "udp");

    @ParameterizedTest(name = "{index}: {0} -> {1}")
    @CsvSource(nullValues = "-", value = {
            "subnet, subnets",
            "sockets, socket",
            "tlsinspection, tlsInspection",
            "TLSINSPECTIN, tlsInspection",
            "tpc, tcp",
            "nmae, name",
            "xyz, -",
            "colour, -",
            "inspection, -",
    })
    void suggestsOnlyCloseNames(String given, String expected) {
        assertThat(Suggestions.closest(given, FIELDS).orElse(null)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{index}: {0}/{1}")
    @CsvSource({"kitten, sitting, 3", "tcp, tpc, 1", "abc, abc, 0", "'', ab, 2", "ca, abc, 3"})
    void distanceCountsEditsAndSwaps(String a, String b, int distance) {
        assertThat(Suggestions.distance(a, b)).isEqualTo(distance);
    }

    @Test
    void veryLongTextIsNotCompared() {
        assertThat(Suggestions.closest("s".repeat(100_000), FIELDS)).isEmpty();
    }
}
