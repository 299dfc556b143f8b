package io.wanlab.core.event;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * A small streaming JSON writer (compact, no whitespace) over any {@link Appendable}, for
 * events.jsonl and report.json. It places commas and colons, escapes strings and refuses
 * misuse (a value without a name inside an object, a mismatched end, a second top-level value)
 * with an {@link IllegalStateException}. I/O errors surface as {@link UncheckedIOException}.
 *
 * <p>Strings: {@code "} and {@code \} are backslash-escaped, control characters below U+0020
 * become <code>&#92;u00XX</code>, an unpaired surrogate becomes <code>&#92;uXXXX</code> (so the output stays
 * valid UTF-8), everything else is passed through for the Appendable's encoding (UTF-8 for
 * files). Not thread-safe.
 */
public final class JsonWriter {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private static final byte DOCUMENT = 0;
    private static final byte DOCUMENT_DONE = 1;
    private static final byte OBJECT_EMPTY = 2;
    private static final byte OBJECT = 3;
    private static final byte OBJECT_NAMED = 4;
    private static final byte ARRAY_EMPTY = 5;
    private static final byte ARRAY = 6;

    private final Appendable out;
    private byte[] stack = new byte[8];
    private int depth = 1;

    public JsonWriter(Appendable out) {
        this.out = requireNonNull(out, "out");
        stack[0] = DOCUMENT;
    }

    /** Runs {@code body} against a writer into a String; body must write one complete value. */
    public static String write(Consumer<JsonWriter> body) {
        requireNonNull(body, "body");
        StringBuilder sb = new StringBuilder();
        JsonWriter w = new JsonWriter(sb);
        body.accept(w);
        if (!w.isComplete()) {
            throw new IllegalStateException("json: " + w.where() + " when the body returned (expected: one complete value)");
        }
        return sb.toString();
    }

    public JsonWriter beginObject() {
        beforeValue();
        push(OBJECT_EMPTY);
        return raw('{');
    }

    public JsonWriter endObject() {
        byte top = stack[depth - 1];
        if (top != OBJECT_EMPTY && top != OBJECT) {
            throw new IllegalStateException("endObject: " + where() + " (expected: inside an object, after a value)");
        }
        depth--;
        return raw('}');
    }

    public JsonWriter beginArray() {
        beforeValue();
        push(ARRAY_EMPTY);
        return raw('[');
    }

    public JsonWriter endArray() {
        byte top = stack[depth - 1];
        if (top != ARRAY_EMPTY && top != ARRAY) {
            throw new IllegalStateException("endArray: " + where() + " (expected: inside an array)");
        }
        depth--;
        return raw(']');
    }

    /** The name of the next value in the current object. */
    public JsonWriter name(String name) {
        requireNonNull(name, "name");
        byte top = stack[depth - 1];
        if (top != OBJECT_EMPTY && top != OBJECT) {
            throw new IllegalStateException("name '" + name + "': " + where() + " (expected: inside an object, before a value)");
        }
        if (top == OBJECT) {
            raw(',');
        }
        stack[depth - 1] = OBJECT_NAMED;
        string(name);
        return raw(':');
    }

    /** A string value; null writes {@code null}. */
    public JsonWriter value(String value) {
        if (value == null) {
            return nullValue();
        }
        beforeValue();
        string(value);
        return this;
    }

    public JsonWriter value(long value) {
        beforeValue();
        return raw(Long.toString(value));
    }

    /** A finite number; JSON has no NaN or infinity. */
    public JsonWriter value(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("value: " + value + " (expected: a finite number)");
        }
        beforeValue();
        return raw(Double.toString(value));
    }

    public JsonWriter value(boolean value) {
        beforeValue();
        return raw(value ? "true" : "false");
    }

    public JsonWriter nullValue() {
        beforeValue();
        return raw("null");
    }

    public JsonWriter field(String name, String value) {
        return name(name).value(value);
    }

    public JsonWriter field(String name, long value) {
        return name(name).value(value);
    }

    public JsonWriter field(String name, double value) {
        return name(name).value(value);
    }

    public JsonWriter field(String name, boolean value) {
        return name(name).value(value);
    }

    /** Whether one complete top-level value has been written. */
    public boolean isComplete() {
        return depth == 1 && stack[0] == DOCUMENT_DONE;
    }

    /** Appends {@code value} as a quoted, escaped JSON string. */
    public static void quote(Appendable out, String value) {
        requireNonNull(value, "value");
        new JsonWriter(out).string(value);
    }

    private void string(String s) {
        try {
            out.append('"');
            int plainFrom = 0;
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                String escape = escape(s, i, c);
                if (escape == null) {
                    continue;
                }
                out.append(s, plainFrom, i).append(escape);
                plainFrom = i + 1;
            }
            out.append(s, plainFrom, s.length()).append('"');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The escape for the char at {@code i}, or null when it passes through. */
    private static String escape(String s, int i, char c) {
        if (c == '"') {
            return "\\\"";
        }
        if (c == '\\') {
            return "\\\\";
        }
        if (c < 0x20) {
            return unicodeEscape(c);
        }
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1)) ? null : unicodeEscape(c);
        }
        if (Character.isLowSurrogate(c)) {
            return i > 0 && Character.isHighSurrogate(s.charAt(i - 1)) ? null : unicodeEscape(c);
        }
        return null;
    }

    private static String unicodeEscape(char c) {
        return new String(new char[] {'\\', 'u', HEX[c >> 12], HEX[(c >> 8) & 0xf], HEX[(c >> 4) & 0xf], HEX[c & 0xf]});
    }

    private void beforeValue() {
        byte top = stack[depth - 1];
        switch (top) {
            case DOCUMENT -> stack[depth - 1] = DOCUMENT_DONE;
            case OBJECT_NAMED -> stack[depth - 1] = OBJECT;
            case ARRAY_EMPTY -> stack[depth - 1] = ARRAY;
            case ARRAY -> raw(',');
            default -> throw new IllegalStateException("value: " + where()
                    + " (expected: a name first inside an object, one value per document)");
        }
    }

    private void push(byte state) {
        if (depth == stack.length) {
            stack = Arrays.copyOf(stack, depth * 2);
        }
        stack[depth++] = state;
    }

    private String where() {
        return switch (stack[depth - 1]) {
            case DOCUMENT -> "at the start";
            case DOCUMENT_DONE -> "after the top-level value";
            case OBJECT_EMPTY, OBJECT -> "inside an object";
            case OBJECT_NAMED -> "after a name";
            default -> "inside an array";
        };
    }

    private JsonWriter raw(char c) {
        try {
            out.append(c);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    private JsonWriter raw(String s) {
        try {
            out.append(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }
}
