package io.wanlab.core.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class JsonWriterTest {

    static Stream<Arguments> strings() {
        return Stream.of(
                Arguments.of("plain", "socket-a", "\"socket-a\""),
                Arguments.of("empty", "", "\"\""),
                Arguments.of("quote", "say \"hi\"", "\"say \\\"hi\\\"\""),
                Arguments.of("backslash", "a\\b", "\"a\\\\b\""),
                Arguments.of("newline", "a\nb", "\"a\\u000ab\""),
                Arguments.of("carriage return and tab", "\r\t", "\"\\u000d\\u0009\""),
                Arguments.of("nul", "\0", "\"\\u0000\""),
                Arguments.of("unit separator", "\u001f", "\"\\u001f\""),
                Arguments.of("space and delete pass", " \u007f", "\" \u007f\""),
                Arguments.of("slash passes", "a/b", "\"a/b\""),
                Arguments.of("latin non-ascii passes", "café", "\"café\""),
                Arguments.of("cjk passes", "東京", "\"東京\""),
                Arguments.of("surrogate pair passes", "x\uD83D\uDE00y", "\"x\uD83D\uDE00y\""),
                Arguments.of("lone high surrogate", "a\uD800b", "\"a\\ud800b\""),
                Arguments.of("lone low surrogate", "a\uDC00", "\"a\\udc00\""),
                Arguments.of("high surrogate at the end", "\uDBFF", "\"\\udbff\""),
                Arguments.of("escapes back to back", "\"\"\\\n", "\"\\\"\\\"\\\\\\u000a\""));
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("strings")
    void stringsAreEscaped(String name, String value, String json) {
        StringBuilder sb = new StringBuilder();
        JsonWriter.quote(sb, value);
        assertThat(sb).hasToString(json);
        assertThat(JsonWriter.write(w -> w.value(value))).isEqualTo(json);
    }

    @Test
    void nestedObjectsAndArrays() {
        String json = JsonWriter.write(w -> w.beginObject()
                .field("name", "fix-1")
                .field("passed", true)
                .field("count", 3)
                .field("ratio", 0.5)
                .name("missing").nullValue()
                .name("empty").beginObject().endObject()
                .name("none").beginArray().endArray()
                .name("steps").beginArray()
                .beginObject().field("at", 1).endObject()
                .value("text")
                .value(-7)
                .beginArray().value(false).endArray()
                .endArray()
                .endObject());
        assertThat(json).isEqualTo("{\"name\":\"fix-1\",\"passed\":true,\"count\":3,\"ratio\":0.5,\"missing\":null,"
                + "\"empty\":{},\"none\":[],\"steps\":[{\"at\":1},\"text\",-7,[false]]}");
    }

    @Test
    void numbers() {
        assertThat(JsonWriter.write(w -> w.beginArray().value(Long.MIN_VALUE).value(0).value(1e21).value(-0.25).endArray()))
                .isEqualTo("[-9223372036854775808,0,1.0E21,-0.25]");
        assertThatThrownBy(() -> new JsonWriter(new StringBuilder()).value(Double.NaN))
                .hasMessage("value: NaN (expected: a finite number)");
        assertThatThrownBy(() -> new JsonWriter(new StringBuilder()).value(Double.POSITIVE_INFINITY))
                .isInstanceOf(IllegalArgumentException.class);
    }

    static Stream<Arguments> misuse() {
        return Stream.of(
                Arguments.of("value without a name in an object", (Consumer<JsonWriter>) w -> w.beginObject().value(1),
                        "value: inside an object (expected: a name first inside an object, one value per document)"),
                Arguments.of("two names in a row", (Consumer<JsonWriter>) w -> w.beginObject().name("a").name("b"),
                        "name 'b': after a name (expected: inside an object, before a value)"),
                Arguments.of("name in an array", (Consumer<JsonWriter>) w -> w.beginArray().name("a"),
                        "name 'a': inside an array (expected: inside an object, before a value)"),
                Arguments.of("endObject closing an array", (Consumer<JsonWriter>) w -> w.beginArray().endObject(),
                        "endObject: inside an array (expected: inside an object, after a value)"),
                Arguments.of("endObject after a dangling name", (Consumer<JsonWriter>) w -> w.beginObject().name("a").endObject(),
                        "endObject: after a name (expected: inside an object, after a value)"),
                Arguments.of("endArray closing an object", (Consumer<JsonWriter>) w -> w.beginObject().endArray(),
                        "endArray: inside an object (expected: inside an array)"),
                Arguments.of("endArray at the start", (Consumer<JsonWriter>) JsonWriter::endArray,
                        "endArray: at the start (expected: inside an array)"),
                Arguments.of("two top-level values", (Consumer<JsonWriter>) w -> w.value(1).value(2),
                        "value: after the top-level value (expected: a name first inside an object, one value per document)"),
                Arguments.of("unclosed object", (Consumer<JsonWriter>) w -> w.beginObject().field("a", 1),
                        "json: inside an object when the body returned (expected: one complete value)"),
                Arguments.of("nothing written", (Consumer<JsonWriter>) w -> { },
                        "json: at the start when the body returned (expected: one complete value)"));
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("misuse")
    void misuseIsRefused(String name, Consumer<JsonWriter> body, String message) {
        assertThatThrownBy(() -> JsonWriter.write(body)).isInstanceOf(IllegalStateException.class).hasMessage(message);
    }

    @Test
    void deepNestingGrowsTheStack() {
        StringBuilder sb = new StringBuilder();
        JsonWriter w = new JsonWriter(sb);
        for (int i = 0; i < 100; i++) {
            w.beginArray();
        }
        for (int i = 0; i < 100; i++) {
            w.endArray();
        }
        assertThat(w.isComplete()).isTrue();
        assertThat(sb).hasToString("[".repeat(100) + "]".repeat(100));
    }

    @Test
    void ioErrorsSurfaceUnchecked() {
        Writer broken = new Writer() {
            @Override
            public void write(char[] buf, int off, int len) throws IOException {
                throw new IOException("disk full");
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        assertThatThrownBy(() -> new JsonWriter(broken).value("x"))
                .isInstanceOf(UncheckedIOException.class).hasRootCauseMessage("disk full");
    }
}
