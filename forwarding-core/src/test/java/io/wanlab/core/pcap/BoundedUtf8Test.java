package io.wanlab.core.pcap;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class BoundedUtf8Test {
    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("empty", "", ""),
                Arguments.of("exactly the limit", "a".repeat(1024), "a".repeat(1024)),
                Arguments.of("one byte over", "a".repeat(1025), "a".repeat(1021) + "..."),
                Arguments.of("2-byte characters", "é".repeat(600), "é".repeat(510) + "..."),
                Arguments.of("3-byte characters", "→".repeat(400), "→".repeat(340) + "..."),
                Arguments.of("4-byte characters", "😀".repeat(300), "😀".repeat(255) + "..."),
                Arguments.of("lone surrogate", "rule \uD800 x", "rule ? x"));
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("cases")
    void encodesWithinTheLimitOnCharacterBoundaries(String name, String text, String expected) {
        byte[] encoded = BoundedUtf8.encode(text, 1024);
        assertThat(encoded.length).isLessThanOrEqualTo(1024);
        assertThat(new String(encoded, UTF_8)).isEqualTo(expected);
    }
}
