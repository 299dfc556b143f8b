package io.wanlab.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class JsonTest {
    @Test
    void writesOneCompactValue() {
        assertThat(Json.write(g -> g.writeStartObject().writeStringProperty("path", "/run/wanlab").writeNumberProperty("n", 1)
                .writeNullProperty("x").writeEndObject()))
                .as("compact, slashes left alone")
                .isEqualTo("{\"path\":\"/run/wanlab\",\"n\":1,\"x\":null}");
    }

    @Test
    void surrogatesAndJavaScriptLineEndsAreEscapedSoTheTextIsValidUtf8() {
        String hostile = "a\u2028b\u2029c \ud800 \ud83d\ude00 é";
        String json = Json.write(g -> g.writeString(hostile));
        assertThat(json).isEqualTo("\"a\\u2028b\\u2029c \\ud800 \\ud83d\\ude00 é\"");
        assertThat(Json.strict().readTree(json).stringValue()).as("reads back to the same Java string").isEqualTo(hostile);
    }

    @Test
    void anUnfinishedOrSecondValueIsRefused() {
        assertThatThrownBy(() -> Json.write(g -> g.writeStartObject()))
                .hasMessage("json: the body wrote an unfinished value (expected: one complete value)");
        assertThatThrownBy(() -> Json.write(g -> g.writeNumber(1).writeNumber(2)))
                .hasMessage("json: the body wrote 2 values (expected: one complete value)");
    }

    @Test
    void strictReadingRefusesDuplicatesAndDeepNesting() {
        assertThatThrownBy(() -> Json.strict().readTree("{\"a\":1,\"a\":2}")).hasMessageContaining("Duplicate Object property \"a\"");
        String deep = "[".repeat(Json.MAX_DEPTH + 1) + "]".repeat(Json.MAX_DEPTH + 1);
        assertThatThrownBy(() -> Json.strict().readTree(deep)).hasMessageContaining("nesting depth");
        String deepest = "[".repeat(Json.MAX_DEPTH) + "]".repeat(Json.MAX_DEPTH);
        assertThat(Json.strict().readTree(deepest).isArray()).isTrue();
    }
}
